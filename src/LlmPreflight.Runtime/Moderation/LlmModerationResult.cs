using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight
{
    /// <summary>A moderator's verdict. It names categories and configured terms, never the moderated text.</summary>
    public sealed class LlmModerationResult
    {
        private static readonly string[] None = Array.Empty<string>();

        private LlmModerationResult(string moderator, bool isFlagged, IReadOnlyList<string> categories, IReadOnlyList<string> matchedTerms)
        {
            Moderator = moderator;
            IsFlagged = isFlagged;
            Categories = categories;
            MatchedTerms = matchedTerms;
        }

        /// <summary>The name of the moderator that decided, e.g. <c>"local"</c> or <c>"openai"</c>.</summary>
        public string Moderator { get; }

        /// <summary>True when the text must not be sent.</summary>
        public bool IsFlagged { get; }

        /// <summary>Why it was flagged, e.g. <see cref="LlmModerationCategories.BlockedTerm"/> or OpenAI's <c>"harassment"</c>; empty when allowed.</summary>
        public IReadOnlyList<string> Categories { get; }

        /// <summary>The configured blocked terms that matched (as configured, not as written in the text); empty otherwise.</summary>
        public IReadOnlyList<string> MatchedTerms { get; }

        /// <summary>A verdict that lets the text through.</summary>
        /// <param name="moderator">The moderator's name.</param>
        public static LlmModerationResult Allowed(string moderator)
            => new LlmModerationResult(moderator ?? throw new ArgumentNullException(nameof(moderator)), false, None, None);

        /// <summary>A verdict that stops the text.</summary>
        /// <param name="moderator">The moderator's name.</param>
        /// <param name="categories">At least one category.</param>
        /// <param name="matchedTerms">Configured terms that matched, if the moderator works with terms.</param>
        public static LlmModerationResult Flagged(string moderator, IEnumerable<string> categories, IEnumerable<string>? matchedTerms = null)
        {
            if (moderator is null)
            {
                throw new ArgumentNullException(nameof(moderator));
            }

            string[] flaggedCategories = (categories ?? throw new ArgumentNullException(nameof(categories))).ToArray();
            if (flaggedCategories.Length == 0)
            {
                throw new ArgumentException("A flagged moderation result needs at least one category saying why.", nameof(categories));
            }

            return new LlmModerationResult(moderator, true, flaggedCategories, matchedTerms?.ToArray() ?? None);
        }

        /// <summary>Throws <see cref="LlmContentRejectedException"/> when the result is flagged.</summary>
        public void ThrowIfFlagged()
        {
            if (IsFlagged)
            {
                throw new LlmContentRejectedException(this);
            }
        }
    }
}
