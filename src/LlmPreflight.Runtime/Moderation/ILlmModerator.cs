using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight
{
    /// <summary>
    /// Decides whether a text may be sent to a model. Implement it over any moderation service; the runtime ships
    /// <see cref="LlmLocalModerator"/> (blocked terms, maximum length) and <see cref="LlmCompositeModerator"/>, and
    /// docs/runtime.md shows a few-line adapter over OpenAI's moderation endpoint.
    /// </summary>
    public interface ILlmModerator
    {
        /// <summary>Moderates <paramref name="text"/>; a flagged result names the moderator and the categories.</summary>
        /// <param name="text">The text about to be sent.</param>
        /// <param name="cancellationToken">Cancels a remote moderation call.</param>
        ValueTask<LlmModerationResult> ModerateAsync(string text, CancellationToken cancellationToken = default);
    }
}
