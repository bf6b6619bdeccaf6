using System;
using System.Threading.Tasks;
using LlmPreflight.Internal.Metering;
using Polly;

namespace LlmPreflight.Internal.Tokens
{
    /// <summary>
    /// The tokens-per-minute limiter as a step of the attempts pipeline, after the request limiter and before the
    /// attempt timeout (so waiting for tokens does not eat into an attempt). Each attempt reserves its estimate; an
    /// attempt that fails without a result gives it back; a billed attempt is reconciled with its real usage by the
    /// meter (<see cref="CallMeter"/>), because a stream's usage is only known when the stream ends.
    /// </summary>
    internal sealed class TokenRateLimitStrategy : ResilienceStrategy
    {
        private readonly TokensPerMinuteLimiter _limiter;

        public TokenRateLimitStrategy(TokensPerMinuteLimiter limiter) => _limiter = limiter;

        protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
            ResilienceContext context,
            TState state)
        {
            // The ambient context is the one the call's meter captured: the guard reads both on the caller's flow.
            // (A stream enumerated outside the scope it was created in is the exception: its reservation then uses the
            // scope in force while enumerating, and the reconciliation the creation scope's estimate.)
            long reserved = TokenReservation.For(CallScope.Current);
            try
            {
                await _limiter.AcquireAsync(reserved, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (Exception rejected)
            {
                return Outcome.FromException<TResult>(rejected);
            }

            Outcome<TResult> outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);

            // A non-throwing SDK's error response was billed (the meter reconciled it) before being turned into this exception.
            if (outcome.Exception is Exception failure && failure is not TransientErrorResponseException)
            {
                _limiter.Release(reserved);
            }

            return outcome;
        }
    }
}
