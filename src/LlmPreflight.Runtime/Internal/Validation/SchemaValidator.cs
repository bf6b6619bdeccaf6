using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Checks a JSON value against a compiled schema and collects every violation with its path, in sentences a model
    /// can act on when they are sent back. Leniency matches the deserialiser: property names (when it ignores case) and
    /// enum strings (the string-enum converter reads them without case) compare case-insensitively.
    /// </summary>
    internal sealed class SchemaValidator
    {
        // A reply that is wrong everywhere needs fixing everywhere; listing more than this mostly costs tokens.
        public const int MaxErrors = 25;

        private readonly List<LlmValidationError> _errors;

        private SchemaValidator(List<LlmValidationError> errors) => _errors = errors;

        public static List<LlmValidationError> Validate(SchemaNode schema, JsonElement value)
        {
            var errors = new List<LlmValidationError>();
            new SchemaValidator(errors).Check(schema, value, JsonPaths.Root, 0);
            return errors;
        }

        private bool Full => _errors.Count >= MaxErrors;

        private void Add(string path, string message)
        {
            if (!Full)
            {
                _errors.Add(new LlmValidationError(path, message));
            }
        }

        private void Check(SchemaNode schema, JsonElement value, string path, int depth)
        {
            if (Full || depth > 64)
            {
                return;
            }

            if (schema.RejectsAll)
            {
                Add(path, "is not allowed here.");
                return;
            }

            if (schema.Ref != null)
            {
                Check(schema.Ref, value, path, depth + 1);
            }

            if (schema.Types != JsonTypes.Any && !HasType(schema.Types, value))
            {
                Add(path, $"must be {Expected(schema.Types)}, but is {Describe(value)}.");
                return;
            }

            if (schema.Enum != null && !schema.Enum.Any(allowed => SameValue(allowed, value)))
            {
                Add(path, $"must be one of {string.Join(", ", schema.Enum.Select(e => e.GetRawText()))}, but is {Describe(value)}.");
            }

            if (schema.Const is JsonElement constant && !SameValue(constant, value))
            {
                Add(path, $"must be {constant.GetRawText()}, but is {Describe(value)}.");
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    CheckObject(schema, value, path, depth);
                    break;
                case JsonValueKind.Array:
                    CheckArray(schema, value, path, depth);
                    break;
                case JsonValueKind.String:
                    CheckString(schema, value.GetString()!, path);
                    break;
                case JsonValueKind.Number:
                    CheckNumber(schema, value, path);
                    break;
            }

            if (schema.AllOf != null)
            {
                foreach (SchemaNode branch in schema.AllOf)
                {
                    Check(branch, value, path, depth + 1);
                }
            }

            if (schema.AnyOf != null)
            {
                CheckAnyOf(schema.AnyOf, value, path, depth);
            }
        }

        private void CheckObject(SchemaNode schema, JsonElement value, string path, int depth)
        {
            if (schema.Required != null)
            {
                foreach (string name in schema.Required)
                {
                    if (!HasProperty(value, name, schema.Names))
                    {
                        Add(JsonPaths.Property(path, name), "is required but missing.");
                    }
                }
            }

            foreach (JsonProperty property in value.EnumerateObject())
            {
                string at = JsonPaths.Property(path, property.Name);
                if (schema.Properties != null && schema.Properties.TryGetValue(property.Name, out SchemaNode? propertySchema))
                {
                    Check(propertySchema, property.Value, at, depth + 1);
                }
                else if (schema.AdditionalProperties != null)
                {
                    if (schema.AdditionalProperties.RejectsAll)
                    {
                        Add(at, "is not an allowed property.");
                    }
                    else
                    {
                        Check(schema.AdditionalProperties, property.Value, at, depth + 1);
                    }
                }
            }
        }

        private void CheckArray(SchemaNode schema, JsonElement value, string path, int depth)
        {
            int count = value.GetArrayLength();
            if (schema.MinItems is int min && count < min)
            {
                Add(path, $"must have at least {min} item{Plural(min)}, but has {count}.");
            }

            if (schema.MaxItems is int max && count > max)
            {
                Add(path, $"must have at most {max} item{Plural(max)}, but has {count}.");
            }

            if (schema.Items != null)
            {
                int index = 0;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    Check(schema.Items, item, JsonPaths.Index(path, index++), depth + 1);
                }
            }
        }

        private void CheckString(SchemaNode schema, string text, string path)
        {
            // Lengths count characters as JSON schema does (code points), not UTF-16 units.
            int length = CodePoints(text);
            if (schema.MinLength is int min && length < min)
            {
                Add(path, $"must be at least {min} character{Plural(min)} long, but has {length}.");
            }

            if (schema.MaxLength is int max && length > max)
            {
                Add(path, $"must be at most {max} character{Plural(max)} long, but has {length}.");
            }

            if (schema.Pattern != null && !Matches(schema.Pattern, text))
            {
                Add(path, $"must match the pattern {schema.Pattern}, but is {Quote(text)}.");
            }
        }

        private void CheckNumber(SchemaNode schema, JsonElement value, string path)
        {
            double number = value.GetDouble();
            string shown = value.GetRawText();
            if (schema.Minimum is double min && number < min)
            {
                Add(path, $"must be at least {Format(min)}, but is {shown}.");
            }

            if (schema.Maximum is double max && number > max)
            {
                Add(path, $"must be at most {Format(max)}, but is {shown}.");
            }

            if (schema.ExclusiveMinimum is double exclusiveMin && number <= exclusiveMin)
            {
                Add(path, $"must be greater than {Format(exclusiveMin)}, but is {shown}.");
            }

            if (schema.ExclusiveMaximum is double exclusiveMax && number >= exclusiveMax)
            {
                Add(path, $"must be less than {Format(exclusiveMax)}, but is {shown}.");
            }
        }

        /// <summary>Valid when one branch fits; otherwise the errors of the branch that came closest, so the fix is concrete.</summary>
        private void CheckAnyOf(List<SchemaNode> branches, JsonElement value, string path, int depth)
        {
            List<LlmValidationError>? closest = null;
            foreach (SchemaNode branch in branches)
            {
                var errors = new List<LlmValidationError>();
                new SchemaValidator(errors).Check(branch, value, path, depth + 1);
                if (errors.Count == 0)
                {
                    return;
                }

                if (closest is null || errors.Count < closest.Count)
                {
                    closest = errors;
                }
            }

            Add(path, $"does not match any of the {branches.Count} allowed shapes; the closest one fails as follows.");
            foreach (LlmValidationError error in closest ?? new List<LlmValidationError>())
            {
                Add(error.Path, error.Message);
            }
        }

        private static bool HasProperty(JsonElement value, string name, IEqualityComparer<string> comparer)
        {
            foreach (JsonProperty property in value.EnumerateObject())
            {
                if (comparer.Equals(property.Name, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasType(JsonTypes types, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    return (types & JsonTypes.Null) != 0;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return (types & JsonTypes.Boolean) != 0;
                case JsonValueKind.Object:
                    return (types & JsonTypes.Object) != 0;
                case JsonValueKind.Array:
                    return (types & JsonTypes.Array) != 0;
                case JsonValueKind.String:
                    return (types & JsonTypes.String) != 0;
                case JsonValueKind.Number:
                    return (types & JsonTypes.Number) != 0 || ((types & JsonTypes.Integer) != 0 && IsInteger(value));
                default:
                    return false;
            }
        }

        /// <summary>An integer as the deserialiser reads one into int/long: no fraction, no exponent.</summary>
        private static bool IsInteger(JsonElement number) => number.GetRawText().IndexOfAny(new[] { '.', 'e', 'E' }) < 0;

        private static bool SameValue(JsonElement allowed, JsonElement value)
        {
            if (allowed.ValueKind != value.ValueKind)
            {
                return false;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return string.Equals(allowed.GetString(), value.GetString(), StringComparison.OrdinalIgnoreCase);
                case JsonValueKind.Number:
                    return allowed.GetDouble() == value.GetDouble();
                case JsonValueKind.True:
                case JsonValueKind.False:
                case JsonValueKind.Null:
                    return true;
                default:
                    return allowed.GetRawText() == value.GetRawText();
            }
        }

        private static bool Matches(Regex pattern, string text)
        {
            try
            {
                return pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        private static string Expected(JsonTypes types)
        {
            var names = new List<string>();
            if ((types & JsonTypes.Object) != 0)
            {
                names.Add("an object");
            }

            if ((types & JsonTypes.Array) != 0)
            {
                names.Add("an array");
            }

            if ((types & JsonTypes.String) != 0)
            {
                names.Add("a string");
            }

            if ((types & JsonTypes.Integer) != 0 && (types & JsonTypes.Number) == 0)
            {
                names.Add("an integer");
            }

            if ((types & JsonTypes.Number) != 0)
            {
                names.Add("a number");
            }

            if ((types & JsonTypes.Boolean) != 0)
            {
                names.Add("true or false");
            }

            if ((types & JsonTypes.Null) != 0)
            {
                names.Add("null");
            }

            return string.Join(" or ", names);
        }

        /// <summary>The value as the error shows it: short scalars verbatim, containers by kind.</summary>
        internal static string Describe(JsonElement value)
            => value.ValueKind switch
            {
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => "an array",
                JsonValueKind.String => "the string " + Quote(value.GetString()!),
                JsonValueKind.Number => "the number " + value.GetRawText(),
                JsonValueKind.Null => "null",
                _ => value.GetRawText(),
            };

        private static string Quote(string text) => "\"" + (text.Length <= 60 ? text : text.Substring(0, 60) + "…") + "\"";

        private static string Plural(int count) => count == 1 ? string.Empty : "s";

        private static string Format(double number) => number.ToString("R", CultureInfo.InvariantCulture);

        private static int CodePoints(string text)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
                {
                    count++;
                }
            }

            return count;
        }
    }
}
