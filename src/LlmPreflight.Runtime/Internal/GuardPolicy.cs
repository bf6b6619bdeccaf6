using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.RateLimiting;
using Polly.Timeout;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// One configured policy: its settings (copied, so later edits to the options object change nothing)
    /// and its Polly pipelines, built once.
    /// </summary>
    internal sealed class GuardPolicy
    {
        private readonly TimeProvider _timeProvider;
        private readonly int _maxRetries;
        private readonly TimeSpan _maxRetryAfter;
        private readonly Dictionary<Type, Func<Exception, object?>> _fallbacks;
        private readonly ResiliencePipeline _attempts;
        private readonly ResiliencePipeline _core;

        // Fallback pipelines are generic in the result type, so one is built per result type on first use.
        private readonly ConcurrentDictionary<Type, object> _typedPipelines = new ConcurrentDictionary<Type, object>();

        public GuardPolicy(string name, LlmPolicyOptions options, TimeProvider timeProvider, Tokens.TokensPerMinuteLimiter? tokens = null)
        {
            Name = name;
            Tokens = tokens;
            _timeProvider = timeProvider;
            _maxRetries = options.MaxRetries;
            _maxRetryAfter = options.MaxRetryAfter;
            TotalTimeout = options.TotalTimeout;
            StreamIdleTimeout = options.StreamIdleTimeout;
            MaxRepairAttempts = options.Validation.MaxRepairAttempts;
            _fallbacks = new Dictionary<Type, Func<Exception, object?>>();
            foreach (KeyValuePair<Type, Func<Exception, object?>> fallback in options.Fallbacks)
            {
                _fallbacks.Add(fallback.Key, fallback.Value);
            }

            StreamFallbacks = Internal.StreamFallbacks.From(options);

            _attempts = PipelineFactory.BuildAttempts(this, options, timeProvider);
            _core = PipelineFactory.BuildCore(options, _attempts, timeProvider);
        }

        public string Name { get; }

        /// <summary>This policy's budget and fallbacks on the metering side; set once when the registry is built.</summary>
        public Metering.PolicyMeter Meter { get; set; } = null!;

        public TimeSpan? TotalTimeout { get; }

        public TimeSpan? StreamIdleTimeout { get; }

        public TimeProvider TimeProvider => _timeProvider;

        /// <summary>The tokens-per-minute limiter, or null when the policy has none.</summary>
        public Tokens.TokensPerMinuteLimiter? Tokens { get; }
        /// <summary>Output validation: how many re-asks <c>LlmGuard.RunValidatedAsync</c> sends.</summary>
        public int MaxRepairAttempts { get; }

        /// <summary>The replacement streams for <c>StreamAsync</c> by item type; null when the policy has none.</summary>
        public StreamFallbacks? StreamFallbacks { get; }

        /// <summary>The fallback registered for exactly <paramref name="type"/>, for callers that apply it themselves (output validation).</summary>
        public Func<Exception, object?>? FallbackFor(Type type)
            => _fallbacks.TryGetValue(type, out Func<Exception, object?>? factory) ? factory : null;

        public ValueTask<T> ExecuteAsync<T, TAttempt>(TAttempt attempt, CancellationToken cancellationToken)
            where TAttempt : class, IGuardedAttempt<T>
        {
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            ResiliencePipeline<T>? typed = FallbackPipeline<T>();
            ValueTask<T> pending = typed != null
                ? typed.ExecuteAsync(AttemptAsync<T, TAttempt>, context, attempt)
                : _core.ExecuteAsync(AttemptAsync<T, TAttempt>, context, attempt);

            // A call that completed at once needs no state machine here; everything else (waits, failures) does.
            if (pending.IsCompletedSuccessfully)
            {
                T result = pending.Result;
                ResilienceContextPool.Shared.Return(context);
                return new ValueTask<T>(result);
            }

            return AwaitAsync(pending, context);
        }

        private async ValueTask<T> AwaitAsync<T>(ValueTask<T> pending, ResilienceContext context)
        {
            try
            {
                return await pending.ConfigureAwait(false);
            }
            catch (TransientErrorResponseException spent)
            {
                // A non-throwing SDK's caller checks the response, not an exception: give back the last one.
                return (T)spent.Response;
            }
            catch (Exception exception) when (Translate(exception, context) is Exception translated)
            {
                throw translated;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        public T Execute<T>(Func<CancellationToken, T> call, CancellationToken cancellationToken)
        {
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            var state = new CallState<Func<CancellationToken, T>>(this, call);
            try
            {
                ResiliencePipeline<T>? typed = FallbackPipeline<T>();
                return typed != null ? typed.Execute(Attempt, context, state) : _core.Execute(Attempt, context, state);
            }
            catch (TransientErrorResponseException spent)
            {
                return (T)spent.Response;
            }
            catch (Exception exception) when (Translate(exception, context) is Exception translated)
            {
                throw translated;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>Runs the attempts pipeline (no total timeout: the stream owns that) around opening a stream.</summary>
        public async Task<TResult> ExecuteAttemptsAsync<TResult, TState>(Func<ResilienceContext, TState, ValueTask<TResult>> callback, TState state, CancellationToken cancellationToken)
        {
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                return await _attempts.ExecuteAsync(callback, context, state).ConfigureAwait(false);
            }
            catch (Exception exception) when (Translate(exception, context) is Exception translated)
            {
                throw translated;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>
        /// Retry an attempt that timed out on the guard's own attempt timeout, or failed transiently.
        /// Caller cancellation is never retried (Polly stops when the context's token is cancelled).
        /// </summary>
        public bool ShouldRetry(Exception exception)
            => exception is TimeoutRejectedException || FailureClassifier.Classify(exception, _timeProvider.GetUtcNow()).IsTransient;

        /// <summary>The server's requested wait, when it sent one; otherwise null so the exponential back-off applies.</summary>
        public TimeSpan? ServerRequestedDelay(Exception exception)
            => FailureClassifier.Classify(exception, _timeProvider.GetUtcNow()).RetryAfter;

        /// <summary>
        /// Builds the exception that ends the call when the service asks for a longer wait than the cap.
        /// Thrown from inside the attempt so the retry never sees it as retryable.
        /// </summary>
        public Exception? RetryAfterTooLong(Exception exception)
        {
            if (_maxRetries == 0)
            {
                return null;
            }

            FailureInfo failure = FailureClassifier.Classify(exception, _timeProvider.GetUtcNow());
            return failure.IsTransient && failure.RetryAfter is TimeSpan retryAfter && retryAfter > _maxRetryAfter
                ? new LlmRetryAfterTooLongException(Name, failure.StatusCode, retryAfter, _maxRetryAfter, exception)
                : null;
        }

        /// <summary>Replaces Polly's rejections with the guard's own exceptions, which name the setting to change.</summary>
        public Exception? Translate(Exception exception, ResilienceContext context)
        {
            switch (exception)
            {
                case TimeoutRejectedException timeout:
                    LlmTimeoutKind kind = context.Properties.GetValue(GuardContextKeys.TimeoutKind, LlmTimeoutKind.Attempt);
                    return new LlmTimeoutException(Name, kind, timeout.Timeout, timeout);
                case RateLimiterRejectedException rejected:
                    return new LlmRateLimitRejectedException(Name, rejected.RetryAfter, rejected);
                case BrokenCircuitException broken:
                    return new LlmCircuitOpenException(Name, broken.RetryAfter, broken);
                default:
                    return null;
            }
        }

        private static ValueTask<T> AttemptAsync<T, TAttempt>(ResilienceContext context, TAttempt attempt)
            where TAttempt : class, IGuardedAttempt<T>
        {
            ValueTask<T> pending;
            try
            {
                pending = attempt.InvokeAsync(context.CancellationToken);
            }
            catch (Exception exception)
            {
                return new ValueTask<T>(Task.FromException<T>(attempt.Policy.RetryAfterTooLong(exception) ?? exception));
            }

            return pending.IsCompletedSuccessfully ? Checked(pending.Result) : AwaitAttemptAsync(pending, attempt.Policy, context.ContinueOnCapturedContext);
        }

        private static async ValueTask<T> AwaitAttemptAsync<T>(ValueTask<T> pending, GuardPolicy policy, bool continueOnCapturedContext)
        {
            try
            {
                return Checked(await pending.ConfigureAwait(continueOnCapturedContext)).Result;
            }
            catch (Exception exception) when (policy.RetryAfterTooLong(exception) is Exception tooLong)
            {
                throw tooLong;
            }
        }

        /// <summary>A result that is really an SDK's transient error response becomes a retryable failure.</summary>
        private static ValueTask<T> Checked<T>(T result)
        {
            int errorStatus = ErrorResponses.TransientStatus(result);
            return errorStatus == 0
                ? new ValueTask<T>(result)
                : new ValueTask<T>(Task.FromException<T>(new TransientErrorResponseException(errorStatus, result!)));
        }

        private static T Attempt<T>(ResilienceContext context, CallState<Func<CancellationToken, T>> state)
        {
            try
            {
                T result = state.Call(context.CancellationToken);
                int errorStatus = ErrorResponses.TransientStatus(result);
                return errorStatus == 0 ? result : throw new TransientErrorResponseException(errorStatus, result!);
            }
            catch (Exception exception) when (state.Policy.RetryAfterTooLong(exception) is Exception tooLong)
            {
                throw tooLong;
            }
        }

        private ResiliencePipeline<T>? FallbackPipeline<T>()
        {
            if (!_fallbacks.TryGetValue(typeof(T), out Func<Exception, object?>? factory))
            {
                return null;
            }

            return (ResiliencePipeline<T>)_typedPipelines.GetOrAdd(typeof(T), _ => BuildFallbackPipeline<T>(factory));
        }

        private ResiliencePipeline<T> BuildFallbackPipeline<T>(Func<Exception, object?> factory)
            => new ResiliencePipelineBuilder<T> { TimeProvider = _timeProvider }
                .AddFallback(new FallbackStrategyOptions<T>
                {
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is Exception e && IsOutage(e, args.Context)),
                    FallbackAction = args =>
                    {
                        Exception failure = Translate(args.Outcome.Exception!, args.Context) ?? args.Outcome.Exception!;
                        return Outcome.FromResultAsValueTask((T)factory(failure)!);
                    },
                })
                .AddPipeline(_core)
                .Build();

        /// <summary>The service is unavailable (as opposed to the request being wrong or the caller giving up).</summary>
        private bool IsOutage(Exception exception, ResilienceContext context)
            => !context.CancellationToken.IsCancellationRequested && IsOutage(exception);

        /// <summary>
        /// The failure means the service is unavailable rather than the request being wrong; the caller's
        /// cancellation is for the caller to check. Streams ask this of the guard's own exceptions too
        /// (<see cref="LlmTimeoutException"/> counts as transient).
        /// </summary>
        public bool IsOutage(Exception exception)
            => exception is TimeoutRejectedException
                || exception is RateLimiterRejectedException
                || exception is LlmRateLimitRejectedException
                || exception is LlmRetryAfterTooLongException
                || exception is BrokenCircuitException
                || exception is LlmCircuitOpenException
                || FailureClassifier.Classify(exception, _timeProvider.GetUtcNow()).IsTransient;

    }
}
