using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight
{
    /// <summary>
    /// One call for untrusted text (user input, retrieved documents, tool output) before it goes into a prompt:
    /// PII redaction, then moderation of the redacted text, then the token bound. This is the sanitizer rule LLM0013
    /// recognises: <c>$"Summarise: {LlmInputGuard.Default.Sanitize(userText)}"</c>.
    /// </summary>
    /// <remarks>
    /// Redaction comes first so personal data never reaches a remote moderator, and the bound is measured on the
    /// text that will actually be sent. Flagged text throws <see cref="LlmContentRejectedException"/>; text over the
    /// bound throws <see cref="LlmPromptTooLargeException"/>. Instances are immutable and thread-safe.
    /// </remarks>
    public sealed class LlmInputGuard
    {
        private const string UnspecifiedModel = "unspecified model";

        private readonly LlmPiiRedactor? _redactor;
        private readonly ILlmModerator? _moderator;
        private readonly int? _maxTokens;
        private readonly string _model;

        /// <summary>Creates a guard; the options are copied.</summary>
        /// <param name="options">What to apply; <c>null</c> for the defaults (redaction and a 4,096-token bound, no moderation).</param>
        /// <exception cref="LlmGuardConfigurationException">A setting is invalid; the message names it.</exception>
        public LlmInputGuard(LlmInputGuardOptions? options = null)
        {
            options ??= new LlmInputGuardOptions();
            if (options.MaxTokens is int max && max < 1)
            {
                throw new LlmGuardConfigurationException(new[]
                {
                    $"{nameof(LlmInputGuardOptions)}.{nameof(LlmInputGuardOptions.MaxTokens)} is {max}. Set a positive number of tokens, or null for no bound.",
                });
            }

            if (options.Model != null && options.Model.Trim().Length == 0)
            {
                throw new LlmGuardConfigurationException(new[]
                {
                    $"{nameof(LlmInputGuardOptions)}.{nameof(LlmInputGuardOptions.Model)} is empty. Name the model the prompt goes to (e.g. \"gpt-4o-mini\"), or leave it null to count as an unknown model.",
                });
            }

            _redactor = options.Redactor;
            _moderator = options.Moderator;
            _maxTokens = options.MaxTokens;
            _model = options.Model?.Trim() ?? UnspecifiedModel;
        }

        /// <summary>Redaction with the built-in detectors and a 4,096-token bound; no moderation.</summary>
        public static LlmInputGuard Default { get; } = new LlmInputGuard();

        /// <summary>Sanitizes <paramref name="text"/> synchronously (the moderator, if any, must be local: <see cref="LlmLocalModerator"/>, or an <see cref="LlmCompositeModerator"/> of local ones).</summary>
        /// <param name="text">The untrusted text.</param>
        /// <param name="continuing">The previous turn's redaction, so the same value keeps the same placeholder across a conversation.</param>
        /// <returns>The text to put into the prompt, with what was done to it.</returns>
        /// <exception cref="LlmContentRejectedException">The moderator flagged the text.</exception>
        /// <exception cref="LlmPromptTooLargeException">The text is over the token bound.</exception>
        /// <exception cref="InvalidOperationException">The moderator is not local: call <see cref="SanitizeAsync"/>.</exception>
        public LlmSanitizedInput Sanitize(string text, LlmRedaction? continuing = null)
        {
            // Decided before anything runs, so a remote moderation request is never started and then abandoned.
            if (_moderator != null && !IsSynchronous(_moderator))
            {
                throw new InvalidOperationException(
                    $"The moderator {_moderator.GetType().Name} is not local (it may call a service); use LlmInputGuard.SanitizeAsync, or an LlmLocalModerator (alone or in an LlmCompositeModerator of local ones) for the synchronous Sanitize.");
            }

            LlmRedaction? redaction = Redact(text, continuing);
            string redacted = redaction?.Text ?? text;
            LlmModerationResult? moderation = _moderator is null ? null : Allowed(ModerateNow(_moderator, redacted));
            return new LlmSanitizedInput(redacted, redaction, moderation, Bound(redacted));
        }

        /// <summary>Sanitizes <paramref name="text"/>, awaiting a remote moderator if one is set.</summary>
        /// <param name="text">The untrusted text.</param>
        /// <param name="continuing">The previous turn's redaction, so the same value keeps the same placeholder across a conversation.</param>
        /// <param name="cancellationToken">Cancels the moderation call.</param>
        /// <returns>The text to put into the prompt, with what was done to it.</returns>
        /// <exception cref="LlmContentRejectedException">The moderator flagged the text.</exception>
        /// <exception cref="LlmPromptTooLargeException">The text is over the token bound.</exception>
        public async ValueTask<LlmSanitizedInput> SanitizeAsync(string text, LlmRedaction? continuing = null, CancellationToken cancellationToken = default)
        {
            LlmRedaction? redaction = Redact(text, continuing);
            string redacted = redaction?.Text ?? text;
            LlmModerationResult? moderation = _moderator is null
                ? null
                : Allowed(await _moderator.ModerateAsync(redacted, cancellationToken).ConfigureAwait(false));
            return new LlmSanitizedInput(redacted, redaction, moderation, Bound(redacted));
        }

        private LlmRedaction? Redact(string text, LlmRedaction? continuing)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (_redactor is null)
            {
                return null;
            }

            LlmRedaction redaction = _redactor.Redact(text, continuing);
            if (redaction.HasFindings && Telemetry.InputRedactions.Enabled)
            {
                foreach (LlmPiiFinding finding in redaction.Findings)
                {
                    Telemetry.InputRedactions.Add(1, new TagList { { "llmpreflight.pii.kind", finding.Kind } });
                }
            }

            return redaction;
        }

        private static bool IsSynchronous(ILlmModerator moderator) => moderator switch
        {
            LlmLocalModerator => true,
            LlmCompositeModerator composite => composite.Moderators.All(IsSynchronous),
            _ => false,
        };

        /// <summary>Runs a moderator that <see cref="IsSynchronous"/> accepted, in the composite's order: the first flag wins.</summary>
        private static LlmModerationResult ModerateNow(ILlmModerator moderator, string text)
        {
            if (moderator is LlmLocalModerator local)
            {
                return local.Moderate(text);
            }

            LlmModerationResult? last = null;
            foreach (ILlmModerator inner in ((LlmCompositeModerator)moderator).Moderators)
            {
                last = ModerateNow(inner, text);
                if (last.IsFlagged)
                {
                    return last;
                }
            }

            return last!;
        }

        private static LlmModerationResult Allowed(LlmModerationResult result)
        {
            if (result.IsFlagged)
            {
                Rejected("moderation");
                throw new LlmContentRejectedException(result);
            }

            return result;
        }

        private LlmTokenCount? Bound(string text)
        {
            if (_maxTokens is not int max)
            {
                return null;
            }

            LlmPromptEstimate estimate = LlmPromptEstimate.For(text, _model);
            if (estimate.InputTokens.Tokens > max)
            {
                Rejected("tokens");
                throw new LlmPromptTooLargeException(
                    estimate,
                    max,
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "The input was refused before it went into a prompt: its {0:N0} tokens ({1}, {2}) are {3:N0} over {4}.{5} ({6:N0}). Shorten or summarise the input first, or raise MaxTokens.",
                        estimate.InputTokens.Tokens,
                        estimate.InputTokens.IsExact ? "exact" : "estimate",
                        estimate.InputTokens.Method,
                        estimate.InputTokens.Tokens - max,
                        nameof(LlmInputGuardOptions),
                        nameof(LlmInputGuardOptions.MaxTokens),
                        max));
            }

            return estimate.InputTokens;
        }

        private static void Rejected(string reason)
        {
            if (Telemetry.InputRejections.Enabled)
            {
                Telemetry.InputRejections.Add(1, new TagList { { "llmpreflight.input.rejection", reason } });
            }
        }
    }
}
