using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Phone numbers in the shapes people write them: international (+ or 00, 8-15 digits; +1 and +54 checked against
    /// their national plans), North American with separators (NANP: area code and exchange start with 2-9), Argentine
    /// with the trunk 0 ("011 4123-4567", "0800-333-1234", "(0221) 423-4567"), Buenos Aires and mobile without it
    /// ("11 3456-7890", "15-1234-5678"), and eight-digit local or ten-digit numbers only right after a cue such as
    /// "tel" or "phone". Undelimited digit runs are otherwise left alone: they are order numbers far more often.
    /// </summary>
    internal sealed class PhoneDetector : PiiDetector
    {
        // Not inside a longer number, word, decimal, date or range ("2023-118-0042", "v1.212.555").
        private const string Before = @"(?<![\p{L}\p{N}_+.,/-]|\d[ .-])";
        private const string After = @"(?![\p{L}\p{N}_]|[.,/-]?\d|[ ]\d)";

        private static readonly Regex International = PiiPatterns.Create(
            Before + @"(?<lead>\+|00)[1-9]\d*(?:[ .-]?\(\d{1,4}\)[ .-]?\d+|[ .-]\d+)*" + After);

        private static readonly Regex NorthAmerican = PiiPatterns.Create(
            Before + @"(?:(?:\+1|1)[ .-]?)?(?:\([2-9]\d{2}\)[ ]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}" + After);

        private static readonly Regex ArgentineWithTrunk = PiiPatterns.Create(
            Before + @"(?:\(0[1-9]\d{1,3}\)|0[1-9]\d{1,3})[ -]?(?<mobile>15[ -]?)?\d{2,4}[ -]\d{4}" + After);

        private static readonly Regex ArgentineShort = PiiPatterns.Create(
            Before + @"(?:11|15)(?<sep>[ .-])\d{4}[ .-]\d{4}" + After);

        private static readonly Regex AfterCue = PiiPatterns.Create(
            @"\b(?:tel[eé]fono|tel|cel(?:ular)?|whats\s?app|wsp|fijo|phone|mobile|cell|m[oó]vil|fax|call|ll[aá]ma(?:me|r)?)\b[^\d\n]{0,20}?"
            + @"(?<number>(?<!\d)(?:\d{4}[ -]\d{4}|[2-9]\d{2}[2-9]\d{6}))" + After,
            RegexOptions.IgnoreCase);

        public override string Kind => LlmPiiKind.Phone;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text))
            {
                return;
            }

            for (Match match = International.Match(text); match.Success; match = match.NextMatch())
            {
                string digits = PiiPatterns.Digits(match.Value);
                if (match.Groups["lead"].Value == "00")
                {
                    digits = digits.Substring(2);
                }

                if (IsInternational(digits))
                {
                    Add(found, match.Index, match.Length, rank);
                }
            }

            for (Match match = NorthAmerican.Match(text); match.Success; match = match.NextMatch())
            {
                Add(found, match.Index, match.Length, rank);
            }

            for (Match match = ArgentineWithTrunk.Match(text); match.Success; match = match.NextMatch())
            {
                // After the trunk 0: area code + subscriber number are ten digits, twelve with the mobile "15".
                int national = PiiPatterns.Digits(match.Value).Length - 1;
                if (national == 10 || (national == 12 && match.Groups["mobile"].Success))
                {
                    Add(found, match.Index, match.Length, rank);
                }
            }

            for (Match match = ArgentineShort.Match(text); match.Success; match = match.NextMatch())
            {
                Add(found, match.Index, match.Length, rank);
            }

            for (Match match = AfterCue.Match(text); match.Success; match = match.NextMatch())
            {
                Group number = match.Groups["number"];
                Add(found, number.Index, number.Length, rank);
            }
        }

        private static bool IsInternational(string digits)
        {
            if (digits.Length < 8 || digits.Length > 15)
            {
                return false;
            }

            if (digits[0] == '1')
            {
                // NANP: country code 1, then a ten-digit number whose area code and exchange start with 2-9.
                return digits.Length == 11 && digits[1] >= '2' && digits[4] >= '2';
            }

            if (digits.StartsWith("54", System.StringComparison.Ordinal))
            {
                // Argentina: ten national digits, with a 9 in front for mobiles.
                return digits.Length == 12 || (digits.Length == 13 && digits[2] == '9');
            }

            return true;
        }

        private void Add(List<PiiCandidate> found, int start, int length, int rank)
            => found.Add(new PiiCandidate(start, length, Kind, rank));
    }
}
