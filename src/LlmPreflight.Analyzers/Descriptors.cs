using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers;

/// <summary>Every diagnostic descriptor, built by one factory so that help links and tags cannot drift.</summary>
internal static class Descriptors
{
    public const string HelpLinkBase = "https://github.com/LlmPreflight/LlmPreflight/blob/main/docs/rules/";

    public static readonly DiagnosticDescriptor LLM0000_InvalidConfiguration = Create(
        RuleIdentifiers.InvalidConfiguration,
        title: "Invalid LlmPreflight configuration",
        message: "Invalid LlmPreflight configuration: option '{0}', entry '{1}': {2}",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        description: "An llm_preflight.* option in .editorconfig has an entry the analyzers cannot use. The entry is ignored until it is fixed.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor LLM0001_ModelCallWithoutCancellation = Create(
        RuleIdentifiers.ModelCallWithoutCancellation,
        title: "Model call without cancellation or timeout",
        message: "'{0}' ({1}) {2}, so a slow or hung model response cannot be cancelled or timed out",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Model calls can take minutes. Without a CancellationToken the caller cannot time the call out or stop it when the request that needed it is gone; SDK defaults are 100 seconds per attempt or more.");

    public static readonly DiagnosticDescriptor LLM0002_ClientWithoutRetryBackoff = Create(
        RuleIdentifiers.ClientWithoutRetryBackoff,
        title: "Client built without retry backoff",
        message: "{0}",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Model APIs answer 429 and 5xx routinely under load. A client that does not retry fails those calls; one that retries with no delay hits the overloaded service again at once and burns its retries in milliseconds. Retries need exponential backoff.");

    public static readonly DiagnosticDescriptor LLM0003_RetryLoopWithoutBackoff = Create(
        RuleIdentifiers.RetryLoopWithoutBackoff,
        title: "Hand-written retry loop without backoff",
        message: "'{0}' is retried by a hand-written loop with {1}: retries that do not back off hit an overloaded service again at once; use exponential backoff with jitter and honour Retry-After (the runtime guard does both)",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "A loop that catches a model call's failure and tries again straight away, or after the same pause every time, turns one 429 into a burst of requests against a service that is already overloaded, and ignores the Retry-After the service sent.");
    public static readonly DiagnosticDescriptor LLM0004_UnhandledModelCallFailure = Create(
        RuleIdentifiers.UnhandledModelCallFailure,
        title: "Model call failure not handled",
        message: "'{0}' ({1}) {2}; wrap it in the runtime guard (its fallback policy handles the failure){3}",
        RuleCategories.Reliability,
        DiagnosticSeverity.Info,
        description: "Model APIs fail routinely: rate limits (429), overloads (503/529), timeouts and content filters. A call with no catch for the SDK's exception and no fallback turns each of these into an unhandled exception for the user instead of a degraded answer.");

    public static readonly DiagnosticDescriptor LLM0005_BlockingModelCallInAsyncCode = Create(
        RuleIdentifiers.BlockingModelCallInAsyncCode,
        title: "Blocking model call in async code",
        message: "{0}: it blocks a thread for the whole model call{1}",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "A model call takes seconds to minutes. Calling the synchronous form, or blocking on the task with .Result, .Wait() or .GetAwaiter().GetResult(), holds a thread-pool thread the whole time, which starves the pool under load and can deadlock where there is a synchronization context.");

    public static readonly DiagnosticDescriptor LLM0006_UnthrottledParallelModelCalls = Create(
        RuleIdentifiers.UnthrottledParallelModelCalls,
        title: "Unthrottled parallel model calls",
        message: "'{0}' ({1}) runs {2} with no limit on how many calls are in flight; wrap it in the runtime guard (its rate limiter), or limit concurrency with a SemaphoreSlim or ParallelOptions.MaxDegreeOfParallelism",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        description: "Fanning model calls out over a collection sends them all at once. Providers enforce requests-per-minute and tokens-per-minute limits, so a large fan-out turns into a burst of 429 responses, retries that make the burst worse, and a bill for every partial attempt.");

    public static readonly DiagnosticDescriptor LLM0007_ModelCallInLoop = Create(
        RuleIdentifiers.ModelCallInLoop,
        title: "Model call in every iteration of a loop",
        message: "'{0}' ({1}) is made in every iteration of {2} with no rate limiter, cache or guard; wrap it in the runtime guard (rate limit and cost tracking), or cache the results",
        RuleCategories.Cost,
        DiagnosticSeverity.Info,
        description: "A model call per loop iteration multiplies cost and latency by the size of the collection and runs into the provider's rate limits. Cache results that repeat, batch inputs where the API allows it, and put the loop under a rate limiter.");

    public static readonly DiagnosticDescriptor LLM0009_TokenUsageNotRecorded = Create(
        RuleIdentifiers.TokenUsageNotRecorded,
        title: "Token usage of a model call not recorded",
        message: "'{0}' ({1}): {2}; wrap it in the runtime guard (it records usage and cost), or read {3} and record it",
        RuleCategories.Cost,
        DiagnosticSeverity.Info,
        description: "Every model response reports the tokens it consumed. Unless that usage is recorded (read and logged, emitted as a metric, or captured by OpenTelemetry or the runtime guard), spend cannot be monitored, attributed or alerted on.");

    public static readonly DiagnosticDescriptor LLM0012_HardCodedCredential = Create(
        RuleIdentifiers.HardCodedCredential,
        title: "Hard-coded LLM credential",
        message: "{0}: read it from configuration, an environment variable or a secret store",
        RuleCategories.Security,
        DiagnosticSeverity.Error,
        description: "An API key in source code ends up in version control, build logs and binaries, where anyone who can read them can spend on your account. Provider keys are scanned for and abused within minutes of being pushed.");

    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string message,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md", customTags);
}
