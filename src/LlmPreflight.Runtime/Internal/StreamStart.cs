using System.Collections.Generic;
using System.Threading;

namespace LlmPreflight.Internal
{
    /// <summary>A stream whose first item has arrived: from here on it is never retried.</summary>
    internal sealed class StreamStart<T>
    {
        public StreamStart(IAsyncEnumerator<T> enumerator, CancellationTokenSource attemptSource, bool hasFirst)
        {
            Enumerator = enumerator;
            AttemptSource = attemptSource;
            HasFirst = hasFirst;
        }

        public IAsyncEnumerator<T> Enumerator { get; }

        /// <summary>Cancels the SDK's enumeration; the idle timer cancels it when the stream stalls.</summary>
        public CancellationTokenSource AttemptSource { get; }

        public bool HasFirst { get; }
    }
}
