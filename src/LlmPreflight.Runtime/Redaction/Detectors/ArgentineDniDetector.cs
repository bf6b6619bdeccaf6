using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Argentine DNI numbers (7-8 digits, "30.123.456" or "30123456"), only within a few words after a cue: "DNI",
    /// "D.N.I.", "documento (nacional de identidad)". A DNI has no check digit, so without the cue it cannot be told
    /// from an amount, an order or a file number.
    /// </summary>
    internal sealed class ArgentineDniDetector : PiiDetector
    {
        private static readonly Regex AfterCue = PiiPatterns.Create(
            @"(?<![\p{L}\p{N}])(?:d\.?\s?n\.?\s?i|documento(?:\s+nacional\s+de\s+identidad|\s+de\s+identidad)?)(?!\p{L})[^\d\n]{0,20}?"
            + @"(?<number>(?<![\d.,-])(?:\d{1,2}\.\d{3}\.\d{3}|\d{7,8}))(?!\p{N}|[.,-]\d)",
            RegexOptions.IgnoreCase);

        public override string Kind => LlmPiiKind.ArgentineDni;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text))
            {
                return;
            }

            for (Match match = AfterCue.Match(text); match.Success; match = match.NextMatch())
            {
                Group number = match.Groups["number"];
                found.Add(new PiiCandidate(number.Index, number.Length, Kind, rank));
            }
        }
    }
}
