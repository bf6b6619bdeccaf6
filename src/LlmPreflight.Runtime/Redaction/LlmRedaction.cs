using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.RegularExpressions;
using LlmPreflight.Redaction.Detectors;

namespace LlmPreflight
{
    /// <summary>
    /// The result of <see cref="LlmPiiRedactor.Redact(string, LlmRedaction)"/>: the text to send, what was replaced, and
    /// the map that puts the originals back into the model's answer (<see cref="Restore"/>). It holds the originals, so
    /// keep it in memory for the length of the call and do not log or persist it.
    /// </summary>
    public sealed partial class LlmRedaction
    {
        internal LlmRedaction(
            string text,
            IReadOnlyList<LlmPiiFinding> findings,
            Dictionary<string, string> placeholders,
            Dictionary<string, string> originalsByKey,
            Dictionary<string, string> placeholdersByValue,
            Dictionary<string, int> lastNumbers,
            PlaceholderFormat format)
        {
            Text = text;
            Findings = findings;
            Placeholders = new ReadOnlyDictionary<string, string>(placeholders);
            OriginalsByKey = originalsByKey;
            PlaceholdersByValue = placeholdersByValue;
            LastNumbers = lastNumbers;
            Format = format;
        }

        /// <summary>The redacted text: each finding replaced by its placeholder.</summary>
        public string Text { get; }

        /// <summary>What this text contained, in order of position.</summary>
        public IReadOnlyList<LlmPiiFinding> Findings { get; }

        /// <summary>True when anything was replaced.</summary>
        public bool HasFindings => Findings.Count > 0;

        /// <summary>
        /// Every placeholder this redaction can restore and its original, including those of the redaction it continued.
        /// </summary>
        public IReadOnlyDictionary<string, string> Placeholders { get; }

        internal Dictionary<string, string> PlaceholdersByValue { get; }

        internal Dictionary<string, int> LastNumbers { get; }

        internal PlaceholderFormat Format { get; }

        /// <summary>Originals by <see cref="PlaceholderFormat.Key"/>, which is what a tolerant match of a placeholder yields.</summary>
        internal Dictionary<string, string> OriginalsByKey { get; }

        /// <summary>
        /// Puts the originals back into <paramref name="answer"/> wherever the model repeated a placeholder, even with a
        /// different case, whitespace inside it (up to 3 characters between its parts) or Markdown escapes (<c>[email_1]</c>, <c>[ EMAIL_1 ]</c>, <c>\[EMAIL\_1\]</c>).
        /// Placeholders this redaction did not issue are left as they are.
        /// </summary>
        /// <param name="answer">The model's answer (or any text built from the redacted one).</param>
        public string Restore(string answer)
        {
            if (answer is null)
            {
                throw new ArgumentNullException(nameof(answer));
            }

            if (OriginalsByKey.Count == 0 || answer.Length == 0)
            {
                return answer;
            }

            return Format.Pattern.Replace(answer, Resolve);
        }

        /// <summary>The original behind a placeholder <see cref="PlaceholderFormat.Pattern"/> matched, or the match itself when this redaction did not issue it.</summary>
        internal string Resolve(Match match)
            => int.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                && OriginalsByKey.TryGetValue(PlaceholderFormat.Key(match.Groups["kind"].Value, n), out string? original)
                ? original
                : match.Value;
    }
}
