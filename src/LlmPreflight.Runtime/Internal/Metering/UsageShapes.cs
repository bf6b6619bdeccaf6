using System;
using System.Collections.Concurrent;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// Reads the counters of a usage object (OpenAI <c>ChatTokenUsage</c>, MEAI <c>UsageDetails</c>,
    /// Anthropic <c>Usage</c>/<c>MessageDeltaUsage</c>, Ollama done items, ...) through delegates compiled once per type.
    /// </summary>
    internal static class UsageShapes
    {
        private static readonly string[] InputNames = { "InputTokenCount", "InputTokens", "PromptTokens", "PromptEvalCount" };
        private static readonly string[] OutputNames = { "OutputTokenCount", "OutputTokens", "CompletionTokens", "EvalCount" };

        private static readonly ConcurrentDictionary<Type, Shape> Cache = new ConcurrentDictionary<Type, Shape>();
        private static readonly ConcurrentDictionary<Type, Func<object, string?>> ModelTexts = new ConcurrentDictionary<Type, Func<object, string?>>();

        /// <summary>Reads a usage object's counters; false when it has neither an input nor an output counter.</summary>
        public static bool TryRead(object? usageObject, out LlmUsage usage)
        {
            if (usageObject is null)
            {
                usage = default;
                return false;
            }

            Shape shape = Cache.GetOrAdd(usageObject.GetType(), type => new Shape(type));
            return shape.TryRead(usageObject, out usage);
        }

        /// <summary>A model value as text: strings as they are, Anthropic's <c>ApiEnum</c> through <c>Raw()</c>, others through ToString.</summary>
        public static string? ModelText(object? model)
        {
            if (model is null || model is string)
            {
                return (string?)model;
            }

            Func<object, string?> read = ModelTexts.GetOrAdd(model.GetType(), type => Accessors.StringMethod(type, "Raw") ?? (o => o.ToString()));
            return read(model);
        }

        private sealed class Shape
        {
            private readonly Func<object, long?>? _input;
            private readonly Func<object, long?>? _output;
            private readonly Func<object, long?>? _cachedIncluded;
            private readonly Func<object, object?>? _inputDetails;
            private readonly Func<object, long?>? _cacheRead;
            private readonly Func<object, long?>? _cacheCreation;

            public Shape(Type type)
            {
                _input = First(type, InputNames);
                _output = First(type, OutputNames);
                _cachedIncluded = Accessors.Number(type, "CachedInputTokenCount");
                _inputDetails = Accessors.Property(type, "InputTokenDetails");

                // Anthropic counts cache reads and writes outside input_tokens; both are input the call sent.
                _cacheRead = Accessors.Number(type, "CacheReadInputTokens");
                _cacheCreation = Accessors.Number(type, "CacheCreationInputTokens");
            }

            public bool TryRead(object value, out LlmUsage usage)
            {
                long? input = _input?.Invoke(value);
                long? output = _output?.Invoke(value);
                if (input is null && output is null)
                {
                    usage = default;
                    return false;
                }

                long cached = _cachedIncluded?.Invoke(value) ?? CachedFromDetails(value) ?? 0;
                long cacheRead = _cacheRead?.Invoke(value) ?? 0;
                long cacheCreation = _cacheCreation?.Invoke(value) ?? 0;
                usage = new LlmUsage((input ?? 0) + cacheRead + cacheCreation, output ?? 0, cached + cacheRead);
                return true;
            }

            private static Func<object, long?>? First(Type type, string[] names)
            {
                foreach (string name in names)
                {
                    Func<object, long?>? read = Accessors.Number(type, name);
                    if (read != null)
                    {
                        return read;
                    }
                }

                return null;
            }

            /// <summary>OpenAI: <c>InputTokenDetails.CachedTokenCount</c> (chat and responses).</summary>
            private long? CachedFromDetails(object value)
            {
                object? details = _inputDetails?.Invoke(value);
                return details is null ? null : DetailShapes.GetOrAdd(details.GetType(), t => Accessors.Number(t, "CachedTokenCount") ?? (_ => null))(details);
            }

            private static readonly ConcurrentDictionary<Type, Func<object, long?>> DetailShapes = new ConcurrentDictionary<Type, Func<object, long?>>();
        }
    }
}
