using System;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal
{
    /// <summary>The user's <c>ct =&gt; sdk.CallAsync(..., ct)</c> as an attempt.</summary>
    internal readonly struct TaskCall<T> : IGuardedCall<T>
    {
        private readonly Func<CancellationToken, Task<T>> _call;

        public TaskCall(Func<CancellationToken, Task<T>> call) => _call = call;

        public ValueTask<T> InvokeAsync(CancellationToken cancellationToken) => new ValueTask<T>(_call(cancellationToken));
    }
}
