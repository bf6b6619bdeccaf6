using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Compiles the keyword subset that schema generators emit for .NET types (type, properties, required,
    /// additionalProperties, items, enum, const, minimum/maximum and their exclusive forms, minLength/maxLength, pattern,
    /// minItems/maxItems, anyOf/oneOf/allOf, nullable, and <c>$ref</c> within the document) into <see cref="SchemaNode"/>s.
    /// </summary>
    internal sealed class SchemaCompiler
    {
        // A model's text is untrusted input to the pattern: a bounded match time keeps a pathological pattern/value pair
        // from hanging the caller.
        private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

        private readonly JsonElement _root;
        private readonly StringComparer _names;
        private readonly Dictionary<string, SchemaNode> _byPointer = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);

        private SchemaCompiler(JsonElement root, bool ignoreCase)
        {
            _root = root;
            _names = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        }

        /// <param name="schema">The schema document's root.</param>
        /// <param name="ignoreCase">Whether property names match without case, as the deserialiser's <c>PropertyNameCaseInsensitive</c> reads them.</param>
        public static SchemaNode Compile(JsonElement schema, bool ignoreCase)
            => new SchemaCompiler(schema.Clone(), ignoreCase).At("#");

        /// <summary>The node for a JSON pointer into the document, compiled once (registered before its children, so cycles close).</summary>
        private SchemaNode At(string pointer)
        {
            if (_byPointer.TryGetValue(pointer, out SchemaNode? known))
            {
                return known;
            }

            var node = new SchemaNode { Names = _names };
            _byPointer.Add(pointer, node);
            Fill(node, Resolve(pointer), pointer);
            return node;
        }

        private void Fill(SchemaNode node, JsonElement schema, string pointer)
        {
            if (schema.ValueKind == JsonValueKind.False)
            {
                node.RejectsAll = true;
                return;
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (JsonProperty keyword in schema.EnumerateObject())
            {
                JsonElement value = keyword.Value;
                string at = pointer + "/" + Escape(keyword.Name);
                switch (keyword.Name)
                {
                    case "$ref" when value.ValueKind == JsonValueKind.String:
                        string target = value.GetString()!;
                        node.Ref = target.StartsWith("#", StringComparison.Ordinal)
                            ? At(target.Length == 1 ? "#" : Uri.UnescapeDataString(target))
                            : throw new ArgumentException($"The schema's $ref \"{target}\" at {pointer} points outside the schema; only references within it (\"#/...\") are supported.");
                        break;
                    case "type":
                        node.Types |= Types(value);
                        break;
                    case "nullable" when value.ValueKind == JsonValueKind.True:
                        node.Types |= JsonTypes.Null;
                        break;
                    case "enum" when value.ValueKind == JsonValueKind.Array:
                        node.Enum = new List<JsonElement>(value.EnumerateArray());
                        break;
                    case "const":
                        node.Const = value;
                        break;
                    case "properties" when value.ValueKind == JsonValueKind.Object:
                        node.Properties = new Dictionary<string, SchemaNode>(_names);
                        foreach (JsonProperty property in value.EnumerateObject())
                        {
                            node.Properties[property.Name] = At(at + "/" + Escape(property.Name));
                        }

                        break;
                    case "required" when value.ValueKind == JsonValueKind.Array:
                        node.Required = new List<string>();
                        foreach (JsonElement name in value.EnumerateArray())
                        {
                            if (name.ValueKind == JsonValueKind.String)
                            {
                                node.Required.Add(name.GetString()!);
                            }
                        }

                        break;
                    case "additionalProperties" when value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.False:
                        node.AdditionalProperties = At(at);
                        break;
                    case "items" when value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.False:
                        node.Items = At(at);
                        break;
                    case "minItems":
                        node.MinItems = Int(value);
                        break;
                    case "maxItems":
                        node.MaxItems = Int(value);
                        break;
                    case "minLength":
                        node.MinLength = Int(value);
                        break;
                    case "maxLength":
                        node.MaxLength = Int(value);
                        break;
                    case "minimum":
                        node.Minimum = Number(value);
                        break;
                    case "maximum":
                        node.Maximum = Number(value);
                        break;
                    case "exclusiveMinimum":
                        node.ExclusiveMinimum = Number(value);
                        break;
                    case "exclusiveMaximum":
                        node.ExclusiveMaximum = Number(value);
                        break;
                    case "pattern" when value.ValueKind == JsonValueKind.String:
                        node.Pattern = Pattern(value.GetString()!, pointer);
                        break;
                    case "anyOf" when value.ValueKind == JsonValueKind.Array:
                    case "oneOf" when value.ValueKind == JsonValueKind.Array:
                        // oneOf is checked as anyOf: an output that fits two shapes is still usable.
                        node.AnyOf = Branches(value, at);
                        break;
                    case "allOf" when value.ValueKind == JsonValueKind.Array:
                        node.AllOf = Branches(value, at);
                        break;
                }
            }

            // Draft 4 spells exclusive bounds as booleans next to minimum/maximum.
            if (schema.TryGetProperty("exclusiveMinimum", out JsonElement exclusiveMin) && exclusiveMin.ValueKind == JsonValueKind.True)
            {
                node.ExclusiveMinimum = node.Minimum;
                node.Minimum = null;
            }

            if (schema.TryGetProperty("exclusiveMaximum", out JsonElement exclusiveMax) && exclusiveMax.ValueKind == JsonValueKind.True)
            {
                node.ExclusiveMaximum = node.Maximum;
                node.Maximum = null;
            }
        }

        private List<SchemaNode> Branches(JsonElement array, string pointer)
        {
            var branches = new List<SchemaNode>();
            int index = 0;
            foreach (JsonElement branch in array.EnumerateArray())
            {
                branches.Add(At(pointer + "/" + index++));
            }

            return branches;
        }

        private JsonElement Resolve(string pointer)
        {
            JsonElement current = _root;
            if (pointer == "#")
            {
                return current;
            }

            string[] segments = pointer.Substring(pointer.StartsWith("#/", StringComparison.Ordinal) ? 2 : 1).Split('/');
            foreach (string raw in segments)
            {
                string segment = Unescape(raw);
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out JsonElement next))
                {
                    current = next;
                }
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out int index) && index >= 0 && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    throw new ArgumentException($"The schema's $ref \"{pointer}\" points at nothing in the schema. Fix the reference or the schema.");
                }
            }

            return current;
        }

        private static JsonTypes Types(JsonElement value)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                return Type(value.GetString());
            }

            JsonTypes types = JsonTypes.Any;
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement name in value.EnumerateArray())
                {
                    types |= name.ValueKind == JsonValueKind.String ? Type(name.GetString()) : JsonTypes.Any;
                }
            }

            return types;
        }

        private static JsonTypes Type(string? name)
            => name switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "object" => JsonTypes.Object,
                "array" => JsonTypes.Array,
                "number" => JsonTypes.Number,
                "integer" => JsonTypes.Integer,
                "string" => JsonTypes.String,
                _ => JsonTypes.Any,
            };

        private static int? Int(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;

        private static double? Number(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

        private static Regex Pattern(string pattern, string pointer)
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, PatternTimeout);
            }
            catch (ArgumentException error)
            {
                throw new ArgumentException($"The schema's pattern \"{pattern}\" at {pointer} is not a valid regular expression: {error.Message}", error);
            }
        }

        private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

        private static string Unescape(string segment)
        {
            return segment.Replace("~1", "/").Replace("~0", "~");
        }
    }
}
