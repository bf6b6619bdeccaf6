using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Model text to a checked value: status, extraction, schema, deserialisation, DataAnnotations. Each step that fails
    /// ends the parse with its errors rather than an exception; a later step would mostly repeat them less precisely.
    /// </summary>
    internal static class OutputParser
    {
        public static LlmParseResult<T> Parse<T>(string? text, LlmParseOptions? parseOptions, LlmCompletionStatus status)
        {
            LlmParseOptions settings = parseOptions ?? LlmParseOptions.Default;
            if (!status.IsUsable)
            {
                return Invalid<T>(text, null, status, new LlmValidationError(JsonPaths.Root, LlmIncompleteOutputException.Describe(status)));
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return Invalid<T>(text, null, status, new LlmValidationError(JsonPaths.Root, $"The output is empty; expected JSON for {TypeNames.Display(typeof(T))}."));
            }

            JsonSerializerOptions options = SerializerOptionsCache.Resolve(settings.SerializerOptions);
            JsonTypeInfo info = options.GetTypeInfo(typeof(T));
            using JsonExtraction extraction = JsonTextExtractor.Extract(text!, Expected(info.Kind), DocumentOptions(options));
            if (extraction.Document is null)
            {
                return Invalid<T>(text, extraction.Json, status, extraction.Error!);
            }

            JsonElement root = extraction.Document.RootElement;
            if (settings.ValidateSchema)
            {
                SchemaNode schema = settings.Schema is JsonElement own ? SchemaCache.For(settings, own, options) : SchemaCache.For(typeof(T), options);
                List<LlmValidationError> schemaErrors = SchemaValidator.Validate(schema, root);
                if (schemaErrors.Count > 0)
                {
                    return new LlmParseResult<T>(default!, schemaErrors, text, extraction.Json, status);
                }
            }

            T? value;
            try
            {
                value = root.Deserialize<T>(options);
            }
            catch (JsonException error)
            {
                return Invalid<T>(text, extraction.Json, status, FromJsonException(error));
            }
            catch (NotSupportedException error)
            {
                // Raised for data too, e.g. a polymorphic base type without its discriminator.
                return Invalid<T>(text, extraction.Json, status, new LlmValidationError(JsonPaths.Root, $"The JSON cannot be read as {TypeNames.Display(typeof(T))}: {error.Message}"));
            }

            if (value is null)
            {
                return Invalid<T>(text, extraction.Json, status, new LlmValidationError(JsonPaths.Root, $"The JSON is null; expected {TypeNames.Display(typeof(T))}."));
            }

            if (settings.ValidateDataAnnotations)
            {
                List<LlmValidationError> annotationErrors = DataAnnotationsWalker.Validate(value, options);
                if (annotationErrors.Count > 0)
                {
                    return new LlmParseResult<T>(default!, annotationErrors, text, extraction.Json, status);
                }
            }

            return new LlmParseResult<T>(value, null, text, extraction.Json, status);
        }

        private static LlmParseResult<T> Invalid<T>(string? text, string? json, LlmCompletionStatus status, LlmValidationError error)
            => new LlmParseResult<T>(default!, new[] { error }, text, json, status);

        private static char? Expected(JsonTypeInfoKind kind)
            => kind switch
            {
                JsonTypeInfoKind.Object => '{',
                JsonTypeInfoKind.Dictionary => '{',
                JsonTypeInfoKind.Enumerable => '[',
                _ => null,
            };

        private static JsonDocumentOptions DocumentOptions(JsonSerializerOptions options)
            => new JsonDocumentOptions
            {
                AllowTrailingCommas = options.AllowTrailingCommas,
                CommentHandling = options.ReadCommentHandling == JsonCommentHandling.Disallow ? JsonCommentHandling.Disallow : JsonCommentHandling.Skip,
                MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
            };

        /// <summary>The deserialiser's error at its path, without the position tail; its conversion sentence said plainly.</summary>
        private static LlmValidationError FromJsonException(JsonException error)
        {
            string message = error.Message;
            int tail = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (tail < 0)
            {
                tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            }

            message = tail < 0 ? message : message.Substring(0, tail);
            const string Conversion = "The JSON value could not be converted to ";
            if (message.StartsWith(Conversion, StringComparison.Ordinal))
            {
                message = "cannot be read as " + message.Substring(Conversion.Length).TrimEnd('.') + ".";
            }

            return new LlmValidationError(string.IsNullOrEmpty(error.Path) ? JsonPaths.Root : error.Path!, message);
        }
    }
}
