using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// IBANs, compact or in groups split by single spaces, in either case. The country's registered length decides
    /// where the IBAN ends (the pattern alone would run on into the next word), then mod 97 must give 1.
    /// </summary>
    internal sealed class IbanDetector : PiiDetector
    {
        private static readonly Regex Pattern = PiiPatterns.Create(@"(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}");

        // The SWIFT IBAN registry's lengths per country.
        private static readonly Dictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
            ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
            ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
            ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
            ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
            ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
            ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
            ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
            ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
        };

        public override string Kind => LlmPiiKind.Iban;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text))
            {
                return;
            }

            for (Match match = Pattern.Match(text); match.Success; match = match.NextMatch())
            {
                string country = match.Value.Substring(0, 2).ToUpperInvariant();
                if (!Lengths.TryGetValue(country, out int length))
                {
                    continue;
                }

                var compact = new char[length];
                int count = 0;
                int end = match.Index;
                for (; end < match.Index + match.Length && count < length; end++)
                {
                    if (text[end] != ' ')
                    {
                        compact[count++] = char.ToUpperInvariant(text[end]);
                    }
                }

                bool endsCleanly = end >= text.Length || !char.IsLetterOrDigit(text[end]);
                if (count == length && endsCleanly && PiiChecksums.IbanMod97(new string(compact)))
                {
                    found.Add(new PiiCandidate(match.Index, end - match.Index, Kind, rank));
                }
            }
        }
    }
}
