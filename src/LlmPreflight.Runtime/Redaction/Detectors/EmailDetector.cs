using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// E-mail addresses, Unicode letters allowed in both parts (people write "josé@..."). The domain needs a dot and an
    /// alphabetic top-level label, which keeps out "admin@localhost", "pkg@1.2.3" and "nginx@sha256:...".
    /// </summary>
    internal sealed class EmailDetector : PiiDetector
    {
        private static readonly Regex Pattern = PiiPatterns.Create(
            @"(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])");

        // Image-density suffixes ("logo@2x.png") look like addresses; these endings are file types, not top-level domains.
        private static readonly HashSet<string> FileExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "ico", "tif", "tiff", "avif", "heic",
        };

        public override string Kind => LlmPiiKind.Email;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            if (text.IndexOf('@') < 0)
            {
                return;
            }

            for (Match match = Pattern.Match(text); match.Success; match = match.NextMatch())
            {
                int start = match.Index;
                int end = match.Index + match.Length;

                // Quotes and dots around a word are punctuation, not part of the local part ('ana@x.com').
                while (start < end && (text[start] == '\'' || text[start] == '.'))
                {
                    start++;
                }

                if (text[start] == '@' || IsFileName(text, end) || IsRemotePath(text, end))
                {
                    continue;
                }

                found.Add(new PiiCandidate(start, end - start, Kind, rank));
            }
        }

        private static bool IsFileName(string text, int end)
        {
            int dot = text.LastIndexOf('.', end - 1);
            return FileExtensions.Contains(text.Substring(dot + 1, end - dot - 1));
        }

        // "git@github.com:org/repo.git" and "user@host.example:/tmp" are scp-style remotes: an account on a host, not a mailbox.
        private static bool IsRemotePath(string text, int end)
            => end + 1 < text.Length && text[end] == ':' && !char.IsWhiteSpace(text[end + 1]);
    }
}
