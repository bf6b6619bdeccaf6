using System;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Construction and small checks shared by the detectors. Every pattern is compiled once per process and bounded by
    /// a match timeout: netstandard2.0 has no regex source generator, and a redactor must not hang on hostile input.
    /// </summary>
    internal static class PiiPatterns
    {
        public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

        public static Regex Create(string pattern, RegexOptions extra = RegexOptions.None)
            => new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | extra, MatchTimeout);

        public static bool HasDigit(string text)
        {
            foreach (char c in text)
            {
                if (c >= '0' && c <= '9')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The ASCII digits of <paramref name="value"/>, separators dropped.</summary>
        public static string Digits(string value)
        {
            var digits = new char[value.Length];
            int count = 0;
            foreach (char c in value)
            {
                if (c >= '0' && c <= '9')
                {
                    digits[count++] = c;
                }
            }

            return new string(digits, 0, count);
        }

        /// <summary>True when <paramref name="cue"/> matches text that ends right where the window before <paramref name="index"/> ends.</summary>
        public static bool CueBefore(string text, int index, int window, Regex cue)
        {
            int from = Math.Max(0, index - window);
            return cue.IsMatch(text.Substring(from, index - from));
        }
    }
}
