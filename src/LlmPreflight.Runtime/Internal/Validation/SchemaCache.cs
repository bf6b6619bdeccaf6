using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// The compiled schema of each target type, generated once per type and serializer options with
    /// Microsoft.Extensions.AI's <c>AIJsonUtilities.CreateJsonSchema</c>: the generator the MEAI structured-output helpers
    /// use, so the check matches the schema a model is usually given, and it emits DataAnnotations ranges, lengths and
    /// patterns. (System.Text.Json's own exporter needs System.Text.Json 9, which netstandard2.0 and net8.0 do not carry.)
    /// </summary>
    internal static class SchemaCache
    {
        private static readonly ConditionalWeakTable<JsonSerializerOptions, ConcurrentDictionary<Type, SchemaNode>> Generated
            = new ConditionalWeakTable<JsonSerializerOptions, ConcurrentDictionary<Type, SchemaNode>>();

        public static SchemaNode For(Type type, JsonSerializerOptions options)
            => Generated.GetValue(options, _ => new ConcurrentDictionary<Type, SchemaNode>())
                .GetOrAdd(type, t => SchemaCompiler.Compile(Generate(t, options), options.PropertyNameCaseInsensitive));

        /// <summary>The caller's own schema, compiled once and kept with their parse options.</summary>
        public static SchemaNode For(LlmParseOptions parseOptions, JsonElement schema, JsonSerializerOptions options)
        {
            if (parseOptions.CompiledSchema is SchemaNode compiled)
            {
                return compiled;
            }

            compiled = SchemaCompiler.Compile(schema, options.PropertyNameCaseInsensitive);
            parseOptions.CompiledSchema = compiled;
            return compiled;
        }

        private static JsonElement Generate(Type type, JsonSerializerOptions options)
        {
            try
            {
                return AIJsonUtilities.CreateJsonSchema(type, serializerOptions: options);
            }
            catch (Exception error) when (error is NotSupportedException || error is InvalidOperationException || error is ArgumentException)
            {
                throw new InvalidOperationException(
                    $"No JSON schema can be generated for {TypeNames.Display(type)}: {error.Message} Set LlmParseOptions.ValidateSchema = false, or pass your own LlmParseOptions.Schema.",
                    error);
            }
        }
    }
}
