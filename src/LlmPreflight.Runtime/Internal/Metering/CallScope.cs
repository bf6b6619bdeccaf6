using System;
using System.Threading;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// The ambient <see cref="LlmCallContext"/>. An AsyncLocal scope rather than a parameter: the code fixes'
    /// rewritten calls keep their shape (<c>LlmGuard.RunAsync(ct =&gt; ..., cancellationToken)</c>) and a
    /// prompt id set once around a block covers every call inside it, however deep.
    /// </summary>
    internal static class CallScope
    {
        private static readonly AsyncLocal<LlmCallContext?> Ambient = new AsyncLocal<LlmCallContext?>();

        public static LlmCallContext? Current => Ambient.Value;

        public static IDisposable Begin(LlmCallContext context)
        {
            LlmCallContext? outer = Ambient.Value;
            Ambient.Value = context;
            return new Scope(outer);
        }

        private sealed class Scope : IDisposable
        {
            private readonly LlmCallContext? _outer;
            private int _disposed;

            public Scope(LlmCallContext? outer) => _outer = outer;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Ambient.Value = _outer;
                }
            }
        }
    }
}
