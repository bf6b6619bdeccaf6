using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// Streams under a policy: attempts are retried until the first item has arrived, never after (the
    /// caller has already seen output that a new attempt would repeat or contradict). A total timeout
    /// spans the whole enumeration and an idle timeout bounds each gap between items.
    /// </summary>
    internal static class GuardedStream
    {
        public static async IAsyncEnumerable<T> RunAsync<T>(
            GuardPolicy policy,
            Func<CancellationToken, IAsyncEnumerable<T>> call,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var totalSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var totalTimer = new CancelTimer(policy.TimeProvider, policy.TotalTimeout, totalSource, start: true);

            StreamStart<T> start;
            try
            {
                start = await policy.ExecuteAttemptsAsync(OpenAsync, new OpenState<T>(policy, call, totalSource.Token), totalSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (totalTimer.Fired && !cancellationToken.IsCancellationRequested)
            {
                throw new LlmTimeoutException(policy.Name, LlmTimeoutKind.Total, totalTimer.Timeout, exception);
            }

            IAsyncEnumerator<T> enumerator = start.Enumerator;
            using CancellationTokenSource attemptSource = start.AttemptSource;
            using var idleTimer = new CancelTimer(policy.TimeProvider, policy.StreamIdleTimeout, attemptSource, start: false);
            try
            {
                if (!start.HasFirst)
                {
                    yield break;
                }

                yield return enumerator.Current;
                while (true)
                {
                    bool hasNext;
                    idleTimer.Restart();
                    try
                    {
                        hasNext = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception exception) when (!cancellationToken.IsCancellationRequested && (idleTimer.Fired || totalTimer.Fired))
                    {
                        throw idleTimer.Fired
                            ? new LlmTimeoutException(policy.Name, LlmTimeoutKind.StreamIdle, idleTimer.Timeout, exception)
                            : new LlmTimeoutException(policy.Name, LlmTimeoutKind.Total, totalTimer.Timeout, exception);
                    }
                    finally
                    {
                        idleTimer.Stop();
                    }

                    if (!hasNext)
                    {
                        yield break;
                    }

                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>One attempt: start the SDK's stream and wait for its first item under the attempt's token.</summary>
        private static async ValueTask<StreamStart<T>> OpenAsync<T>(ResilienceContext context, OpenState<T> state)
        {
            // The SDK gets a token of our own, linked to the stream's total token, because Polly's attempt
            // token is pooled and reused once this callback returns; the attempt token is only relayed
            // until the first item has arrived.
            var attemptSource = CancellationTokenSource.CreateLinkedTokenSource(state.StreamToken);
            IAsyncEnumerator<T>? enumerator = null;
            bool handedOver = false;
            try
            {
                bool hasFirst;
                using (context.CancellationToken.Register(static source => ((CancellationTokenSource)source!).Cancel(), attemptSource))
                {
                    enumerator = state.Call(attemptSource.Token).GetAsyncEnumerator(attemptSource.Token);
                    hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }

                // The attempt timed out just as the first item arrived: treat it as timed out, so Polly retries it.
                context.CancellationToken.ThrowIfCancellationRequested();
                handedOver = true;
                return new StreamStart<T>(enumerator, attemptSource, hasFirst);
            }
            catch (Exception exception) when (state.Policy.RetryAfterTooLong(exception) is Exception tooLong)
            {
                throw tooLong;
            }
            finally
            {
                if (!handedOver)
                {
                    if (enumerator != null)
                    {
                        await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
                    }

                    attemptSource.Dispose();
                }
            }
        }

        private static async ValueTask DisposeQuietlyAsync<T>(IAsyncEnumerator<T> enumerator)
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The attempt already failed; its own failure is what the retry and the caller need to see.
            }
        }
    }
}
