using System;

namespace LlmPreflight
{
    /// <summary>Circuit-breaker settings of a policy.</summary>
    public sealed partial class LlmPolicyOptions
    {
        /// <summary>
        /// Turns the circuit breaker on: when at least this share of the attempts in
        /// <see cref="CircuitBreakerSamplingDuration"/> fail (and there were at least <see cref="CircuitBreakerMinimumThroughput"/>),
        /// the circuit opens and calls fail at once with <see cref="LlmCircuitOpenException"/> for
        /// <see cref="CircuitBreakerBreakDuration"/>, without reaching the model. Between 0 (exclusive) and 1;
        /// <c>null</c> (the default) means no circuit breaker.
        /// </summary>
        /// <remarks>
        /// Off by default because a breaker changes behaviour visibly (calls fail without trying) and the right ratio
        /// depends on the traffic. 0.5 is a reasonable start: half of the attempts failing is an outage, not a blip.
        /// Failures are the ones the retry handles (timeouts of an attempt, 408, 429, 5xx, 529, network errors) and a
        /// Retry-After beyond <see cref="MaxRetryAfter"/>; a wrong request (400, 401, 404, ...) or the caller's
        /// cancellation never counts.
        /// </remarks>
        public double? CircuitBreakerFailureRatio { get; set; }

        /// <summary>
        /// How many attempts the sampling window must hold before the breaker may open. Default 10; at least 2.
        /// </summary>
        /// <remarks>
        /// Each attempt counts, retries included, so one call that fails with the default three retries is 4 failures:
        /// 10 needs failures across about three calls, so a single unlucky call cannot open the circuit for everyone.
        /// </remarks>
        public int CircuitBreakerMinimumThroughput { get; set; } = 10;

        /// <summary>The window over which the failure ratio is measured. Default 30 seconds; between 0.5 s and 1 day.</summary>
        /// <remarks>
        /// It covers a whole failing call at the default back-off (about 1 + 2 + 4 s of waits plus the attempts), and is
        /// short enough that failures from an outage that has ended stop weighing on the ratio within half a minute.
        /// </remarks>
        public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// How long the circuit stays open before one trial call is let through; its success closes the circuit,
        /// its failure opens it again. Default 30 seconds; between 0.5 s and 1 day.
        /// </summary>
        /// <remarks>
        /// Provider outages and overloads usually last minutes, and throttling waits (Retry-After) are typically up to a
        /// minute; 30 s spares the provider and the callers most of a bad period while one trial every half minute
        /// notices recovery soon.
        /// </remarks>
        public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
    }
}
