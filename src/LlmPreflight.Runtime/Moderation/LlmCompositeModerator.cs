using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight
{
    /// <summary>
    /// Runs several moderators in the order given and returns the first flagged verdict, so later (remote, paid)
    /// moderators are not called for text an earlier one refused. Put the local one first.
    /// </summary>
    public sealed class LlmCompositeModerator : ILlmModerator
    {
        private readonly ILlmModerator[] _moderators;

        /// <summary>Creates the composite.</summary>
        /// <param name="moderators">At least one moderator, in the order to run them.</param>
        public LlmCompositeModerator(params ILlmModerator[] moderators)
        {
            if (moderators is null || moderators.Length == 0)
            {
                throw new ArgumentException("An LlmCompositeModerator needs at least one moderator, e.g. new LlmCompositeModerator(local, remote).", nameof(moderators));
            }

            if (moderators.Any(m => m is null))
            {
                throw new ArgumentException("The moderators passed to LlmCompositeModerator include null; pass only moderators.", nameof(moderators));
            }

            _moderators = (ILlmModerator[])moderators.Clone();
        }

        /// <summary>The moderators, in the order they run.</summary>
        public IReadOnlyList<ILlmModerator> Moderators => _moderators;

        /// <inheritdoc />
        public async ValueTask<LlmModerationResult> ModerateAsync(string text, CancellationToken cancellationToken = default)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            LlmModerationResult? last = null;
            foreach (ILlmModerator moderator in _moderators)
            {
                last = await moderator.ModerateAsync(text, cancellationToken).ConfigureAwait(false);
                if (last.IsFlagged)
                {
                    return last;
                }
            }

            return last!;
        }
    }
}
