using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Payment card numbers: 13-19 digits, optionally in groups of 3-6 split by spaces or dashes, that pass the Luhn
    /// check and start with an issuer range whose card length fits. The range check turns away most order, tracking and
    /// serial numbers that pass Luhn by chance (one in ten does).
    /// </summary>
    internal sealed class CreditCardDetector : PiiDetector
    {
        private static readonly Regex Pattern = PiiPatterns.Create(
            @"(?<![\p{L}\p{N}_+.-]|\d[ -])\d(?:[ -]?\d){12,18}(?![\p{L}\p{N}_]|[ -]\d|[.,]\d)");

        public override string Kind => LlmPiiKind.CreditCard;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text))
            {
                return;
            }

            for (Match match = Pattern.Match(text); match.Success; match = match.NextMatch())
            {
                string digits = PiiPatterns.Digits(match.Value);
                if (HasCardGrouping(match.Value) && PiiChecksums.Luhn(digits) && IsIssuedLength(digits))
                {
                    found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                }
            }
        }

        private static bool HasCardGrouping(string value)
        {
            int group = 0;
            foreach (char c in value)
            {
                if (c == ' ' || c == '-')
                {
                    if (group < 3 || group > 6)
                    {
                        return false;
                    }

                    group = 0;
                }
                else
                {
                    group++;
                }
            }

            return group == value.Length || (group >= 3 && group <= 6);
        }

        /// <summary>Issuer (IIN) ranges and the lengths their cards have.</summary>
        private static bool IsIssuedLength(string d)
        {
            int n = d.Length;
            int two = int.Parse(d.Substring(0, 2), System.Globalization.CultureInfo.InvariantCulture);
            int three = int.Parse(d.Substring(0, 3), System.Globalization.CultureInfo.InvariantCulture);
            int four = int.Parse(d.Substring(0, 4), System.Globalization.CultureInfo.InvariantCulture);
            return (d[0] == '4' && (n == 13 || n == 16 || n == 19))                               // Visa
                || (two >= 51 && two <= 55 && n == 16) || (four >= 2221 && four <= 2720 && n == 16) // Mastercard
                || ((two == 34 || two == 37) && n == 15)                                           // American Express
                || ((four == 6011 || (three >= 644 && three <= 649) || two == 65) && n >= 16)      // Discover
                || ((three >= 300 && three <= 305 || two == 36 || two == 38 || two == 39) && n >= 14) // Diners Club
                || (four >= 3528 && four <= 3589 && n >= 16)                                       // JCB
                || (two == 62 && n >= 16)                                                          // UnionPay
                || (four >= 2200 && four <= 2204 && n >= 16)                                       // Mir
                || ((two == 50 || (two >= 56 && two <= 58) || four == 6304 || four == 6759 || (four >= 6761 && four <= 6763)) && n >= 13); // Maestro
        }
    }
}
