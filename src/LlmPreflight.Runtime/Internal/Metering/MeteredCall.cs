using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// Wraps each attempt of <typeparamref name="TCall"/> so the meter sees it start, fail or return (and bills it),
    /// without touching the pipeline. A struct passed down as a generic argument: no closure per call.
    /// </summary>
    internal readonly struct MeteredCall<T, TCall> : IGuardedCall<T>
        where TCall : IGuardedCall<T>
    {
        private readonly CallMeter _meter;
        private readonly TCall _call;

        public MeteredCall(CallMeter meter, TCall call)
        {
            _meter = meter;
            _call = call;
        }

        public ValueTask<T> InvokeAsync(CancellationToken cancellationToken)
        {
            Activity? attempt = _meter.StartAttempt();
            ValueTask<T> pending;
            try
            {
                pending = _call.InvokeAsync(cancellationToken);
            }
            catch (Exception exception)
            {
                _meter.AttemptFailed(attempt, exception);
                throw;
            }

            if (pending.IsCompletedSuccessfully)
            {
                // The common shape in tests and cached clients; skips an async frame.
                T result = pending.Result;
                _meter.AttemptSucceeded(attempt, result);
                return new ValueTask<T>(result);
            }

            return AwaitAsync(_meter, attempt, pending);
        }

        private static async ValueTask<T> AwaitAsync(CallMeter meter, Activity? attempt, ValueTask<T> pending)
        {
            T result;
            try
            {
                result = await pending.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                meter.AttemptFailed(attempt, exception);
                throw;
            }

            meter.AttemptSucceeded(attempt, result);
            return result;
        }
    }
}
