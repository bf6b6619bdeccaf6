using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Internal.Prompts
{
    /// <summary>
    /// Prompt versions are whole numbers or dotted numbers (3, 1.2, 2.0.1) so that "the latest" has one obvious
    /// meaning: compared part by part as numbers, a missing part counting as 0 (so 1 and 1.0 are the same version).
    /// Free-form labels such as "v3-final" would need a second, arbitrary ordering rule.
    /// </summary>
    internal sealed class PromptVersion : IComparer<string>, IEqualityComparer<string>
    {
        public static readonly PromptVersion Comparer = new PromptVersion();

        private static readonly Regex Format = new Regex(@"^\d+(\.\d+)*$", RegexOptions.CultureInvariant);

        public static bool IsValid(string version) => version.Length <= 64 && Format.IsMatch(version);

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            string[] left = x.Split('.');
            string[] right = y.Split('.');
            for (int i = 0; i < Math.Max(left.Length, right.Length); i++)
            {
                int order = ComparePart(i < left.Length ? left[i] : "0", i < right.Length ? right[i] : "0");
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }

        public bool Equals(string? x, string? y) => Compare(x, y) == 0;

        public int GetHashCode(string obj)
        {
            // Equal versions differ only in leading zeros and trailing ".0" parts: hash the normalised form.
            string[] parts = obj.Split('.');
            int last = parts.Length - 1;
            while (last > 0 && Normalise(parts[last]) == "0")
            {
                last--;
            }

            int hash = 17;
            for (int i = 0; i <= last; i++)
            {
                hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(Normalise(parts[i])));
            }

            return hash;
        }

        /// <summary>Compares two digit strings as numbers of any length (no overflow on long version parts).</summary>
        private static int ComparePart(string a, string b)
        {
            a = Normalise(a);
            b = Normalise(b);
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        }

        private static string Normalise(string digits)
        {
            string trimmed = digits.TrimStart('0');
            return trimmed.Length == 0 ? "0" : trimmed;
        }
    }
}
