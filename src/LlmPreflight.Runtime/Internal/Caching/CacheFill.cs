using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// One cached call's state for the store's factory: runs the guarded call on a miss, keeps its result for this
    /// caller (who gets the model's own object, not a copy), and serializes it for everybody else.
    /// </summary>
    internal sealed class CacheFill<T>
    {
        public static readonly Func<CacheFill<T>, CancellationToken, ValueTask<byte[]>> Factory = (fill, ct) => fill.RunAsync(ct);

        private readonly string _policyName;
        private readonly Func<CancellationToken, Task<T>> _call;
        private readonly ResultSerializer<T> _serializer;
        private bool _returned;
        private T _last = default!;

        public CacheFill(string policyName, Func<CancellationToken, Task<T>> call, ResultSerializer<T> serializer)
        {
            _policyName = policyName;
            _call = call;
            _serializer = serializer;
        }

        /// <summary>Whether this caller's factory ran, i.e. this call was a miss.</summary>
        public bool Ran { get; private set; }

        public T Result { get; private set; } = default!;

        private async ValueTask<byte[]> RunAsync(CancellationToken cancellationToken)
        {
            Ran = true;
            T result = await LlmGuard.RunAsync(_policyName, RecordAsync, cancellationToken).ConfigureAwait(false);
            Result = result;

            // The policy's fallback (the service was down) answers through RunAsync as well: only what the call itself
            // returned, and returned as a success, is worth repeating.
            bool fromCall = _returned && EqualityComparer<T>.Default.Equals(result, _last);
            if (result is null || !fromCall || ErrorResponses.IsFailure(result))
            {
                throw new UncachedResultException<T>(result);
            }

            return ResultSerializers.SerializeChecked(_serializer, result);
        }

        private async Task<T> RecordAsync(CancellationToken cancellationToken)
        {
            _returned = false;
            T result = await _call(cancellationToken).ConfigureAwait(false);
            _last = result;
            _returned = true;
            return result;
        }
    }
}
