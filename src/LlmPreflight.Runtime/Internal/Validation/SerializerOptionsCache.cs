using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>The parser's default serializer options, and callers' options made usable for contract metadata.</summary>
    internal static class SerializerOptionsCache
    {
        private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> WithResolver = new ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions>();

        public static readonly JsonSerializerOptions Default = CreateDefault();

        /// <summary>
        /// The options to use: the caller's, or a copy with the reflection resolver when they have none (metadata, the
        /// schema and the DataAnnotations walk need one; deserialisation would add it silently anyway).
        /// </summary>
        public static JsonSerializerOptions Resolve(JsonSerializerOptions? options)
        {
            if (options is null)
            {
                return Default;
            }

            return options.TypeInfoResolver != null
                ? options
                : WithResolver.GetValue(options, o => new JsonSerializerOptions(o) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() });
        }

        private static JsonSerializerOptions CreateDefault()
        {
            // Lenient where models are sloppy and it is safe: name casing, comments, trailing commas, enum names in any
            // case. Not lenient where it would guess: numbers in strings, enum values as numbers.
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                PropertyNameCaseInsensitive = true,
                ReadCommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            };
            options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            options.MakeReadOnly();
            return options;
        }
    }
}
