namespace LlmPreflight
{
    /// <summary>One value a redaction replaced: what it was, where it was in the input, and what replaced it.</summary>
    public sealed class LlmPiiFinding
    {
        internal LlmPiiFinding(string kind, int start, int length, string value, string placeholder)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Value = value;
            Placeholder = placeholder;
        }

        /// <summary>The kind, e.g. <see cref="LlmPiiKind.Email"/> or a custom detector's kind.</summary>
        public string Kind { get; }

        /// <summary>The index of the value in the original text.</summary>
        public int Start { get; }

        /// <summary>The value's length in the original text.</summary>
        public int Length { get; }

        /// <summary>The original value. Treat it as the secret it is: do not log it.</summary>
        public string Value { get; }

        /// <summary>The placeholder that replaced it, e.g. <c>[EMAIL_1]</c>.</summary>
        public string Placeholder { get; }

        /// <summary>The kind, span and placeholder; never the value, so a finding is safe to log.</summary>
        public override string ToString() => $"{Kind} at {Start}+{Length} -> {Placeholder}";
    }
}
