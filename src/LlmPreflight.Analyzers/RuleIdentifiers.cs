namespace LlmPreflight.Analyzers;

/// <summary>Every rule ID, in one place (the contract is RULES.md).</summary>
internal static class RuleIdentifiers
{
    public const string InvalidConfiguration = "LLM0000";
    public const string ModelCallWithoutCancellation = "LLM0001";
    public const string ClientWithoutRetryBackoff = "LLM0002";
    public const string RetryLoopWithoutBackoff = "LLM0003";
    public const string UnhandledModelCallFailure = "LLM0004";
    public const string BlockingModelCallInAsyncCode = "LLM0005";
    public const string UnthrottledParallelModelCalls = "LLM0006";
    public const string ModelCallInLoop = "LLM0007";
    public const string TokenUsageNotRecorded = "LLM0009";
    public const string HardCodedCredential = "LLM0012";
}
