namespace LlmPreflight
{
    /// <summary>Where a custom detector found a value: a span of the scanned text.</summary>
    public readonly struct LlmPiiMatch
    {
        /// <summary>Creates a match.</summary>
        /// <param name="start">The index of the value's first character.</param>
        /// <param name="length">The value's length in characters (at least 1).</param>
        public LlmPiiMatch(int start, int length)
        {
            Start = start;
            Length = length;
        }

        /// <summary>The index of the value's first character.</summary>
        public int Start { get; }

        /// <summary>The value's length in characters.</summary>
        public int Length { get; }
    }
}
