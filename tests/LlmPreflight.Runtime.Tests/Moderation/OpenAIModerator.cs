using System.ClientModel;
using OpenAI.Moderations;

namespace LlmPreflight.Runtime.Tests.Moderation;

/// <summary>
/// The OpenAI moderation adapter exactly as docs/runtime.md shows it (the runtime takes no OpenAI dependency), tested
/// here with the real <see cref="ModerationClient"/>. The call runs under LlmGuard, so it gets the same timeouts and retries.
/// </summary>
public sealed class OpenAIModerator(ModerationClient client, string name = "openai") : ILlmModerator
{
    public async ValueTask<LlmModerationResult> ModerateAsync(string text, CancellationToken cancellationToken = default)
    {
        ClientResult<ModerationResult> response = await LlmGuard.RunAsync(ct => client.ClassifyTextAsync(text, ct), cancellationToken);
        ModerationResult result = response.Value;
        if (!result.Flagged)
        {
            return LlmModerationResult.Allowed(name);
        }

        (string Name, ModerationCategory Category)[] categories =
        [
            ("harassment", result.Harassment), ("harassment/threatening", result.HarassmentThreatening),
            ("hate", result.Hate), ("hate/threatening", result.HateThreatening),
            ("illicit", result.Illicit), ("illicit/violent", result.IllicitViolent),
            ("self-harm", result.SelfHarm), ("self-harm/intent", result.SelfHarmIntent), ("self-harm/instructions", result.SelfHarmInstructions),
            ("sexual", result.Sexual), ("sexual/minors", result.SexualMinors),
            ("violence", result.Violence), ("violence/graphic", result.ViolenceGraphic),
        ];
        string[] flagged = categories.Where(c => c.Category.Flagged).Select(c => c.Name).ToArray();
        return LlmModerationResult.Flagged(name, flagged.Length > 0 ? flagged : ["flagged"]);
    }
}
