using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>The guard's ActivitySource and instruments, created once per process.</summary>
    internal static class Telemetry
    {
        private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

        public static readonly ActivitySource Source = new ActivitySource(LlmTelemetry.Name, Version);

        public static readonly Meter Meter = new Meter(LlmTelemetry.Name, Version);

        public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
            LlmTelemetry.TokenUsage, "{token}", "Number of input and output tokens used per billed attempt.");

        public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
            LlmTelemetry.OperationDuration, "s", "Duration of a guarded GenAI call, all attempts and waits included.");

        public static readonly Counter<double> Cost = Meter.CreateCounter<double>(
            LlmTelemetry.Cost, "USD", "Cost of billed attempts whose model has a price.");

        public static readonly Counter<long> InputRedactions = Meter.CreateCounter<long>(
            LlmTelemetry.InputRedactions, "{finding}", "Personal data and secrets replaced by LlmInputGuard before they went into a prompt.");

        public static readonly Counter<long> InputRejections = Meter.CreateCounter<long>(
            LlmTelemetry.InputRejections, "{input}", "Untrusted inputs refused by LlmInputGuard (flagged by moderation or over the token bound).");

        public static readonly Counter<long> Retries = Meter.CreateCounter<long>(LlmTelemetry.Retries, "{retry}", "Attempts after the first.");

        public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(LlmTelemetry.Fallbacks, "{call}", "Calls answered by the policy's fallback.");

        public static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
            LlmTelemetry.RateLimitRejections, "{call}", "Calls rejected by the policy's rate limiter.");

        public static readonly Counter<long> CircuitOpened = Meter.CreateCounter<long>(
            LlmTelemetry.CircuitOpened, "{event}", "Times a policy's circuit breaker opened (calls then fail fast until a trial call succeeds).");

        public static readonly Counter<long> BudgetRejections = Meter.CreateCounter<long>(
            LlmTelemetry.BudgetRejections, "{call}", "Calls blocked by the policy's budget.");

        public static readonly Counter<long> ValidationFailures = Meter.CreateCounter<long>(
            LlmTelemetry.ValidationFailures, "{answer}", "Model answers that failed output validation.");

        public static readonly Counter<long> ValidationRepairs = Meter.CreateCounter<long>(
            LlmTelemetry.ValidationRepairs, "{request}", "Re-asks sent with the validation errors of the previous answer.");

        public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(LlmTelemetry.CacheHits, "{call}", "Cached calls answered from the cache (no model call, nothing billed).");

        public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(LlmTelemetry.CacheMisses, "{call}", "Cached calls that called the model.");

        public static readonly Counter<long> ConfigurationReloads = Meter.CreateCounter<long>(
            LlmTelemetry.ConfigurationReloads, "{reload}", "Configuration reloads applied.");

        public static readonly Counter<long> ConfigurationReloadFailures = Meter.CreateCounter<long>(
            LlmTelemetry.ConfigurationReloadFailures, "{reload}", "Configuration reloads rejected as invalid (the previous configuration stayed in force).");

        // An explicit static constructor drops beforefieldinit, so calling Warm() really runs the initialisers.
        static Telemetry()
        {
        }

        /// <summary>Runs the static initialiser (which creates every instrument); does nothing after the first time.</summary>
        public static void Warm()
        {
        }
    }
}
