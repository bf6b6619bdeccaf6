using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;

namespace LlmPreflight
{
    /// <summary>The response cache's store (see docs/runtime.md, "Caching").</summary>
    public sealed partial class LlmGuardOptions
    {
        /// <summary>
        /// The store for cached answers: a <see cref="HybridCache"/> (in-process L1 over a distributed L2 such as Redis,
        /// with stampede protection). <c>null</c> (the default): the <see cref="HybridCache"/> or
        /// <see cref="IDistributedCache"/> of the service provider that resolves <see cref="ILlmGuard"/>, else
        /// <see cref="DistributedCache"/>, else an in-memory store of this configuration.
        /// </summary>
        public HybridCache? Cache { get; set; }

        /// <summary>
        /// A distributed cache to use when there is no <see cref="Cache"/>: the guard keeps its own in-process copy
        /// (for <see cref="LlmPolicyOptions.CacheLocalExpiration"/>) in front of it and lets one caller per key call the
        /// model. Set this or <see cref="Cache"/>, not both.
        /// </summary>
        public IDistributedCache? DistributedCache { get; set; }
    }
}
