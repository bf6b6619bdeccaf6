using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight
{
    /// <summary>
    /// Moderation without a network call: blocked terms (whole words; case-, accent- and width-insensitive) and a
    /// maximum length. Cheap enough to run before every call, and first in an <see cref="LlmCompositeModerator"/> so a
    /// remote moderator is not paid for text that is refused anyway. Immutable and thread-safe.
    /// </summary>
    public sealed class LlmLocalModerator : ILlmModerator
    {
        private readonly Regex? _terms;
        private readonly Dictionary<string, string> _configuredByNormalized;
        private readonly int? _maxLength;

        /// <summary>Creates the moderator; the options are read now and not again.</summary>
        /// <param name="options">The blocked terms and maximum length.</param>
        /// <exception cref="LlmGuardConfigurationException">The options are unusable; the message names each setting and the fix.</exception>
        public LlmLocalModerator(LlmLocalModeratorOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(options.Name))
            {
                problems.Add($"{nameof(LlmLocalModeratorOptions)}.{nameof(LlmLocalModeratorOptions.Name)} is empty. Name the moderator (default \"local\"); rejections report it.");
            }

            if (options.MaxLength is int max && max < 1)
            {
                problems.Add($"{nameof(LlmLocalModeratorOptions)}.{nameof(LlmLocalModeratorOptions.MaxLength)} is {max}. Set a positive number of characters, or null for no limit.");
            }

            _configuredByNormalized = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < options.BlockedTerms.Count; i++)
            {
                string? term = options.BlockedTerms[i];
                string normalized = term is null ? string.Empty : Normalize(term).Trim();
                if (normalized.Length == 0)
                {
                    problems.Add($"{nameof(LlmLocalModeratorOptions)}.{nameof(LlmLocalModeratorOptions.BlockedTerms)}[{i}] is empty. Remove it; an empty term would match nothing useful.");
                }
                else if (!_configuredByNormalized.ContainsKey(CollapseWhitespace(normalized)))
                {
                    _configuredByNormalized.Add(CollapseWhitespace(normalized), term!);
                }
            }

            if (options.BlockedTerms.Count == 0 && options.MaxLength is null)
            {
                problems.Add($"{nameof(LlmLocalModeratorOptions)} has no {nameof(LlmLocalModeratorOptions.BlockedTerms)} and no {nameof(LlmLocalModeratorOptions.MaxLength)}, so it would allow everything. Set at least one.");
            }

            if (problems.Count > 0)
            {
                throw new LlmGuardConfigurationException(problems);
            }

            Name = options.Name;
            _maxLength = options.MaxLength;
            if (_configuredByNormalized.Count > 0)
            {
                // Longest first, so "bomb threat" is reported rather than "bomb" when both are configured.
                IEnumerable<string> alternatives = _configuredByNormalized.Keys
                    .OrderByDescending(t => t.Length)
                    .Select(t => Regex.Escape(t).Replace("\\ ", "\\s+"));
                _terms = new Regex(
                    @"(?<![\p{L}\p{N}])(?:" + string.Join("|", alternatives) + @")(?![\p{L}\p{N}])",
                    RegexOptions.Compiled | RegexOptions.CultureInvariant,
                    TimeSpan.FromSeconds(1));
            }
        }

        /// <summary>The name results and rejections carry.</summary>
        public string Name { get; }

        /// <summary>Moderates <paramref name="text"/> synchronously (no I/O happens here).</summary>
        /// <param name="text">The text about to be sent.</param>
        public LlmModerationResult Moderate(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            var categories = new List<string>(2);
            var matched = new List<string>();
            if (_maxLength is int max && text.Length > max)
            {
                categories.Add(LlmModerationCategories.TooLong);
            }

            if (_terms is not null)
            {
                try
                {
                    for (Match match = _terms.Match(Normalize(text)); match.Success; match = match.NextMatch())
                    {
                        string configured = _configuredByNormalized[CollapseWhitespace(match.Value)];
                        if (!matched.Contains(configured))
                        {
                            matched.Add(configured);
                        }
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // Fail closed: text too large to scan in time is not let through unscanned.
                    categories.Add(LlmModerationCategories.TooLong);
                }
            }

            if (matched.Count > 0)
            {
                categories.Insert(0, LlmModerationCategories.BlockedTerm);
            }

            return categories.Count == 0 ? LlmModerationResult.Allowed(Name) : LlmModerationResult.Flagged(Name, categories.Distinct(), matched);
        }

        /// <inheritdoc />
        public ValueTask<LlmModerationResult> ModerateAsync(string text, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<LlmModerationResult>(Moderate(text));
        }

        /// <summary>
        /// Compatibility decomposition (full-width and ligature forms become plain letters), accents dropped, lower case.
        /// Only combining marks are removed, so the text keeps one character per base character.
        /// </summary>
        private static string Normalize(string text)
        {
            string decomposed = text.Normalize(NormalizationForm.FormKD);
            var plain = new StringBuilder(decomposed.Length);
            foreach (char c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    plain.Append(char.ToLowerInvariant(c));
                }
            }

            return plain.ToString();
        }

        private static string CollapseWhitespace(string text) => Regex.Replace(text, @"\s+", " ");
    }
}
