namespace LlmPreflight
{
    /// <summary>
    /// The names under which the guard publishes telemetry, following the OpenTelemetry GenAI semantic
    /// conventions. Export with <c>.AddMeter(LlmTelemetry.Name)</c> and <c>.AddSource(LlmTelemetry.Name)</c>.
    /// </summary>
    public static class LlmTelemetry
    {
        /// <summary>The <c>Meter</c> and <c>ActivitySource</c> name: <c>"LlmPreflight"</c>.</summary>
        public const string Name = "LlmPreflight";

        /// <summary>Histogram of tokens per billed attempt, unit <c>{token}</c>, tagged <c>gen_ai.token.type</c> = input/output.</summary>
        public const string TokenUsage = "gen_ai.client.token.usage";

        /// <summary>Histogram of the duration of each guarded call (all attempts and waits), unit <c>s</c>.</summary>
        public const string OperationDuration = "gen_ai.client.operation.duration";

        /// <summary>Counter of the cost of billed attempts, unit <c>USD</c> (priced attempts only).</summary>
        public const string Cost = "llmpreflight.cost";

        /// <summary>Counter of retries (attempts after the first).</summary>
        public const string Retries = "llmpreflight.retries";

        /// <summary>Counter of calls answered by the policy's fallback.</summary>
        public const string Fallbacks = "llmpreflight.fallbacks";

        /// <summary>Counter of calls rejected by the policy's rate limiter.</summary>
        public const string RateLimitRejections = "llmpreflight.rate_limit.rejections";

        /// <summary>Counter of the times a policy's circuit breaker opened, tagged <c>llmpreflight.policy</c>.</summary>
        public const string CircuitOpened = "llmpreflight.circuit.opened";

        /// <summary>Counter of calls blocked by the policy's budget.</summary>
        public const string BudgetRejections = "llmpreflight.budget.rejections";

        /// <summary>Counter of model answers that failed output validation (<c>LlmGuard.RunValidatedAsync</c>), tagged <c>llmpreflight.validation.failure</c>.</summary>
        public const string ValidationFailures = "llmpreflight.validation.failures";

        /// <summary>Counter of re-asks sent to the model with the validation errors of its previous answer.</summary>
        public const string ValidationRepairs = "llmpreflight.validation.repairs";

        /// <summary>Counter of <c>RunCachedAsync</c> calls answered from the cache (no model call, nothing billed).</summary>
        public const string CacheHits = "llmpreflight.cache.hits";

        /// <summary>Counter of <c>RunCachedAsync</c> calls that were not in the cache and called the model.</summary>
        public const string CacheMisses = "llmpreflight.cache.misses";

        /// <summary>Counter of personal data and secrets <see cref="LlmInputGuard"/> redacted, tagged <c>llmpreflight.pii.kind</c>.</summary>
        public const string InputRedactions = "llmpreflight.input.redactions";

        /// <summary>Counter of untrusted inputs <see cref="LlmInputGuard"/> refused, tagged <c>llmpreflight.input.rejection</c> (<c>moderation</c> or <c>tokens</c>).</summary>
        public const string InputRejections = "llmpreflight.input.rejections";

        /// <summary>Counter of configuration reloads applied (the changed settings are in force for new calls).</summary>
        public const string ConfigurationReloads = "llmpreflight.configuration.reloads";

        /// <summary>Counter of configuration reloads rejected as invalid; the previous configuration stayed in force.</summary>
        public const string ConfigurationReloadFailures = "llmpreflight.configuration.reload_failures";
    }
}
