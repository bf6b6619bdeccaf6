using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal;

namespace LlmPreflight
{
    /// <summary>
    /// Graceful degradation across models: tries each tier in order (for example a cheap model, then a larger one),
    /// each under its own <see cref="LlmGuard"/> policy with that policy's retries and timeouts, then falls back to a
    /// default value. The result says which tier answered and why the earlier ones failed.
    /// </summary>
    /// <typeparam name="T">The result type every tier returns.</typeparam>
    /// <example>
    /// <code>
    /// LlmTieredResult&lt;ChatResponse&gt; result = await new LlmFallbackChain&lt;ChatResponse&gt;()
    ///     .AddTier("mini", ct =&gt; mini.GetResponseAsync(question, cancellationToken: ct), policyName: "cheap")
    ///     .AddTier("large", ct =&gt; large.GetResponseAsync(question, cancellationToken: ct))
    ///     .WithDefault(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Please try again later.")))
    ///     .RunAsync(cancellationToken);
    /// </code>
    /// </example>
    /// <remarks>
    /// A tier's failure moves on to the next tier, except when the caller's token is cancelled (the call ends with
    /// <see cref="OperationCanceledException"/>) or the tier names an unknown policy. <see cref="FallBackWhen"/> narrows
    /// which failures move on. A chain can be built once and run many times; it is not meant to be changed while it runs.
    /// </remarks>
    public sealed class LlmFallbackChain<T>
    {
        private readonly List<Tier> _tiers = new List<Tier>();
        private Func<IReadOnlyList<LlmTierFailure>, T>? _default;
        private Func<Exception, bool>? _fallBackWhen;
        private Action<LlmTierFailure>? _onTierFailed;

        /// <summary>How many tiers the chain has.</summary>
        public int TierCount => _tiers.Count;

        /// <summary>Adds the next tier.</summary>
        /// <param name="name">A name for results and telemetry, such as the model's.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="policyName">The policy the tier runs under; <c>null</c> for <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <returns>This chain, for chaining.</returns>
        public LlmFallbackChain<T> AddTier(string name, Func<CancellationToken, Task<T>> call, string? policyName = null)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("Give the tier a name, such as the model's.", nameof(name));
            }

            _tiers.Add(new Tier(name, call ?? throw new ArgumentNullException(nameof(call)), policyName ?? LlmGuard.DefaultPolicyName));
            return this;
        }

        /// <summary>The value returned when every tier has failed; without one the chain throws <see cref="LlmTiersExhaustedException"/>.</summary>
        /// <param name="value">The default value.</param>
        /// <returns>This chain, for chaining.</returns>
        public LlmFallbackChain<T> WithDefault(T value) => WithDefault(_ => value);

        /// <summary>Builds the value returned when every tier has failed, from the failures.</summary>
        /// <param name="factory">Builds the default value.</param>
        /// <returns>This chain, for chaining.</returns>
        public LlmFallbackChain<T> WithDefault(Func<IReadOnlyList<LlmTierFailure>, T> factory)
        {
            _default = factory ?? throw new ArgumentNullException(nameof(factory));
            return this;
        }

        /// <summary>
        /// Which failures move on to the next tier; by default every failure does. For example
        /// <c>FallBackWhen(e =&gt; e is LlmTimeoutException)</c> moves on only when a tier runs out of time.
        /// </summary>
        /// <param name="predicate">Returns <c>true</c> to try the next tier; <c>false</c> rethrows the tier's exception.</param>
        /// <returns>This chain, for chaining.</returns>
        public LlmFallbackChain<T> FallBackWhen(Func<Exception, bool> predicate)
        {
            _fallBackWhen = predicate ?? throw new ArgumentNullException(nameof(predicate));
            return this;
        }

        /// <summary>Called for each tier that fails and is passed over, after <see cref="LlmGuard.TierFailed"/>.</summary>
        /// <param name="callback">Receives the failure.</param>
        /// <returns>This chain, for chaining.</returns>
        public LlmFallbackChain<T> OnTierFailed(Action<LlmTierFailure> callback)
        {
            _onTierFailed += callback ?? throw new ArgumentNullException(nameof(callback));
            return this;
        }

        /// <summary>Runs the tiers in order until one answers, or returns the default value.</summary>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call ends and no further tier is tried.</param>
        /// <returns>The value, the tier that answered and the earlier tiers' failures.</returns>
        /// <exception cref="LlmTiersExhaustedException">Every tier failed and there is no default value.</exception>
        public async Task<LlmTieredResult<T>> RunAsync(CancellationToken cancellationToken = default)
        {
            if (_tiers.Count == 0)
            {
                throw new InvalidOperationException("The fallback chain has no tiers. Add at least one with AddTier(...).");
            }

            var failures = new List<LlmTierFailure>();
            for (int index = 0; index < _tiers.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Tier tier = _tiers[index];
                Stopwatch watch = Stopwatch.StartNew();
                try
                {
                    T value = await LlmGuard.RunAsync(tier.PolicyName, tier.Call, cancellationToken).ConfigureAwait(false);
                    return new LlmTieredResult<T>(value, index, tier.Name, failures);
                }
                catch (Exception exception) when (MovesOn(exception, cancellationToken))
                {
                    var failure = new LlmTierFailure(index, tier.Name, tier.PolicyName, exception, IsOutage(exception), watch.Elapsed);
                    failures.Add(failure);
                    LlmGuard.RaiseTierFailed(failure);
                    _onTierFailed?.Invoke(failure);
                }
            }

            if (_default is null)
            {
                throw new LlmTiersExhaustedException(failures);
            }

            return new LlmTieredResult<T>(_default(failures), -1, null, failures);
        }

        private bool MovesOn(Exception exception, CancellationToken cancellationToken)
            => !cancellationToken.IsCancellationRequested
                && !(exception is LlmGuardConfigurationException)
                && (_fallBackWhen is null || _fallBackWhen(exception));

        private static bool IsOutage(Exception exception)
            => exception is LlmTimeoutException
                || exception is LlmRateLimitRejectedException
                || exception is LlmRetryAfterTooLongException
                || exception is LlmCircuitOpenException
                || FailureClassifier.Classify(exception, DateTimeOffset.UtcNow).IsTransient;

        private sealed class Tier
        {
            public Tier(string name, Func<CancellationToken, Task<T>> call, string policyName)
            {
                Name = name;
                Call = call;
                PolicyName = policyName;
            }

            public string Name { get; }

            public Func<CancellationToken, Task<T>> Call { get; }

            public string PolicyName { get; }
        }
    }
}
