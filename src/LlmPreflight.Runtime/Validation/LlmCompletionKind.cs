namespace LlmPreflight
{
    /// <summary>How a model's output ended, as read from the SDK result's finish reason, stop reason or status.</summary>
    public enum LlmCompletionKind
    {
        /// <summary>The result says nothing about how the output ended (an unknown type, or a stream chunk that is not the last).</summary>
        Unknown = 0,

        /// <summary>The model finished normally (stop, end_turn, stop_sequence, tool calls, Responses status completed).</summary>
        Complete = 1,

        /// <summary>The output was cut off at the output token limit (length, max_tokens, max_output_tokens).</summary>
        Truncated = 2,

        /// <summary>The provider's content filter stopped the output (content_filter).</summary>
        Filtered = 3,

        /// <summary>The model declined to answer (Anthropic stop_reason refusal, OpenAI's refusal message).</summary>
        Refused = 4,

        /// <summary>The response did not finish for another reason (Responses status incomplete, failed or cancelled; Anthropic pause_turn).</summary>
        Incomplete = 5,
    }
}
