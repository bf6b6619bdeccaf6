using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Metering
{
    /// <content>
    /// Streams whose policy has a stream fallback for their item type. Kept out of <c>StreamCoreAsync</c> so a
    /// stream without one runs exactly as before.
    /// </content>
    internal static partial class Metered
    {
        /// <summary>
        /// The guarded stream, replaced by the fallback's items when it fails with an outage before its first item
        /// has reached the caller (or the budget blocks it). The call's meter ends once, after whichever stream ran
        /// last: without a failure and without a billed attempt it counts as a fallback, as a RunAsync call does.
        /// The fallback's items are not read for usage: they are not this model's output (a fallback that calls
        /// another model under a guard bills that call under its own policy).
        /// </summary>
        private static async IAsyncEnumerable<T> StreamWithFallbackAsync<T>(
            GuardPolicy policy,
            MeteringRuntime runtime,
            Func<CancellationToken, IAsyncEnumerable<T>> call,
            Func<Exception, IAsyncEnumerable<T>> fallback,
            LlmCallContext? context,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var meter = new CallMeter(runtime, policy.Meter, OperationName<T>.Value, context);
            var failure = new FailureBox();
            Exception? outage = meter.CheckBudget();
            if (outage is null)
            {
                IAsyncEnumerator<T> items = GuardedStream.RunAsync(policy, ct => AttemptStreamAsync(meter, call, ct), cancellationToken).GetAsyncEnumerator(cancellationToken);
                var first = new FirstItem();
                try
                {
                    while (first.Delivered ? await NextAsync(items, failure).ConfigureAwait(false) : await FirstAsync(policy, items, failure, first, cancellationToken).ConfigureAwait(false))
                    {
                        first.Delivered = true;
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
                        outage = first.Outage;
                        if (outage is null)
                        {
                            meter.Finish(failure.Value);
                        }
                    }
                }

                if (outage is null)
                {
                    yield break;
                }
            }

            IAsyncEnumerator<T>? replacement = null;
            try
            {
                try
                {
                    replacement = (fallback(outage) ?? throw NullFallback<T>(policy, outage)).GetAsyncEnumerator(cancellationToken);
                }
                catch (Exception exception)
                {
                    failure.Value = exception;
                    throw;
                }

                while (await NextAsync(replacement, failure).ConfigureAwait(false))
                {
                    yield return replacement.Current;
                }
            }
            finally
            {
                try
                {
                    if (replacement != null)
                    {
                        await replacement.DisposeAsync().ConfigureAwait(false);
                    }
                }
                finally
                {
                    meter.Finish(failure.Value);
                }
            }
        }

        /// <summary>
        /// Waits for the guarded stream's first item. An outage here (retries spent, a timeout, a rate-limit
        /// rejection, a Retry-After beyond the cap) is kept for the fallback instead of thrown; the caller's
        /// cancellation and non-transient errors are thrown as they are.
        /// </summary>
        private static async ValueTask<bool> FirstAsync<T>(GuardPolicy policy, IAsyncEnumerator<T> items, FailureBox failure, FirstItem first, CancellationToken cancellationToken)
        {
            try
            {
                return await items.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && policy.IsOutage(exception))
            {
                first.Outage = exception;
                return false;
            }
            catch (Exception exception)
            {
                failure.Value = exception;
                throw;
            }
        }

        private static InvalidOperationException NullFallback<T>(GuardPolicy policy, Exception outage)
            => new InvalidOperationException(
                $"The stream fallback for {typeof(T).FullName} of policy '{policy.Name}' returned null instead of a stream. "
                + "Return the replacement items (an empty stream if there are none) from the factory given to AddStreamFallback.",
                outage);

        /// <summary>Whether the first item reached the caller, or the outage that stopped it; set inside an iterator, where a <c>catch</c> cannot surround a <c>yield</c>.</summary>
        private sealed class FirstItem
        {
            public bool Delivered;

            public Exception? Outage;
        }
    }
}
