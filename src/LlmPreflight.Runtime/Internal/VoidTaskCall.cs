using System;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal
{
    /// <summary>A call with no result as an attempt; its result is a placeholder <c>true</c> so one code path serves both.</summary>
    internal readonly struct VoidTaskCall : IGuardedCall<bool>
    {
        private readonly Func<CancellationToken, Task> _call;

        public VoidTaskCall(Func<CancellationToken, Task> call) => _call = call;

        public ValueTask<bool> InvokeAsync(CancellationToken cancellationToken)
        {
            Task task = _call(cancellationToken);
            return task.Status == TaskStatus.RanToCompletion ? new ValueTask<bool>(true) : AwaitAsync(task);
        }

        private static async ValueTask<bool> AwaitAsync(Task task)
        {
            await task.ConfigureAwait(false);
            return true;
        }
    }
}
