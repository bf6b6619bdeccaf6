using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// IPv4 (four 0-255 octets without leading zeros, not part of a longer dotted run such as "1.2.3.4.5", and not
    /// right after "version"/"build"/"v") and IPv6 (full, "::"-compressed, with an IPv4 tail), parsed group by group.
    /// </summary>
    internal sealed class IPAddressDetector : PiiDetector
    {
        private const string Octet = @"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)";

        private static readonly Regex V4 = PiiPatterns.Create(@"(?<![\p{L}\p{N}_.:]|\d\.)" + Octet + @"(?:\." + Octet + @"){3}(?![\p{L}\p{N}_]|\.\d)");

        private static readonly Regex V6 = PiiPatterns.Create(
            @"(?<![\p{L}\p{N}_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4})(?![\p{L}\p{N}_:]|\.\d)");

        private static readonly Regex VersionCue = PiiPatterns.Create(@"(?:\bv|\bver(?:si[oó]n)?\.?|\bbuild|\brelease|\bfirmware)\s*$", RegexOptions.IgnoreCase);

        public override string Kind => LlmPiiKind.IPAddress;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (!PiiPatterns.HasDigit(text) && text.IndexOf("::", System.StringComparison.Ordinal) < 0)
            {
                return;
            }

            if (text.IndexOf('.') >= 0)
            {
                for (Match match = V4.Match(text); match.Success; match = match.NextMatch())
                {
                    if (!PiiPatterns.CueBefore(text, match.Index, 16, VersionCue))
                    {
                        found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                    }
                }
            }

            if (text.IndexOf(':') >= 0)
            {
                for (Match match = V6.Match(text); match.Success; match = match.NextMatch())
                {
                    if (IsIPv6(match.Value))
                    {
                        found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                    }
                }
            }
        }

        private static bool IsIPv6(string value)
        {
            int compressed = value.IndexOf("::", System.StringComparison.Ordinal);
            if (compressed >= 0 && value.IndexOf("::", compressed + 1, System.StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            if (value == "::")
            {
                return false;
            }

            int groups = 0;
            string[] halves = compressed >= 0
                ? new[] { value.Substring(0, compressed), value.Substring(compressed + 2) }
                : new[] { value };
            for (int h = 0; h < halves.Length; h++)
            {
                if (halves[h].Length == 0)
                {
                    continue;
                }

                string[] parts = halves[h].Split(':');
                for (int i = 0; i < parts.Length; i++)
                {
                    string part = parts[i];
                    bool last = h == halves.Length - 1 && i == parts.Length - 1;
                    if (last && part.IndexOf('.') >= 0)
                    {
                        if (!IsIPv4(part))
                        {
                            return false;
                        }

                        groups += 2;
                    }
                    else if (part.Length is >= 1 and <= 4 && int.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
                    {
                        groups++;
                    }
                    else
                    {
                        return false;
                    }
                }
            }

            // Without "::" all eight groups are written; "::" stands for at least one zero group.
            return compressed >= 0 ? groups <= 7 : groups == 8;
        }

        private static bool IsIPv4(string value)
        {
            Match match = V4.Match(value);
            return match.Success && match.Length == value.Length;
        }
    }
}
