using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// What the policy runs once per attempt, with the policy it runs under. Implemented by the per-call object
    /// and passed to Polly as the callback's state: a class, so Polly's generic strategies run their shared code
    /// (a struct state made every layer a separate, slower instantiation) and no closure is needed.
    /// </summary>
    /// <typeparam name="T">The call's result type.</typeparam>
    internal interface IGuardedAttempt<T>
    {
        GuardPolicy Policy { get; }

        ValueTask<T> InvokeAsync(CancellationToken cancellationToken);
    }
}
