using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Writes placeholders and finds them again in a model's answer. Models echo placeholders, but not always verbatim:
    /// they change case ("[Email_1]"), add spaces ("[ EMAIL_1 ]") or escape Markdown ("\[EMAIL\_1\]"). The restore pattern
    /// accepts those variants of the format's literal characters and nothing looser.
    /// </summary>
    internal sealed class PlaceholderFormat
    {
        /// <summary>
        /// Whitespace the restore pattern accepts between two parts of a placeholder ("[ EMAIL _ 1 ]"). Bounded, so a
        /// placeholder has a longest form and a streamed restorer never holds back more than that.
        /// </summary>
        public const int MaxInnerWhitespace = 3;

        private const int MaxKindRest = 40;
        private const int MaxDigits = 9;

        private PlaceholderFormat(string format, Regex pattern, PlaceholderPart[] parts)
        {
            Format = format;
            Pattern = pattern;
            Parts = parts;
            int longest = 0;
            foreach (PlaceholderPart part in parts)
            {
                longest += part.Max;
            }

            MaxLength = longest;
        }

        public string Format { get; }

        /// <summary>Finds placeholders; groups "kind" and "number".</summary>
        public Regex Pattern { get; }

        /// <summary><see cref="Pattern"/> as a sequence of steps, built alongside it (see <see cref="PlaceholderPart"/>).</summary>
        public IReadOnlyList<PlaceholderPart> Parts { get; }

        /// <summary>The most characters one match of <see cref="Pattern"/> can span.</summary>
        public int MaxLength { get; }

        public string Make(string kind, int number) => string.Format(CultureInfo.InvariantCulture, Format, kind, number);

        /// <summary>The key the restore map uses: the kind in upper case and the number without leading zeros.</summary>
        public static string Key(string kind, int number) => kind.ToUpperInvariant() + "#" + number.ToString(CultureInfo.InvariantCulture);

        /// <summary>Parses <paramref name="format"/>, or adds the reason it is unusable to <paramref name="problems"/>.</summary>
        public static PlaceholderFormat? TryCreate(string? format, List<string> problems)
        {
            const string Setting = nameof(LlmPiiRedactorOptions) + "." + nameof(LlmPiiRedactorOptions.PlaceholderFormat);
            if (string.IsNullOrEmpty(format))
            {
                problems.Add($"{Setting} is empty. Leave it at \"{LlmPiiRedactorOptions.DefaultPlaceholderFormat}\" or give a format with {{0}} for the kind and {{1}} for the number.");
                return null;
            }

            string text = format!;
            int kindAt = text.IndexOf("{0}", StringComparison.Ordinal);
            int numberAt = text.IndexOf("{1}", StringComparison.Ordinal);
            string literal = text.Replace("{0}", string.Empty).Replace("{1}", string.Empty);
            if (kindAt < 0 || numberAt < 0 || text.IndexOf("{0}", kindAt + 1, StringComparison.Ordinal) >= 0
                || text.IndexOf("{1}", numberAt + 1, StringComparison.Ordinal) >= 0 || literal.IndexOf('{') >= 0 || literal.IndexOf('}') >= 0)
            {
                problems.Add($"{Setting} \"{text}\" must contain {{0}} (the kind) and {{1}} (the number) once each and no other braces, e.g. \"{LlmPiiRedactorOptions.DefaultPlaceholderFormat}\".");
                return null;
            }

            // "_" and "-" join words in identifiers ("EMAIL_1"), so they do not set a placeholder apart from real text.
            bool hasMark = false;
            foreach (char c in literal)
            {
                hasMark |= !char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && c != '_' && c != '-';
            }

            if (!hasMark)
            {
                problems.Add($"{Setting} \"{text}\" has no bracket or other mark (besides \"_\" and \"-\") around the kind and number, so its placeholders would read as words and restoring the answer could replace real text. Add one, e.g. \"[{{0}}_{{1}}]\" or \"<{{0}}-{{1}}>\".");
                return null;
            }

            var parts = new List<PlaceholderPart>();
            Regex pattern = BuildPattern(text, parts);
            return new PlaceholderFormat(text, pattern, parts.ToArray());
        }

        // The regex and its steps are written side by side, so the streamed restorer's view of a placeholder cannot drift
        // from what Restore matches.
        private static Regex BuildPattern(string format, List<PlaceholderPart> parts)
        {
            // Whitespace is allowed between the format's parts, not around the whole placeholder: that belongs to the answer.
            var pattern = new StringBuilder();
            for (int i = 0; i < format.Length; i++)
            {
                if (char.IsWhiteSpace(format[i]))
                {
                    continue;
                }

                if (pattern.Length > 0)
                {
                    pattern.Append(@"\s{0,").Append(MaxInnerWhitespace.ToString(CultureInfo.InvariantCulture)).Append('}');
                    parts.Add(PlaceholderPart.Spaces(MaxInnerWhitespace));
                }

                if (string.CompareOrdinal(format, i, "{0}", 0, 3) == 0)
                {
                    pattern.Append("(?<kind>[A-Za-z][A-Za-z0-9_]{0,").Append(MaxKindRest.ToString(CultureInfo.InvariantCulture)).Append("}?)");
                    parts.Add(PlaceholderPart.KindStart);
                    parts.Add(PlaceholderPart.KindRest(MaxKindRest));
                    i += 2;
                }
                else if (string.CompareOrdinal(format, i, "{1}", 0, 3) == 0)
                {
                    pattern.Append(@"(?<number>\d{1,").Append(MaxDigits.ToString(CultureInfo.InvariantCulture)).Append("})");
                    parts.Add(PlaceholderPart.Digits(MaxDigits));
                    i += 2;
                }
                else
                {
                    string escaped = Regex.Escape(format[i].ToString());
                    if (!char.IsLetterOrDigit(format[i]))
                    {
                        pattern.Append(@"\\?");
                        parts.Add(PlaceholderPart.Escape);
                    }

                    pattern.Append(escaped);
                    parts.Add(PlaceholderPart.Literal(format[i]));
                }
            }

            return new Regex(pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, PiiPatterns.MatchTimeout);
        }

        /// <summary>
        /// True when <paramref name="text"/> from <paramref name="start"/> to its end is the beginning of some placeholder
        /// and one more character could still extend it: the match at <paramref name="start"/>, if any, is not settled
        /// until more text arrives. False means <see cref="Pattern"/> gives the same answer at <paramref name="start"/>
        /// whatever follows.
        /// </summary>
        public bool CouldGrowAt(string text, int start)
        {
            // A small NFA over the parts: state (part, count) means "count characters of this part consumed". At most
            // Parts.Count * (longest part + 1) states, run over fewer than MaxLength characters.
            var current = new List<(int Part, int Count)> { (0, 0) };
            var next = new List<(int Part, int Count)>();
            for (int at = start; at < text.Length; at++)
            {
                Close(current);
                next.Clear();
                char c = text[at];
                foreach (var (part, count) in current)
                {
                    if (count < Parts[part].Max && Parts[part].Accepts(c) && !next.Contains((part, count + 1)))
                    {
                        next.Add((part, count + 1));
                    }
                }

                if (next.Count == 0)
                {
                    return false;
                }

                (current, next) = (next, current);
            }

            Close(current);
            foreach (var (part, count) in current)
            {
                if (count < Parts[part].Max)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds the states reachable without reading: a part that has its minimum lets the next one start.</summary>
        private void Close(List<(int Part, int Count)> states)
        {
            for (int i = 0; i < states.Count; i++)
            {
                var (part, count) = states[i];
                if (count >= Parts[part].Min && part + 1 < Parts.Count && !states.Contains((part + 1, 0)))
                {
                    states.Add((part + 1, 0));
                }
            }
        }
    }
}
