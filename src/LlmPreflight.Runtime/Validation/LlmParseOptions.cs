using System.Text.Json;

namespace LlmPreflight
{
    /// <summary>How <see cref="LlmOutput"/> reads and checks a model's output. Every setting has a default; <c>null</c> options mean the defaults.</summary>
    public sealed class LlmParseOptions
    {
        /// <summary>The defaults (read-only use: do not change it, create a new instance instead).</summary>
        internal static readonly LlmParseOptions Default = new LlmParseOptions();

        private JsonElement? _schema;

        /// <summary>
        /// The System.Text.Json options for deserialising (and for generating the schema). Default
        /// <see cref="LlmOutput.DefaultSerializerOptions"/>: camelCase names read case-insensitively, comments and trailing
        /// commas allowed, enums as strings.
        /// </summary>
        public JsonSerializerOptions? SerializerOptions { get; set; }

        /// <summary>
        /// Whether the JSON is checked against a JSON schema before it is deserialised. Default <c>true</c>: the check
        /// reports every wrong type, missing required property, enum value, range, length and pattern at once, each with its
        /// path, where deserialisation stops at the first problem; a re-ask that lists them all fixes more in one round.
        /// </summary>
        public bool ValidateSchema { get; set; } = true;

        /// <summary>
        /// The schema to check against, such as the one sent to the model as the response format. Default <c>null</c>: the
        /// schema Microsoft.Extensions.AI's <c>AIJsonUtilities.CreateJsonSchema</c> generates from the target type with
        /// <see cref="SerializerOptions"/> (generated once per type and cached).
        /// </summary>
        public JsonElement? Schema
        {
            get => _schema;
            set
            {
                _schema = value;
                CompiledSchema = null;
            }
        }

        /// <summary>
        /// Whether the deserialised value is checked with its DataAnnotations attributes (<c>[Range]</c>,
        /// <c>[RegularExpression]</c>, <c>[StringLength]</c>, <c>[Required]</c>, <c>IValidatableObject</c>, ...), recursively into
        /// nested objects, collections and dictionary values. Default <c>true</c>.
        /// </summary>
        public bool ValidateDataAnnotations { get; set; } = true;

        /// <summary>The schema compiled from <see cref="Schema"/>, kept with these options so it is compiled once.</summary>
        internal object? CompiledSchema { get; set; }
    }
}
