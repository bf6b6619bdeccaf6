using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LlmPreflight.Redaction.Detectors;

namespace LlmPreflight
{
    /// <summary>
    /// Replaces personal data and secrets in text with typed placeholders (<c>[EMAIL_1]</c>, <c>[PHONE_2]</c>) before it
    /// goes to a model, and puts the originals back into the answer (<see cref="LlmRedaction.Restore"/>). Immutable and
    /// thread-safe: build one and share it. Redaction is synchronous CPU work (patterns compiled once, each bounded by a
    /// match timeout), so it fits sync and async paths alike.
    /// </summary>
    public sealed class LlmPiiRedactor
    {
        private static readonly Regex KindShape = new Regex("^[A-Z][A-Z0-9_]{0,40}$", RegexOptions.CultureInvariant);

        // When two detectors claim overlapping text, the earlier one here wins: the formats with the strongest evidence
        // (a fixed prefix, an "@", a checksum) come first, and those recognised by shape or context alone last, so a CUIT
        // is never also a phone number and an IPv4 tail inside an IPv6 address stays part of it.
        private static readonly (LlmPiiDetectors Flag, PiiDetector Detector)[] BuiltIn =
        {
            (LlmPiiDetectors.ApiKey, new ApiKeyDetector()),
            (LlmPiiDetectors.Email, new EmailDetector()),
            (LlmPiiDetectors.Iban, new IbanDetector()),
            (LlmPiiDetectors.CreditCard, new CreditCardDetector()),
            (LlmPiiDetectors.ArgentineCuit, new ArgentineCuitDetector()),
            (LlmPiiDetectors.UsSsn, new UsSsnDetector()),
            (LlmPiiDetectors.IPAddress, new IPAddressDetector()),
            (LlmPiiDetectors.Phone, new PhoneDetector()),
            (LlmPiiDetectors.ArgentineDni, new ArgentineDniDetector()),
        };

        private readonly ILlmPiiDetector[] _custom;
        private readonly PiiDetector[] _builtIn;
        private readonly PlaceholderFormat _format;

        /// <summary>Creates a redactor; the options are read now and not again.</summary>
        /// <param name="options">What to detect and the placeholder format; every built-in detector and <c>[{0}_{1}]</c> when null.</param>
        /// <exception cref="LlmGuardConfigurationException">The options are unusable; the message names each setting and the fix.</exception>
        public LlmPiiRedactor(LlmPiiRedactorOptions? options = null)
        {
            options ??= new LlmPiiRedactorOptions();
            var problems = new List<string>();
            _custom = CheckCustomDetectors(options, problems);
            if ((options.Detectors & ~LlmPiiDetectors.All) != 0)
            {
                problems.Add($"{nameof(LlmPiiRedactorOptions)}.{nameof(LlmPiiRedactorOptions.Detectors)} has unknown flags ({(int)options.Detectors}). Combine {nameof(LlmPiiDetectors)} values only.");
            }
            else if (options.Detectors == LlmPiiDetectors.None && _custom.Length == 0)
            {
                problems.Add($"{nameof(LlmPiiRedactorOptions)}.{nameof(LlmPiiRedactorOptions.Detectors)} is None and there are no custom detectors, so nothing would be redacted. "
                    + $"Leave {nameof(LlmPiiRedactorOptions.Detectors)} at {nameof(LlmPiiDetectors)}.{nameof(LlmPiiDetectors.All)} or add to {nameof(LlmPiiRedactorOptions.CustomDetectors)}.");
            }

            PlaceholderFormat? format = PlaceholderFormat.TryCreate(options.PlaceholderFormat, problems);
            if (problems.Count > 0)
            {
                throw new LlmGuardConfigurationException(problems);
            }

            _format = format!;
            var builtIn = new List<PiiDetector>();
            foreach (var (flag, detector) in BuiltIn)
            {
                if ((options.Detectors & flag) != 0)
                {
                    builtIn.Add(detector);
                }
            }

            _builtIn = builtIn.ToArray();
        }

        /// <summary>A redactor with every built-in detector and the default placeholder format.</summary>
        public static LlmPiiRedactor Default { get; } = new LlmPiiRedactor();

        /// <summary>Redacts <paramref name="text"/>.</summary>
        /// <param name="text">The text to send to a model.</param>
        /// <exception cref="LlmRedactionTimeoutException">A detector ran past its match timeout; the text must not be sent as it is.</exception>
        public LlmRedaction Redact(string text) => Redact(text, null);

        /// <summary>
        /// Redacts <paramref name="text"/> as the next part of a conversation: a value already seen in
        /// <paramref name="continuing"/> gets the same placeholder, new values continue its numbering, and the result
        /// restores the placeholders of both. Redact each message of a chat this way and restore the answer with the last result.
        /// </summary>
        /// <param name="text">The text to send to a model.</param>
        /// <param name="continuing">The redaction of the conversation so far (from a redactor with the same placeholder format), or null.</param>
        /// <exception cref="LlmRedactionTimeoutException">A detector ran past its match timeout; the text must not be sent as it is.</exception>
        public LlmRedaction Redact(string text, LlmRedaction? continuing)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (continuing is not null && continuing.Format.Format != _format.Format)
            {
                throw new ArgumentException(
                    $"The redaction to continue writes placeholders as \"{continuing.Format.Format}\" but this redactor writes \"{_format.Format}\"; continue a conversation with the redactor that started it.",
                    nameof(continuing));
            }

