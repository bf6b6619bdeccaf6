using System;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmPreflight.Internal.Prompts
{
    /// <summary>
    /// Turns an argument into the text a placeholder shows, after checking it against the parameter's declared type.
    /// Strict on purpose: a prompt that silently shows "3,5" on a German server, a time where a date was meant, or a
    /// stringified object instead of its JSON is a quality bug nobody sees until the model answers badly.
    /// </summary>
    internal static class PromptArgumentFormatter
    {
        // Prompts are not HTML: the default encoder would turn "é" and "<" into \u escapes, costing tokens and clarity.
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>Formats the value, or returns why it does not fit (a sentence naming the parameter).</summary>
        public static string? TryFormat(LlmPromptParameter parameter, object? value, out string text)
        {
            text = string.Empty;
            if (value is null && parameter.Type != LlmPromptParameterType.Json)
            {
                return $"parameter '{parameter.Name}' ({parameter.TypeName}) is null; pass {Expected(parameter)}.";
            }

            switch (parameter.Type)
            {
                case LlmPromptParameterType.String:
                    if (value is string s)
                    {
                        text = s;
                        return null;
                    }

                    break;

                case LlmPromptParameterType.Int:
                    if (IsWhole(value))
                    {
                        text = ((IFormattable)value!).ToString(null, CultureInfo.InvariantCulture);
                        return null;
                    }

                    break;

                case LlmPromptParameterType.Number:
                    return FormatNumber(parameter, value!, out text);

                case LlmPromptParameterType.Bool:
                    if (value is bool b)
                    {
                        text = b ? "true" : "false";
                        return null;
                    }

                    break;

                case LlmPromptParameterType.Date:
                    return FormatDate(parameter, value!, out text);

                case LlmPromptParameterType.DateTime:
                    if (value is DateTime dateTime)
                    {
                        text = dateTime.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
                        return null;
                    }

                    if (value is DateTimeOffset offset)
                    {
                        text = offset.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                        return null;
                    }

                    break;

                case LlmPromptParameterType.Json:
                    return FormatJson(parameter, value, out text);

                case LlmPromptParameterType.Enum:
                    string? choice = value is string named ? named : value is Enum member ? member.ToString() : null;
                    if (choice is null)
                    {
                        break;
                    }

                    if (parameter.Choices.Contains(choice, StringComparer.Ordinal))
                    {
                        text = choice;
                        return null;
                    }

                    return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given {Show(choice)}; pass {Expected(parameter)}.";
            }

            return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given {Describe(value!)}; pass {Expected(parameter)}.";
        }

        private static string? FormatNumber(LlmPromptParameter parameter, object value, out string text)
        {
            text = string.Empty;
            double? real = value is double d ? d : value is float f ? f : (double?)null;
            if (real is double r && (double.IsNaN(r) || double.IsInfinity(r)))
            {
                return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given {Describe(value)}; pass a finite number.";
            }

            if (value is double exact)
            {
                text = exact.ToString("R", CultureInfo.InvariantCulture);
            }
            else if (value is float single)
            {
                text = single.ToString("R", CultureInfo.InvariantCulture);
            }
            else if (value is decimal || IsWhole(value))
            {
                text = ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
            }
            else
            {
                return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given {Describe(value)}; pass {Expected(parameter)}.";
            }

            return null;
        }

        private static string? FormatDate(LlmPromptParameter parameter, object value, out string text)
        {
            text = string.Empty;
            DateTime? date = value is DateTime dt ? dt : value is DateTimeOffset dto ? dto.DateTime : (DateTime?)null;
#if NET6_0_OR_GREATER
            if (value is DateOnly only)
            {
                date = only.ToDateTime(TimeOnly.MinValue);
            }
#endif
            if (date is not DateTime day)
            {
                return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given {Describe(value)}; pass {Expected(parameter)}.";
            }

            if (day.TimeOfDay != TimeSpan.Zero)
            {
                return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given {Describe(value)}, which has a time of day; pass its .Date, or declare the parameter as datetime.";
            }

            text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return null;
        }

        private static string? FormatJson(LlmPromptParameter parameter, object? value, out string text)
        {
            text = "null";
            switch (value)
            {
                case null:
                    return null;
                case string json:
                    try
                    {
                        using (JsonDocument.Parse(json))
                        {
                        }
                    }
                    catch (JsonException)
                    {
                        return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given a string that is not JSON ({Show(json)}); pass the object itself to have it serialised, or JSON text.";
                    }

                    text = json.Trim();
                    return null;
                case JsonElement element:
                    text = element.GetRawText();
                    return null;
                case JsonDocument document:
                    text = document.RootElement.GetRawText();
                    return null;
                case JsonNode node:
                    text = node.ToJsonString(JsonOptions);
                    return null;
            }

            try
            {
                text = JsonSerializer.Serialize(value, value.GetType(), JsonOptions);
                return null;
            }
            catch (Exception exception) when (exception is JsonException || exception is NotSupportedException || exception is InvalidOperationException)
            {
                return $"parameter '{parameter.Name}' ({parameter.TypeName}) was given a {value.GetType().Name} that System.Text.Json cannot serialise: {exception.Message}";
            }
        }

        private static bool IsWhole(object? value)
            => value is int || value is long || value is short || value is byte || value is sbyte || value is uint || value is ulong || value is ushort;

        private static string Expected(LlmPromptParameter parameter) => parameter.Type switch
        {
            LlmPromptParameterType.String => "a string",
            LlmPromptParameterType.Int => "a whole number (int, long, ...)",
            LlmPromptParameterType.Number => "a number (int, double, decimal, ...)",
            LlmPromptParameterType.Bool => "true or false",
            LlmPromptParameterType.Date => "a DateTime, DateTimeOffset or DateOnly with no time of day",
            LlmPromptParameterType.DateTime => "a DateTime or DateTimeOffset",
            LlmPromptParameterType.Enum => "one of " + string.Join(", ", parameter.Choices),
            _ => "a value",
        };

        /// <summary>A value as an error message shows it: its type and a short rendering, so secrets in long values stay out of logs.</summary>
        private static string Describe(object value)
            => value is string s ? "a string (" + Show(s) + ")"
                : "a " + value.GetType().Name + " (" + Shorten(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty) + ")";

        private static string Show(string value) => "\"" + Shorten(value) + "\"";

        private static string Shorten(string value) => value.Length <= 40 ? value : value.Substring(0, 40) + "...";
    }
}
