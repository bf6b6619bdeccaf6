using System;
using System.Collections.Generic;
using System.Text;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Maps the SDKs' finish reasons, stop reasons and statuses to a <see cref="LlmCompletionKind"/>. The SDKs spell the
    /// same thing differently (OpenAI's enum <c>ContentFilter</c>, the wire's <c>content_filter</c>, Anthropic's
    /// <c>max_tokens</c>), so reasons are compared without case, underscores, hyphens or spaces.
    /// </summary>
    internal static class CompletionReasons
    {
        private static readonly Dictionary<string, LlmCompletionKind> Kinds = new Dictionary<string, LlmCompletionKind>(StringComparer.Ordinal)
        {
            // Finished normally; tool calls are a normal end of a turn.
            ["stop"] = LlmCompletionKind.Complete,
            ["endturn"] = LlmCompletionKind.Complete,
            ["stopsequence"] = LlmCompletionKind.Complete,
            ["toolcalls"] = LlmCompletionKind.Complete,
            ["tooluse"] = LlmCompletionKind.Complete,
            ["functioncall"] = LlmCompletionKind.Complete,
            ["completed"] = LlmCompletionKind.Complete,

            // Cut off by a token or context limit.
            ["length"] = LlmCompletionKind.Truncated,
            ["maxtokens"] = LlmCompletionKind.Truncated,
            ["maxoutputtokens"] = LlmCompletionKind.Truncated,
            ["modelcontextwindowexceeded"] = LlmCompletionKind.Truncated,

            // Stopped by a filter (OpenAI/Azure content_filter; Gemini's names through MEAI or Semantic Kernel).
            ["contentfilter"] = LlmCompletionKind.Filtered,
            ["safety"] = LlmCompletionKind.Filtered,
            ["recitation"] = LlmCompletionKind.Filtered,
            ["blocklist"] = LlmCompletionKind.Filtered,
            ["prohibitedcontent"] = LlmCompletionKind.Filtered,

            ["refusal"] = LlmCompletionKind.Refused,

            // Did not finish: Responses statuses other than completed, Anthropic's paused server-tool turn,
            // Ollama's "load"/"unload" answers, which carry no output.
            ["incomplete"] = LlmCompletionKind.Incomplete,
            ["failed"] = LlmCompletionKind.Incomplete,
            ["cancelled"] = LlmCompletionKind.Incomplete,
            ["canceled"] = LlmCompletionKind.Incomplete,
            ["inprogress"] = LlmCompletionKind.Incomplete,
            ["queued"] = LlmCompletionKind.Incomplete,
            ["pauseturn"] = LlmCompletionKind.Incomplete,
            ["load"] = LlmCompletionKind.Incomplete,
            ["unload"] = LlmCompletionKind.Incomplete,
        };

        /// <summary>The kind of a reason; <see cref="LlmCompletionKind.Unknown"/> for null or an unrecognised reason.</summary>
        public static LlmCompletionKind Classify(string? reason)
            => reason != null && Kinds.TryGetValue(Normalize(reason), out LlmCompletionKind kind) ? kind : LlmCompletionKind.Unknown;

        /// <summary>A status from a reason, keeping the SDK's spelling.</summary>
        public static LlmCompletionStatus Status(string? reason) => new LlmCompletionStatus(Classify(reason), reason);

        private static string Normalize(string reason)
        {
            var text = new StringBuilder(reason.Length);
            foreach (char c in reason)
            {
                if (c != '_' && c != '-' && c != ' ')
                {
                    text.Append(char.ToLowerInvariant(c));
                }
            }

            return text.ToString();
        }
    }
}
