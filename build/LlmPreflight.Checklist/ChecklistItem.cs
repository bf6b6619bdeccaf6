namespace LlmPreflight.Checklist;

/// <summary>One line of the pre-deploy checklist, the rules that check it and the runtime piece that covers it.</summary>
internal sealed record ChecklistItem(string Number, string Title, string[] RuleIds, string Runtime)
{
    public static readonly ChecklistItem[] All =
    [
        new("1", "Rate limits", ["LLM0006", "LLM0007"], "LlmGuard policy: RateLimitPermits, TokensPerMinute, RateLimiter (Redis)"),
        new("2", "Timeouts", ["LLM0001", "LLM0005"], "LlmGuard policy: TotalTimeout, AttemptTimeout, StreamIdleTimeout"),
        new("3", "Cost monitoring", ["LLM0008", "LLM0009"], "LlmGuard.Costs, Budget, llmpreflight.cost metric"),
        new("4", "Prompt versioning", ["LLM0014"], "LlmPromptCatalog"),
        new("5", "Output validation", ["LLM0010", "LLM0011"], "LlmOutput.Parse, LlmCompletion.EnsureComplete, RunValidatedAsync"),
        new("6", "Fallback", ["LLM0004"], "AddFallback, LlmFallbackChain"),
        new("7", "Content moderation", ["LLM0013"], "ILlmModerator, LlmInputGuard"),
        new("8", "PII redaction", ["LLM0013"], "LlmPiiRedactor, LlmInputGuard"),
        new("9", "Caching", ["LLM0007"], "LlmGuard.RunCachedAsync (HybridCache, Redis)"),
        new("10", "Retry with exponential backoff", ["LLM0002", "LLM0003"], "LlmGuard policy: MaxRetries, BaseDelay, Retry-After"),
        new("11", "Monitoring and alerting", ["LLM0016"], "GenAI metrics and activities, UseLlmPreflight"),
        new("12", "Multimodal / model support", ["LLM0015"], "-"),
        new("13", "Token estimation", ["LLM0008", "LLM0013"], "LlmTokenCounter, LlmPromptEstimate"),
        new("14", "Prompt A/B testing", ["LLM0014"], "LlmPromptCatalog experiments"),
        new("15", "Graceful degradation", ["LLM0004"], "LlmFallbackChain, AddFallback"),
        new("S", "Secrets (no hard-coded keys)", ["LLM0012"], "-"),
    ];
}
