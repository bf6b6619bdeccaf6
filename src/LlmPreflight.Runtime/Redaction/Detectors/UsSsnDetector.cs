using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// US Social Security numbers: AAA-GG-SSSS anywhere, and the spaced or undelimited forms only right after a cue
    /// ("SSN", "social security"), since nine bare digits are usually something else. Numbers the SSA never issues
    /// (area 000, 666 or 9xx, group 00, serial 0000) and the ones it voided after they were printed in ads are refused.
    /// </summary>
    internal sealed class UsSsnDetector : PiiDetector
    {
        private static readonly Regex Dashed = PiiPatterns.Create(@"(?<![\p{L}\p{N}_-])\d{3}-\d{2}-\d{4}(?![\p{L}\p{N}_]|-[\p{L}\p{N}])");

        private static readonly Regex AfterCue = PiiPatterns.Create(
            @"\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?|(?:n[uú]mero\s+de\s+)?seguro\s+social)\b[^\d\n]{0,20}?"
            + @"(?<number>\d{3}(?<sep>[ ]?)\d{2}\k<sep>\d{4})(?![\p{L}\p{N}_]|[ -]\d)",
            RegexOptions.IgnoreCase);

        // Woolworth's wallet-insert number and others the SSA voided after they were published.
        private static readonly HashSet<string> Voided = new HashSet<string> { "078051120", "219099999", "457555462" };

        public override string Kind => LlmPiiKind.UsSsn;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text))
            {
                return;
            }

            for (Match match = Dashed.Match(text); match.Success; match = match.NextMatch())
            {
                if (IsIssuable(PiiPatterns.Digits(match.Value)))
                {
                    found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                }
            }

            for (Match match = AfterCue.Match(text); match.Success; match = match.NextMatch())
            {
                Group number = match.Groups["number"];
                if (IsIssuable(PiiPatterns.Digits(number.Value)))
                {
                    found.Add(new PiiCandidate(number.Index, number.Length, Kind, rank));
                }
            }
        }

        private static bool IsIssuable(string digits)
        {
            string area = digits.Substring(0, 3);
            return area != "000" && area != "666" && area[0] != '9'
                && digits.Substring(3, 2) != "00"
                && digits.Substring(5, 4) != "0000"
                && !Voided.Contains(digits);
        }
    }
}
