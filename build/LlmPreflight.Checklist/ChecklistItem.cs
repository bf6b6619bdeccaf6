namespace LlmPreflight.Checklist;

/// <summary>One line of the pre-deploy checklist and the rules that check it.</summary>
internal sealed record ChecklistItem(string Number, string Title, string[] RuleIds)
{
    public static readonly ChecklistItem[] All =
    [
        new("1", "Rate limits", ["LLM0006", "LLM0007"]),
        new("2", "Timeouts", ["LLM0001", "LLM0005"]),
        new("3", "Cost monitoring", ["LLM0008", "LLM0009"]),
        new("4", "Prompt versioning", ["LLM0014"]),
        new("5", "Output validation", ["LLM0010", "LLM0011"]),
        new("6", "Fallback", ["LLM0004"]),
        new("7", "Content moderation", ["LLM0013"]),
        new("8", "PII redaction", ["LLM0013"]),
        new("9", "Caching", ["LLM0007"]),
        new("10", "Retry with exponential backoff", ["LLM0002", "LLM0003"]),
        new("11", "Monitoring and alerting", ["LLM0016"]),
        new("12", "Multimodal / model support", ["LLM0015"]),
        new("13", "Token estimation", ["LLM0008", "LLM0013"]),
        new("14", "Prompt A/B testing", ["LLM0014"]),
        new("15", "Graceful degradation", ["LLM0004"]),
        new("S", "Secrets (no hard-coded keys)", ["LLM0012"]),
    ];
}
