using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// One compiled JSON schema (or subschema): the keywords the validator checks, read once from the schema document.
    /// Other keywords (description, format, default, ...) are not checked.
    /// </summary>
    internal sealed class SchemaNode
    {
        /// <summary>How property names compare (without case when the deserialiser reads them so).</summary>
        public StringComparer Names { get; set; } = StringComparer.Ordinal;

        /// <summary>The boolean schema <c>false</c>: nothing is valid.</summary>
        public bool RejectsAll { get; set; }

        public JsonTypes Types { get; set; }

        public List<JsonElement>? Enum { get; set; }

        public JsonElement? Const { get; set; }

        public Dictionary<string, SchemaNode>? Properties { get; set; }

        public List<string>? Required { get; set; }

        /// <summary>The schema of properties not named in <see cref="Properties"/> (dictionaries); <c>null</c> allows anything.</summary>
        public SchemaNode? AdditionalProperties { get; set; }

        public SchemaNode? Items { get; set; }

        public int? MinItems { get; set; }

        public int? MaxItems { get; set; }

        public int? MinLength { get; set; }

        public int? MaxLength { get; set; }

        public double? Minimum { get; set; }

        public double? Maximum { get; set; }

        public double? ExclusiveMinimum { get; set; }

        public double? ExclusiveMaximum { get; set; }

        public Regex? Pattern { get; set; }

        public List<SchemaNode>? AnyOf { get; set; }

        public List<SchemaNode>? AllOf { get; set; }

        /// <summary>The target of <c>$ref</c> (possibly this node's ancestor: recursive types).</summary>
        public SchemaNode? Ref { get; set; }
    }
}
