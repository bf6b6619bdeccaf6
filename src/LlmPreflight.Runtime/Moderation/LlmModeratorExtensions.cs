using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight
{
    /// <summary>Moderation as a gate in front of a call.</summary>
    public static class LlmModeratorExtensions
    {
        /// <summary>Moderates <paramref name="text"/> and throws <see cref="LlmContentRejectedException"/> when it is flagged.</summary>
        /// <param name="moderator">The moderator.</param>
        /// <param name="text">The text about to be sent.</param>
        /// <param name="cancellationToken">Cancels a remote moderation call.</param>
        public static async ValueTask EnsureAllowedAsync(this ILlmModerator moderator, string text, CancellationToken cancellationToken = default)
        {
            LlmModerationResult result = await moderator.ModerateAsync(text, cancellationToken).ConfigureAwait(false);
            result.ThrowIfFlagged();
        }
    }
}
