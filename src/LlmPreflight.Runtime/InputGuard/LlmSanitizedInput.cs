namespace LlmPreflight
{
    /// <summary>Untrusted text after <see cref="LlmInputGuard"/>: redacted, moderated and within the token bound.</summary>
    public sealed class LlmSanitizedInput
    {
        internal LlmSanitizedInput(string text, LlmRedaction? redaction, LlmModerationResult? moderation, LlmTokenCount? tokens)
        {
            Text = text;
            Redaction = redaction;
            Moderation = moderation;
            Tokens = tokens;
        }

        /// <summary>The text to put into the prompt (placeholders such as <c>[EMAIL_1]</c> in place of personal data).</summary>
        public string Text { get; }

        /// <summary>What was redacted, or <c>null</c> when redaction is off. Pass it to the next call to keep placeholders stable across a conversation.</summary>
        public LlmRedaction? Redaction { get; }

        /// <summary>The moderator's verdict (always allowed here: flagged text throws), or <c>null</c> when moderation is off.</summary>
        public LlmModerationResult? Moderation { get; }

        /// <summary>The redacted text's token count, or <c>null</c> when the bound is off.</summary>
        public LlmTokenCount? Tokens { get; }

        /// <summary>Puts the originals back into the model's answer (the answer unchanged when nothing was redacted).</summary>
        /// <param name="answer">The model's answer.</param>
        /// <returns>The answer with placeholders replaced by the values they stand for.</returns>
        public string Restore(string answer) => Redaction is null ? answer : Redaction.Restore(answer);

        /// <summary>The sanitized text, so the input can be used directly in an interpolated prompt.</summary>
        /// <returns><see cref="Text"/>.</returns>
        public override string ToString() => Text;
    }
}
