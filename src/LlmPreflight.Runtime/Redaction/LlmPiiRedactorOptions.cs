using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>What an <see cref="LlmPiiRedactor"/> looks for and how it writes placeholders. Read once, when the redactor is built.</summary>
    public sealed class LlmPiiRedactorOptions
    {
        /// <summary>The default placeholder format: <c>[EMAIL_1]</c>.</summary>
        public const string DefaultPlaceholderFormat = "[{0}_{1}]";

        /// <summary>
        /// The built-in detectors to run. Default <see cref="LlmPiiDetectors.All"/>: a value that slips through costs more
        /// than a placeholder where none was needed.
        /// </summary>
        public LlmPiiDetectors Detectors { get; set; } = LlmPiiDetectors.All;

        /// <summary>
        /// Detectors of your own (employee ids, internal account numbers). They run before the built-in ones and win
        /// when their spans overlap, because they encode what you know about your data.
        /// </summary>
        public IList<ILlmPiiDetector> CustomDetectors { get; } = new List<ILlmPiiDetector>();

        /// <summary>
        /// The placeholder, with <c>{0}</c> for the kind and <c>{1}</c> for the number within the kind. Default
        /// <c>[{0}_{1}]</c>. It must contain a character that is neither a letter nor a digit (brackets, say), so a
        /// placeholder cannot be mistaken for a word when the answer is restored.
        /// </summary>
        public string PlaceholderFormat { get; set; } = DefaultPlaceholderFormat;
    }
}
