using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// Provider API keys, in the shapes analyzer LLM0012 flags in source code: OpenAI keys carry "T3BlbkFJ" (base64 of
    /// "OpenAI") between two random runs, Anthropic keys start "sk-ant-api03-"/"sk-ant-admin01-", Google keys are
    /// "AIza" + 35 characters, Hugging Face tokens "hf_" + 34 or more mixed-case letters. Each prefix is searched
    /// (ordinal) before its pattern runs.
    /// </summary>
    internal sealed class ApiKeyDetector : PiiDetector
    {
        private const string NotAfterKeyCharacter = "(?<![A-Za-z0-9_-])";
        private const string NotBeforeKeyCharacter = "(?![A-Za-z0-9_-])";

        private static readonly (string Prefix, Regex Pattern)[] Formats =
        {
            ("sk-ant-", PiiPatterns.Create(NotAfterKeyCharacter + "sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,}")),
            ("T3BlbkFJ", PiiPatterns.Create(NotAfterKeyCharacter + "sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}")),
            ("AIza", PiiPatterns.Create(NotAfterKeyCharacter + "AIza[0-9A-Za-z_-]{35}" + NotBeforeKeyCharacter)),
            ("hf_", PiiPatterns.Create(NotAfterKeyCharacter + "hf_[A-Za-z]{34,}" + NotBeforeKeyCharacter)),
        };

        public override string Kind => LlmPiiKind.ApiKey;

        public override void Find(string text, int rank, List<PiiCandidate> found)
        {
            foreach (var (prefix, pattern) in Formats)
            {
                if (text.IndexOf(prefix, System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                for (Match match = pattern.Match(text); match.Success; match = match.NextMatch())
                {
                    // Hugging Face tokens are random mixed-case letters; a single-case run is an identifier or prose.
                    if (prefix != "hf_" || IsMixedCase(match.Value))
                    {
                        found.Add(new PiiCandidate(match.Index, match.Length, Kind, rank));
                    }
                }
            }
        }

        private static bool IsMixedCase(string token)
        {
            bool upper = false;
            bool lower = false;
            for (int i = 3; i < token.Length; i++)
            {
                upper |= char.IsUpper(token[i]);
                lower |= char.IsLower(token[i]);
            }

            return upper && lower;
        }
    }
}
