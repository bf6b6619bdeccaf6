using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Argentine CUIT/CUIL: prefix 20, 23, 24, 27, 30, 33 or 34, eight digits, a mod-11 check digit. Written with
    /// separators ("20-30123456-7", "20-30.123.456-7") it is recognised anywhere; eleven bare digits only after a
    /// "CUIT"/"CUIL" cue, since one in eleven random numbers with a valid prefix passes the check.
    /// </summary>
    internal sealed class ArgentineCuitDetector : PiiDetector
    {
        private const string Prefix = "(?:20|23|24|27|30|33|34)";
        private const string Before = @"(?<![\p{L}\p{N}_.-])";
        private const string After = @"(?![\p{L}\p{N}_]|[-.]\d)";

        private static readonly Regex Separated = PiiPatterns.Create(
            Before + Prefix + @"(?<sep>[-. ])(?:\d{8}|\d{2}\.\d{3}\.\d{3})\k<sep>\d" + After);

        private static readonly Regex Bare = PiiPatterns.Create(Before + Prefix + @"\d{9}" + After);

        private static readonly Regex Cue = PiiPatterns.Create(@"\bc\.?u\.?i\.?[tl]\.?\b", RegexOptions.IgnoreCase);

        public override string Kind => LlmPiiKind.ArgentineCuit;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text))
            {
                return;
            }

            for (Match match = Separated.Match(text); match.Success; match = match.NextMatch())
            {
                if (PiiChecksums.CuitMod11(PiiPatterns.Digits(match.Value)))
                {
                    found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                }
            }

            for (Match match = Bare.Match(text); match.Success; match = match.NextMatch())
            {
                if (PiiChecksums.CuitMod11(match.Value) && PiiPatterns.CueBefore(text, match.Index, 30, Cue))
                {
                    found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                }
            }
        }
    }
}
