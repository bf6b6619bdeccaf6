using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LlmPreflight
{
    /// <summary>
    /// A custom detector from a regular expression and an optional check of each match (a checksum, a range).
    /// The pattern is compiled once, with a match timeout, so a pathological input cannot hang the caller.
    /// </summary>
    public sealed class LlmRegexPiiDetector : ILlmPiiDetector
    {
        private readonly Regex _pattern;
        private readonly Func<string, bool>? _isValid;

        /// <summary>Creates the detector.</summary>
        /// <param name="kind">The placeholder label, e.g. <c>"EMPLOYEE_ID"</c>.</param>
        /// <param name="pattern">The pattern; the whole match is the value (use lookarounds for context).</param>
        /// <param name="isValid">Keeps a match only when it returns true, e.g. a check-digit test; null keeps all.</param>
        /// <param name="options">Extra regex options; <see cref="RegexOptions.CultureInvariant"/> is always added.</param>
        /// <param name="matchTimeout">How long one match may take; 1 second when null.</param>
        public LlmRegexPiiDetector(string kind, string pattern, Func<string, bool>? isValid = null, RegexOptions options = RegexOptions.None, TimeSpan? matchTimeout = null)
        {
            if (pattern is null)
            {
                throw new ArgumentNullException(nameof(pattern));
            }

            Kind = kind ?? throw new ArgumentNullException(nameof(kind));
            _pattern = new Regex(pattern, options | RegexOptions.CultureInvariant, matchTimeout ?? TimeSpan.FromSeconds(1));
            _isValid = isValid;
        }

        /// <inheritdoc />
        public string Kind { get; }

        /// <inheritdoc />
        public IEnumerable<LlmPiiMatch> Find(string text)
        {
            for (Match match = _pattern.Match(text); match.Success; match = match.NextMatch())
            {
                if (match.Length > 0 && (_isValid is null || _isValid(match.Value)))
                {
                    yield return new LlmPiiMatch(match.Index, match.Length);
                }
            }
        }
    }
}
