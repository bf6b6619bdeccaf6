using System;
using System.Text.Json;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>The JSON found in a model's text and its parsed document, or why none could be used. The caller disposes it.</summary>
    internal sealed class JsonExtraction : IDisposable
    {
        private JsonExtraction(JsonDocument? document, string? json, LlmValidationError? error)
        {
            Document = document;
            Json = json;
            Error = error;
        }

        public JsonDocument? Document { get; }

        /// <summary>The JSON text that was parsed (or, on a syntax error, that was tried).</summary>
        public string? Json { get; }

        public LlmValidationError? Error { get; }

        public static JsonExtraction Found(JsonDocument document, string json) => new JsonExtraction(document, json, null);

        public static JsonExtraction Failed(string? json, string message) => new JsonExtraction(null, json, new LlmValidationError("$", message));

        public void Dispose() => Document?.Dispose();
    }
}
