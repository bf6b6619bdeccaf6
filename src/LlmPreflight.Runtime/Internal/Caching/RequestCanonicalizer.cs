using System;
using System.ClientModel.Primitives;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// Writes a request as canonical text for <see cref="LlmCacheKey"/>. How a type is written is decided once per type
    /// and kept as a delegate, so a call costs a dictionary lookup and the serialization itself.
    /// </summary>
    internal static class RequestCanonicalizer
    {
        private const int MaxDepth = 16;

        private static readonly ModelReaderWriterOptions JsonFormat = new ModelReaderWriterOptions("J");

        private static readonly ConcurrentDictionary<Type, Func<object, string>> Writers = new ConcurrentDictionary<Type, Func<object, string>>();

        public static void Write(StringBuilder text, object? request) => Write(text, request, 0);

        private static void Write(StringBuilder text, object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException($"The cache request nests sequences more than {MaxDepth} deep. Pass a flatter request, or a string key of your own.", "request");
            }

            switch (value)
            {
                case null:
                    text.Append("n;");
                    return;
                case string s:
                    Append(text, 's', null, s);
                    return;
                case IPersistableModel<object>:
                case ChatOptions:
                case IDictionary:
                    break;
                case IEnumerable sequence:
                    // Element by element: a list of OpenAI messages is only serializable one model at a time.
                    text.Append("a[");
                    foreach (object? item in sequence)
                    {
                        Write(text, item, depth + 1);
                    }

                    text.Append("];");
                    return;
            }

            Type type = value.GetType();
            Append(text, 'o', StableTypeName.Of(type), Writers.GetOrAdd(type, Build)(value));
        }

        private static void Append(StringBuilder text, char tag, string? typeName, string json)
        {
            text.Append(tag);
            if (typeName != null)
            {
                text.Append(typeName.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(typeName);
            }

            text.Append(json.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(json).Append(';');
        }

        private static Func<object, string> Build(Type type)
        {
            if (typeof(IPersistableModel<object>).IsAssignableFrom(type))
            {
                return value => ((IPersistableModel<object>)value).Write(JsonFormat).ToString();
            }

            JsonTypeInfo info;
            try
            {
                info = AIJsonUtilities.DefaultOptions.GetTypeInfo(type);
            }
            catch (Exception e) when (e is NotSupportedException || e is InvalidOperationException || e is ArgumentException)
            {
                throw new ArgumentException($"The cache request of type {StableTypeName.Of(type)} cannot be serialized with System.Text.Json ({e.Message}). "
                    + "Pass what determines the answer instead (messages, options, strings), or compute a key of your own and pass it as a string.", "request", e);
            }

            bool hasProperties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Length > 0;
            if (typeof(ChatOptions).IsAssignableFrom(type))
            {
                return value => JsonSerializer.Serialize(value, info) + Tools((ChatOptions)value);
            }

            return value =>
            {
                string json = JsonSerializer.Serialize(value, info);
                if (json == "{}" && !hasProperties)
                {
                    // A value tuple or a type with fields only: every request would get the same key.
                    throw new ArgumentException($"The cache request of type {StableTypeName.Of(type)} serializes to {{}} (it has no public properties), so it cannot tell "
                        + "requests apart. Pass several parts as an array (new object[] { messages, options }) rather than a tuple, or a string key of your own.", "request");
                }

                return json;
            };
        }

        /// <summary>ChatOptions.Tools is not serialized by System.Text.Json, but the tools offered change the answer.</summary>
        private static string Tools(ChatOptions options)
        {
            if (options.Tools is not { Count: > 0 } tools)
            {
                return string.Empty;
            }

            var text = new StringBuilder("|tools[");
            foreach (AITool tool in tools)
            {
                text.Append(StableTypeName.Of(tool.GetType())).Append('|')
                    .Append(JsonSerializer.Serialize(tool.Name, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(string)))).Append('|')
                    .Append(JsonSerializer.Serialize(tool.Description, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(string))));
                if (tool is AIFunction function)
                {
                    text.Append('|').Append(function.JsonSchema.GetRawText());
                }

                text.Append(';');
            }

            return text.Append(']').ToString();
        }
    }
}