            List<PiiCandidate> chosen = Choose(text, FindAll(text));
            var placeholders = continuing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(CopyOf(continuing.Placeholders), StringComparer.Ordinal);
            var originals = continuing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(continuing.OriginalsByKey, StringComparer.Ordinal);
            var byValue = continuing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(continuing.PlaceholdersByValue, StringComparer.Ordinal);
            var lastNumbers = continuing is null ? new Dictionary<string, int>(StringComparer.Ordinal) : new Dictionary<string, int>(continuing.LastNumbers, StringComparer.Ordinal);

            var findings = new List<LlmPiiFinding>(chosen.Count);
            var redacted = new StringBuilder(text.Length);
            int copied = 0;
            foreach (PiiCandidate candidate in chosen)
            {
                string value = text.Substring(candidate.Start, candidate.Length);
                string valueKey = candidate.Kind + "\n" + value;
                if (!byValue.TryGetValue(valueKey, out string? placeholder))
                {
                    placeholder = NextPlaceholder(candidate.Kind, text, lastNumbers, out int number);
                    byValue[valueKey] = placeholder;
                    placeholders[placeholder] = value;
                    originals[PlaceholderFormat.Key(candidate.Kind, number)] = value;
                }

                findings.Add(new LlmPiiFinding(candidate.Kind, candidate.Start, candidate.Length, value, placeholder));
                redacted.Append(text, copied, candidate.Start - copied).Append(placeholder);
                copied = candidate.End;
            }

            redacted.Append(text, copied, text.Length - copied);
            return new LlmRedaction(redacted.ToString(), findings, placeholders, originals, byValue, lastNumbers, _format);
        }

        // A placeholder that already occurs in the input (a user quoting one, text redacted twice) is skipped, so that
        // restoring the answer cannot turn the user's literal "[EMAIL_1]" into somebody's address.
        private string NextPlaceholder(string kind, string text, Dictionary<string, int> lastNumbers, out int number)
        {
            lastNumbers.TryGetValue(kind, out number);
            string placeholder;
            do
            {
                number++;
                placeholder = _format.Make(kind, number);
            }
            while (text.IndexOf(placeholder, StringComparison.OrdinalIgnoreCase) >= 0);

            lastNumbers[kind] = number;
            return placeholder;
        }

        private List<PiiCandidate> FindAll(string text)
        {
            var found = new List<PiiCandidate>();
            int rank = 0;
            foreach (ILlmPiiDetector detector in _custom)
            {
                try
                {
                    foreach (LlmPiiMatch match in detector.Find(text))
                    {
                        if (match.Start < 0 || match.Length < 1 || match.Start > text.Length - match.Length)
                        {
                            throw new InvalidOperationException(
                                $"Custom PII detector '{detector.Kind}' ({detector.GetType().Name}) returned the span {match.Start}+{match.Length}, which is not inside the {text.Length}-character text.");
                        }

                        found.Add(new PiiCandidate(match.Start, match.Length, detector.Kind, rank));
                    }
                }
                catch (RegexMatchTimeoutException error)
                {
                    throw new LlmRedactionTimeoutException(detector.Kind, text.Length, error);
                }

                rank++;
            }

            foreach (PiiDetector detector in _builtIn)
            {
                try
                {
                    detector.Find(text, rank, found);
                }
                catch (RegexMatchTimeoutException error)
                {
                    throw new LlmRedactionTimeoutException(detector.Kind, text.Length, error);
                }

                rank++;
            }

            return found;
        }

        /// <summary>Resolves overlaps (better rank, then the longer span, then the earlier one wins) and returns the winners by position.</summary>
        private static List<PiiCandidate> Choose(string text, List<PiiCandidate> candidates)
        {
            var chosen = new List<PiiCandidate>();
            if (candidates.Count == 0)
            {
                return chosen;
            }

            candidates.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
                : a.Length != b.Length ? b.Length.CompareTo(a.Length)
                : a.Start.CompareTo(b.Start));
            var taken = new bool[text.Length];
            foreach (PiiCandidate candidate in candidates)
            {
                bool free = true;
                for (int i = candidate.Start; i < candidate.End && free; i++)
                {
                    free = !taken[i];
                }

                if (free)
                {
                    for (int i = candidate.Start; i < candidate.End; i++)
                    {
                        taken[i] = true;
                    }

                    chosen.Add(candidate);
                }
            }

            chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
            return chosen;
        }

        private static ILlmPiiDetector[] CheckCustomDetectors(LlmPiiRedactorOptions options, List<string> problems)
        {
            const string Setting = nameof(LlmPiiRedactorOptions) + "." + nameof(LlmPiiRedactorOptions.CustomDetectors);
            var detectors = new List<ILlmPiiDetector>();
            for (int i = 0; i < options.CustomDetectors.Count; i++)
            {
                ILlmPiiDetector? detector = options.CustomDetectors[i];
                if (detector is null)
                {
                    problems.Add($"{Setting}[{i}] is null. Remove it or add a detector.");
                }
                else if (detector.Kind is null || !KindShape.IsMatch(detector.Kind))
                {
                    problems.Add($"{Setting}[{i}] ({detector.GetType().Name}) has the kind \"{detector.Kind}\". A kind is the placeholder label: "
                        + "upper-case letters, digits and underscores, starting with a letter, at most 41 characters, e.g. \"EMPLOYEE_ID\".");
                }
                else
                {
                    detectors.Add(detector);
                }
            }

            return detectors.ToArray();
        }

        private static Dictionary<string, string> CopyOf(IReadOnlyDictionary<string, string> source)
        {
            var copy = new Dictionary<string, string>(source.Count, StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> pair in source)
            {
                copy[pair.Key] = pair.Value;
            }

            return copy;
        }
    }
}
