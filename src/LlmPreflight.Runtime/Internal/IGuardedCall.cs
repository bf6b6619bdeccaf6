using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// One attempt of a guarded call. Implemented by structs and passed as generic arguments, so the layers
    /// between the entry point and the SDK call (metering, the policy, Polly) add no delegate or closure per call.
    /// </summary>
    /// <typeparam name="T">The call's result type.</typeparam>
    internal interface IGuardedCall<T>
    {
        ValueTask<T> InvokeAsync(CancellationToken cancellationToken);
    }
}
