using System.Collections;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Runs DataAnnotations validation on a deserialised value and everything reachable from it. The walk follows the
    /// serializer's own contract (<see cref="JsonTypeInfo"/>), so it visits exactly what came from the JSON and reports
    /// each error at its JSON path with the JSON property name (<c>$.lines[1].qty</c>), where
    /// <c>Validator.TryValidateObject</c> alone checks only the top object and names CLR members.
    /// </summary>
    internal sealed class DataAnnotationsWalker
    {
        private const int MaxDepth = 64;

        private readonly JsonSerializerOptions _options;
        private readonly List<LlmValidationError> _errors = new List<LlmValidationError>();
        private readonly HashSet<object> _visited = new HashSet<object>(ReferenceComparer.Instance);

        private DataAnnotationsWalker(JsonSerializerOptions options) => _options = options;

        public static List<LlmValidationError> Validate(object value, JsonSerializerOptions options)
        {
            var walker = new DataAnnotationsWalker(options);
            walker.Walk(value, JsonPaths.Root, 0);
            return walker._errors;
        }

        private void Walk(object value, string path, int depth)
        {
            if (depth > MaxDepth || _errors.Count >= SchemaValidator.MaxErrors || (!value.GetType().IsValueType && !_visited.Add(value)))
            {
                return;
            }

            JsonTypeInfo info = _options.GetTypeInfo(value.GetType());
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    CheckObject(value, info, path);
                    foreach (JsonPropertyInfo property in info.Properties)
                    {
                        if (property.Get?.Invoke(value) is object child)
                        {
                            Walk(child, JsonPaths.Property(path, property.Name), depth + 1);
                        }
                    }

                    break;
                case JsonTypeInfoKind.Dictionary when value is IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (entry.Value != null)
                        {
                            Walk(entry.Value, JsonPaths.Property(path, entry.Key.ToString() ?? string.Empty), depth + 1);
                        }
                    }

                    break;
                case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                    int index = 0;
                    foreach (object? item in items)
                    {
                        if (item != null)
                        {
                            Walk(item, JsonPaths.Index(path, index), depth + 1);
                        }

                        index++;
                    }

                    break;
            }
        }

        private void CheckObject(object value, JsonTypeInfo info, string path)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
            {
                return;
            }

            foreach (ValidationResult result in results)
            {
                string message = result.ErrorMessage ?? "is not valid.";
                bool named = false;
                foreach (string member in result.MemberNames)
                {
                    named = true;
                    _errors.Add(new LlmValidationError(JsonPaths.Property(path, JsonName(info, member)), message));
                }

                if (!named)
                {
                    _errors.Add(new LlmValidationError(path, message));
                }
            }
        }

        /// <summary>The JSON name of a CLR member, as the serializer writes it (the naming policy or <c>[JsonPropertyName]</c>).</summary>
        private static string JsonName(JsonTypeInfo info, string member)
        {
            foreach (JsonPropertyInfo property in info.Properties)
            {
                if (property.AttributeProvider is MemberInfo clr && clr.Name == member)
                {
                    return property.Name;
                }
            }

            return member;
        }

        /// <summary>Identity comparison for the visited set (a cycle in the object graph ends the walk, equal values do not).</summary>
        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
