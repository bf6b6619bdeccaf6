using System;
using System.Collections.Generic;
using System.Threading;

namespace LlmPreflight.Internal
{
    /// <summary>What one stream-opening attempt needs, passed as Polly state so no closure is allocated.</summary>
    internal readonly struct OpenState<T>
    {
        public OpenState(GuardPolicy policy, Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken streamToken)
        {
            Policy = policy;
            Call = call;
            StreamToken = streamToken;
        }

        public GuardPolicy Policy { get; }

        public Func<CancellationToken, IAsyncEnumerable<T>> Call { get; }

        public CancellationToken StreamToken { get; }
    }
}
