namespace LlmPreflight
{
    /// <summary>The categories <see cref="LlmLocalModerator"/> reports.</summary>
    public static class LlmModerationCategories
    {
        /// <summary>The text contains a configured blocked term.</summary>
        public const string BlockedTerm = "blocked-term";

        /// <summary>The text is longer than the configured maximum.</summary>
        public const string TooLong = "too-long";
    }
}
