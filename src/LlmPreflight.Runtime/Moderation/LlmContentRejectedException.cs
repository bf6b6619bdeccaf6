using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// A moderator flagged the text, so it was not sent to the model. The message names the moderator, the categories and
    /// the configured terms that matched; it never repeats the text.
    /// </summary>
    public sealed class LlmContentRejectedException : Exception
    {
        /// <summary>Creates the exception from a flagged result.</summary>
        /// <param name="result">The flagged verdict.</param>
        public LlmContentRejectedException(LlmModerationResult result)
            : base(BuildMessage(result ?? throw new ArgumentNullException(nameof(result))))
        {
            Result = result;
        }

        /// <summary>The verdict.</summary>
        public LlmModerationResult Result { get; }

        /// <summary>The moderator that flagged the text.</summary>
        public string Moderator => Result.Moderator;

        /// <summary>Why it was flagged.</summary>
        public IReadOnlyList<string> Categories => Result.Categories;

        /// <summary>The configured blocked terms that matched, if any.</summary>
        public IReadOnlyList<string> MatchedTerms => Result.MatchedTerms;

        private static string BuildMessage(LlmModerationResult result)
        {
            string terms = result.MatchedTerms.Count == 0 ? string.Empty : $" (blocked terms: '{string.Join("', '", result.MatchedTerms)}')";
            return $"Moderator '{result.Moderator}' rejected the input: {string.Join(", ", result.Categories)}{terms}. It was not sent to the model.";
        }
    }
}
