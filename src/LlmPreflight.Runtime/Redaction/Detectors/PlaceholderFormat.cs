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
        private PlaceholderFormat(string format, Regex pattern)
        {
            Format = format;
            Pattern = pattern;
        }

        public string Format { get; }

        /// <summary>Finds placeholders; groups "kind" and "number".</summary>
        public Regex Pattern { get; }

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

            return new PlaceholderFormat(text, BuildPattern(text));
        }

        private static Regex BuildPattern(string format)
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
                    pattern.Append(@"\s*");
                }

                if (string.CompareOrdinal(format, i, "{0}", 0, 3) == 0)
                {
                    pattern.Append("(?<kind>[A-Za-z][A-Za-z0-9_]{0,40}?)");
                    i += 2;
                }
                else if (string.CompareOrdinal(format, i, "{1}", 0, 3) == 0)
                {
                    pattern.Append(@"(?<number>\d{1,9})");
                    i += 2;
                }
                else
                {
                    string escaped = Regex.Escape(format[i].ToString());
                    pattern.Append(char.IsLetterOrDigit(format[i]) ? escaped : @"\\?" + escaped);
                }
            }

            return new Regex(pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, PiiPatterns.MatchTimeout);
        }
    }
}
