using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// The guard's entry points with cost tracking and telemetry around them. LlmGuard calls these instead
    /// of the policy directly; the attempt delegate handed to the policy is wrapped, so every attempt is
    /// seen (started, failed or billed) without touching the pipeline itself.
    /// </summary>
    internal static partial class Metered
    {
        public static Task<T> RunAsync<T, TCall>(PolicyRegistry registry, string policyName, TCall call, CancellationToken cancellationToken)
            where TCall : IGuardedCall<T>
            => RunCoreAsync<T, TCall>(registry.Get(policyName), registry.Metering, call, cancellationToken);

        public static T Execute<T>(PolicyRegistry registry, string policyName, Func<CancellationToken, T> call, CancellationToken cancellationToken)
        {
            GuardPolicy policy = registry.Get(policyName);
            var meter = new CallMeter(registry.Metering, policy.Meter, OperationName<T>.Value, CallScope.Current);
            if (Blocked(meter, out T fallback))
            {
                return fallback;
            }

            try
            {
                T result = policy.Execute(
                    ct =>
                    {
                        Activity? attempt = meter.StartAttempt();
                        T value;
                        try
                        {
                            value = call(ct);
                        }
                        catch (Exception exception)
                        {
                            meter.AttemptFailed(attempt, exception);
                            throw;
                        }

                        meter.AttemptSucceeded(attempt, value);
                        return value;
                    },
                    cancellationToken);
                meter.Finish(null);
                return result;
            }
            catch (Exception exception)
            {
                meter.Finish(exception);
                throw;
            }
        }

        public static IAsyncEnumerable<T> StreamAsync<T>(PolicyRegistry registry, string policyName, Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken)
        {
            GuardPolicy policy = registry.Get(policyName);

            // Streams whose policy has no stream fallback keep the plain path (see Metered.StreamFallback.cs).
            return policy.StreamFallbacks?.For<T>() is Func<Exception, IAsyncEnumerable<T>> fallback
                ? StreamWithFallbackAsync(policy, registry.Metering, call, fallback, CallScope.Current, cancellationToken)
                : StreamCoreAsync(policy, registry.Metering, call, CallScope.Current, cancellationToken);
        }

        private static Task<T> RunCoreAsync<T, TCall>(GuardPolicy policy, MeteringRuntime runtime, TCall call, CancellationToken cancellationToken)
            where TCall : IGuardedCall<T>
        {
            var meter = new MeteredAttempt<T, TCall>(runtime, policy, CallScope.Current, call);
            if (Blocked(meter, out T fallback))
            {
                return Task.FromResult(fallback);
            }

            ValueTask<T> pending;
            try
            {
                pending = policy.ExecuteAsync<T, MeteredAttempt<T, TCall>>(meter, cancellationToken);
            }
            catch (Exception exception)
            {
                meter.Finish(exception);
                throw;
            }

            // Completed at once (a cached or in-memory client): no state machine for this frame.
            if (pending.IsCompletedSuccessfully)
            {
                T result = pending.Result;
                meter.Finish(null);
                return Task.FromResult(result);
            }

            return FinishAsync(meter, pending);
        }

        private static async Task<T> FinishAsync<T>(CallMeter meter, ValueTask<T> pending)
        {
            try
            {
                T result = await pending.ConfigureAwait(false);
                meter.Finish(null);
                return result;
            }
            catch (Exception exception)
            {
                meter.Finish(exception);
                throw;
            }
        }

        /// <summary>The budget check: false to go ahead; true with the fallback value; or throws the budget exception.</summary>
        private static bool Blocked<T>(CallMeter meter, out T fallback)
        {
            fallback = default!;
            if (meter.CheckBudget() is not LlmBudgetExceededException blocked)
            {
                return false;
            }

            if (meter.PolicyMeter.Fallbacks.TryGetValue(typeof(T), out Func<Exception, object?>? factory))
            {
                fallback = (T)factory(blocked)!;
                meter.Finish(null);
                return true;
            }

            meter.Finish(blocked);
            throw blocked;
        }

        private static async IAsyncEnumerable<T> StreamCoreAsync<T>(
            GuardPolicy policy,
            MeteringRuntime runtime,
            Func<CancellationToken, IAsyncEnumerable<T>> call,
            LlmCallContext? context,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var meter = new CallMeter(runtime, policy.Meter, OperationName<T>.Value, context);
            if (meter.CheckBudget() is LlmBudgetExceededException blocked)
            {
                meter.Finish(blocked);
                throw blocked;
            }

            var failure = new FailureBox();
            IAsyncEnumerator<T> items = GuardedStream.RunAsync(policy, ct => AttemptStreamAsync(meter, call, ct), cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (await NextAsync(items, failure).ConfigureAwait(false))
                {
                    yield return items.Current;
                }
            }
            finally
            {
                try
                {
                    await items.DisposeAsync().ConfigureAwait(false);
                }
                finally
                {
                    meter.Finish(failure.Value);
                }
            }
        }

        /// <summary>
        /// One streamed attempt. It is billed once, when it ends (completed, failed after its first item, or
        /// abandoned by the caller), with the usage merged from its items: OpenAI's last chunk, MEAI's
        /// UsageContent, Anthropic's message_start and message_delta events. An attempt that failed before
        /// its first item produced nothing and is not billed.
        /// </summary>
        private static async IAsyncEnumerable<T> AttemptStreamAsync<T>(CallMeter meter, Func<CancellationToken, IAsyncEnumerable<T>> call, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Activity? attempt = meter.StartAttempt();
            IAsyncEnumerator<T>? items = null;
            LlmUsage? usage = null;
            var failure = new FailureBox();
            bool delivered = false;
            bool completed = false;
            try
            {
                try
                {
                    items = call(cancellationToken).GetAsyncEnumerator(cancellationToken);
                }
                catch (Exception exception)
                {
                    failure.Value = exception;
                    throw;
                }

                while (true)
                {
                    if (!await NextAsync(items, failure).ConfigureAwait(false))
                    {
                        completed = true;
                        break;
                    }

                    T item = items.Current;
                    if (LlmUsageReaders.TryRead(item, out LlmUsage read))
                    {
                        usage = usage is LlmUsage earlier ? earlier.Merge(read) : read;
                    }

                    delivered = true;
                    yield return item;
                }
            }
            finally
            {
                try
                {
                    if (items != null)
                    {
                        await items.DisposeAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    if (delivered || completed)
                    {
                        meter.StreamAttemptEnded(attempt, usage, failure.Value);
                    }
                    else if (failure.Value != null)
                    {
                        meter.AttemptFailed(attempt, failure.Value);
                    }
                    else
                    {
                        attempt?.Dispose();
                    }
                }
            }
        }

        /// <summary>Moves to the next item, keeping the failure (if any) for the metering that runs in <c>finally</c>.</summary>
        private static async ValueTask<bool> NextAsync<T>(IAsyncEnumerator<T> items, FailureBox failure)
        {
            try
            {
                return await items.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure.Value = exception;
                throw;
            }
        }

        /// <summary>A failure seen inside an iterator, where a <c>catch</c> cannot surround a <c>yield</c>.</summary>
        private sealed class FailureBox
        {
            public Exception? Value;
        }
    }
}
