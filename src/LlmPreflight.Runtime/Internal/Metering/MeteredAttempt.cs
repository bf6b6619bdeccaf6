using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// One guarded call as the policy sees it: its meter, the policy and the user's call. Each attempt is metered as it
    /// starts, fails or returns (and is billed), without touching the pipeline; one object per call, no closures.
    /// </summary>
    internal sealed class MeteredAttempt<T, TCall> : CallMeter, IGuardedAttempt<T>
        where TCall : IGuardedCall<T>
    {
        private readonly TCall _call;

        public MeteredAttempt(MeteringRuntime runtime, GuardPolicy policy, LlmCallContext? context, TCall call)
            : base(runtime, policy.Meter, OperationName<T>.Value, context)
        {
            Policy = policy;
            _call = call;
        }

        public GuardPolicy Policy { get; }

        public ValueTask<T> InvokeAsync(CancellationToken cancellationToken)
        {
            Activity? attempt = StartAttempt();
            ValueTask<T> pending;
            try
            {
                pending = _call.InvokeAsync(cancellationToken);
            }
            catch (Exception exception)
            {
                AttemptFailed(attempt, exception);
                throw;
            }

            if (pending.IsCompletedSuccessfully)
            {
                // The common shape in tests and cached clients; skips an async frame.
                T result = pending.Result;
                AttemptSucceeded(attempt, result);
                return new ValueTask<T>(result);
            }

            return AwaitAsync(attempt, pending);
        }

        private async ValueTask<T> AwaitAsync(Activity? attempt, ValueTask<T> pending)
        {
            T result;
            try
            {
                result = await pending.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                AttemptFailed(attempt, exception);
                throw;
            }

            AttemptSucceeded(attempt, result);
            return result;
        }
    }
}
