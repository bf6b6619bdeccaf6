namespace LlmPreflight.Runtime.Tests.Moderation;

/// <summary>Bodies the OpenAI /v1/moderations endpoint returns, with the given categories flagged.</summary>
public static class ModerationResponses
{
    private static readonly string[] Categories =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
        "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];

    public static string Json(params string[] flagged)
    {
        string Flags() => string.Join(",", Categories.Select(c => $"\"{c}\":{(flagged.Contains(c) ? "true" : "false")}"));
        string Scores() => string.Join(",", Categories.Select(c => $"\"{c}\":{(flagged.Contains(c) ? "0.97" : "0.0001")}"));
        string Inputs() => string.Join(",", Categories.Select(c => $"\"{c}\":[\"text\"]"));
        return "{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{"
            + $"\"flagged\":{(flagged.Length > 0 ? "true" : "false")},\"categories\":{{{Flags()}}},\"category_scores\":{{{Scores()}}},"
            + $"\"category_applied_input_types\":{{{Inputs()}}}}}]}}";
    }
}
