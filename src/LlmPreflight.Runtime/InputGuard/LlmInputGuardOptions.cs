namespace LlmPreflight
{
    /// <summary>What <see cref="LlmInputGuard"/> applies to untrusted text before it goes into a prompt.</summary>
    public sealed class LlmInputGuardOptions
    {
        /// <summary>The default token bound: a long chat message or a short document, not a pasted book.</summary>
        public const int DefaultMaxTokens = 4096;

        /// <summary>Replaces personal data and secrets with typed placeholders; <c>null</c> turns redaction off. Default: <see cref="LlmPiiRedactor.Default"/>.</summary>
        public LlmPiiRedactor? Redactor { get; set; } = LlmPiiRedactor.Default;

        /// <summary>
        /// Checks the redacted text (so personal data never reaches a remote moderator); <c>null</c> (the default)
        /// turns moderation off, because no blocklist fits every application.
        /// </summary>
        public ILlmModerator? Moderator { get; set; }

        /// <summary>The most tokens the redacted text may take; <c>null</c> turns the bound off. Default <see cref="DefaultMaxTokens"/>.</summary>
        public int? MaxTokens { get; set; } = DefaultMaxTokens;

        /// <summary>
        /// The model whose tokenizer counts the text (exact for OpenAI models, a documented estimate for others, see
        /// <see cref="LlmTokenCounter.ForModel"/>); <c>null</c> counts as an unknown model (o200k_base scaled up, so it
        /// over-counts rather than under-counts).
        /// </summary>
        public string? Model { get; set; }
    }
}
