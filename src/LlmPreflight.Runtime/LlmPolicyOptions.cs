using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// The settings of one LlmGuard policy. Every property starts at a default chosen for LLM calls;
    /// the remarks on each property say why.
    /// </summary>
    public sealed partial class LlmPolicyOptions
    {
        private readonly Dictionary<Type, Func<Exception, object?>> _fallbacks = new Dictionary<Type, Func<Exception, object?>>();
        private TimeSpan _baseDelay = TimeSpan.FromSeconds(1);
        private TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
        private bool _useJitter = true;

        /// <summary>
        /// The limit for the whole call: every attempt and every wait between attempts. <c>null</c> turns it off.
        /// Default 5 minutes.
        /// </summary>
        /// <remarks>
        /// Long generations (large outputs, reasoning models) routinely take one to two minutes, and with
        /// retries and Retry-After waits a healthy call can take several; 5 minutes stops a call that is
        /// clearly stuck without cutting off slow but useful ones. Interactive apps usually want less.
        /// </remarks>
        public TimeSpan? TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The limit for one attempt; an attempt that runs past it is cancelled and retried. <c>null</c> turns it off.
        /// Default 100 seconds.
        /// </summary>
        /// <remarks>
        /// 100 s is the per-try network timeout of the OpenAI, Azure and Azure.Core SDKs and of a default
        /// <c>HttpClient</c>, so guarding a call does not cut attempts shorter than the SDK already would.
        /// </remarks>
        public TimeSpan? AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>How many times a failed attempt is retried (0 turns retry off). Default 3, so at most 4 attempts.</summary>
        /// <remarks>
        /// Three retries with exponential back-off span roughly 1 + 2 + 4 s, enough to ride out a short
        /// overload or a rate-limit window without multiplying the cost of a call that will not succeed.
        /// </remarks>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first retry's back-off delay; each later retry doubles it (with jitter). Default 1 second.</summary>
        /// <remarks>
        /// Providers' rate-limit windows are measured in seconds; retrying sooner mostly earns another 429.
        /// Jitter spreads the retries of many clients so they do not arrive together.
        /// </remarks>
        public TimeSpan BaseDelay
        {
            get => _baseDelay;
            set
            {
                _baseDelay = value;
                BackOffSet = true;
            }
        }

        /// <summary>The longest back-off delay between two attempts. Default 30 seconds.</summary>
        public TimeSpan MaxDelay
        {
            get => _maxDelay;
            set
            {
                _maxDelay = value;
                BackOffSet = true;
            }
        }

        /// <summary>Whether back-off delays are randomised. Default <c>true</c>.</summary>
        public bool UseJitter
        {
            get => _useJitter;
            set
            {
                _useJitter = value;
                BackOffSet = true;
            }
        }

        /// <summary>
        /// The longest server-requested wait (<c>Retry-After</c>, <c>retry-after-ms</c>) the guard honours.
        /// When a service asks for longer, the call fails at once with <see cref="LlmRetryAfterTooLongException"/>.
        /// Default 60 seconds.
        /// </summary>
        /// <remarks>
        /// A wait of up to a minute matches per-minute quotas; a longer request usually means a daily
        /// quota or an outage, where holding the caller is worse than failing with a clear reason.
        /// </remarks>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// For <see cref="LlmGuard.StreamAsync{T}(Func{System.Threading.CancellationToken, IAsyncEnumerable{T}}, System.Threading.CancellationToken)"/>:
        /// the longest gap allowed between two items of a stream. <c>null</c> turns it off. Default 100 seconds.
        /// </summary>
        /// <remarks>
        /// The OpenAI SDK applies its 100 s network timeout to each read of a streamed body; the same
        /// value here keeps a stalled stream from hanging until the total timeout.
        /// </remarks>
        public TimeSpan? StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// How many attempts may start per <see cref="RateLimitWindow"/>; <c>null</c> (the default) means no rate limiter.
        /// Each attempt, retries included, takes a permit, because each one counts against the provider's quota.
        /// </summary>
        public int? RateLimitPermits { get; set; }

        /// <summary>The window over which <see cref="RateLimitPermits"/> is counted (sliding). Default 1 minute, matching providers' requests-per-minute quotas.</summary>
        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>
        /// How many calls may wait for a permit; a call beyond that fails at once with
        /// <see cref="LlmRateLimitRejectedException"/>. Default 100.
        /// </summary>
        /// <remarks>A bounded queue keeps a burst from piling up unbounded memory and latency behind the limiter.</remarks>
        public int RateLimitQueueLimit { get; set; } = 100;

        internal IReadOnlyDictionary<Type, Func<Exception, object?>> Fallbacks => _fallbacks;

        /// <summary>Whether a back-off setting was set explicitly; with retry off that is a contradiction worth reporting.</summary>
        internal bool BackOffSet { get; private set; }

        /// <summary>
        /// Sets the value a guarded call returning <typeparamref name="T"/> yields when the model service stays
        /// unavailable: retries exhausted on a transient failure, a timeout, a rate-limit rejection, an open
        /// circuit (<see cref="LlmCircuitOpenException"/>), or a Retry-After beyond the cap. Caller cancellation and non-transient errors (400, 401, 404, ...) are
        /// never replaced, because they point at a bug or a setting rather than an outage.
        /// </summary>
        /// <typeparam name="T">The exact result type of the guarded calls this fallback serves.</typeparam>
        /// <param name="valueFactory">Builds the fallback value from the failure.</param>
        /// <returns>These options, for chaining.</returns>
        public LlmPolicyOptions AddFallback<T>(Func<Exception, T> valueFactory)
        {
            if (valueFactory is null)
            {
                throw new ArgumentNullException(nameof(valueFactory));
            }

            _fallbacks[typeof(T)] = exception => valueFactory(exception);
            return this;
        }
    }
}
