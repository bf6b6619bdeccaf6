namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>A span some detector claims, before overlaps are resolved. Lower <see cref="Rank"/> wins an overlap.</summary>
    internal readonly struct PiiCandidate
    {
        public PiiCandidate(int start, int length, string kind, int rank)
        {
            Start = start;
            Length = length;
            Kind = kind;
            Rank = rank;
        }

        public int Start { get; }

        public int Length { get; }

        public string Kind { get; }

        public int Rank { get; }

        public int End => Start + Length;
    }
}
