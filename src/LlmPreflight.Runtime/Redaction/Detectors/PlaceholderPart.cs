using System;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>
    /// One step of the restore pattern: a set of characters repeated between <see cref="Min"/> and <see cref="Max"/>
    /// times. The streamed restorer walks these steps to tell whether the tail of a chunk could still grow into a
    /// placeholder, so <see cref="Accepts"/> may accept more than the pattern does (that only holds text back a little
    /// longer) but never less (that would let a placeholder through unrestored).
    /// </summary>
    internal sealed class PlaceholderPart
    {
        private PlaceholderPart(Func<char, bool> accepts, int min, int max)
        {
            Accepts = accepts;
            Min = min;
            Max = max;
        }

        public Func<char, bool> Accepts { get; }

        public int Min { get; }

        public int Max { get; }

        /// <summary>The whitespace allowed between the parts of a placeholder (<c>\s</c> is exactly char.IsWhiteSpace).</summary>
        public static PlaceholderPart Spaces(int max) => new PlaceholderPart(char.IsWhiteSpace, 0, max);

        /// <summary>The optional backslash of a Markdown escape.</summary>
        public static PlaceholderPart Escape { get; } = new PlaceholderPart(c => c == '\\', 0, 1);

        public static PlaceholderPart Digits(int max) => new PlaceholderPart(char.IsDigit, 1, max);

        // The pattern ignores case, and the runtime's case tables map a few non-ASCII characters (the Kelvin sign, a
        // dotless i) onto ASCII letters, differently per runtime; accepting every non-ASCII character covers them all.
        public static PlaceholderPart KindStart { get; } = new PlaceholderPart(c => IsAsciiLetter(c) || c > '\u007f', 1, 1);

        public static PlaceholderPart KindRest(int max) => new PlaceholderPart(c => IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c > '\u007f', 0, max);

        public static PlaceholderPart Literal(char literal)
        {
            if (literal > '\u007f')
            {
                return new PlaceholderPart(_ => true, 1, 1);
            }

            char upper = char.ToUpperInvariant(literal);
            return new PlaceholderPart(c => char.ToUpperInvariant(c) == upper || c > '\u007f', 1, 1);
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
