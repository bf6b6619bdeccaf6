using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>The caching side of one applied configuration: each policy's settings and the store.</summary>
    internal sealed class CacheRuntime
    {
        private readonly Dictionary<string, PolicyCacheSettings> _policies = new Dictionary<string, PolicyCacheSettings>(StringComparer.Ordinal);
        private readonly ICacheStore? _configured;
        private readonly TimeProvider _time;
        private ICacheStore? _fromServices;
        private ICacheStore? _inMemory;

        public CacheRuntime(LlmGuardOptions options)
        {
            _time = options.TimeProvider ?? TimeProvider.System;
            if (options.Cache != null)
            {
                _configured = new HybridCacheStore(options.Cache);
            }
            else if (options.DistributedCache != null)
            {
                _configured = new MemoryCacheStore(_time, options.DistributedCache);
            }

            _policies.Add(LlmGuard.DefaultPolicyName, new PolicyCacheSettings(options.DefaultPolicy));
            foreach (KeyValuePair<string, LlmPolicyOptions> policy in options.Policies)
            {
                _policies.Add(policy.Key, new PolicyCacheSettings(policy.Value));
            }
        }

        /// <summary>
        /// On a reload, keeps the stores the previous configuration had found (the service provider's cache, which is
        /// attached only when <see cref="ILlmGuard"/> is first resolved, and the in-memory store with its entries),
        /// unless this configuration names a store in code.
        /// </summary>
        public void KeepStoresOf(CacheRuntime previous)
        {
            if (_configured != null)
            {
                return;
            }

            Volatile.Write(ref _fromServices, Volatile.Read(ref previous._fromServices));
            Volatile.Write(ref _inMemory, Volatile.Read(ref previous._inMemory));
        }

        /// <summary>The configured store, else the service provider's, else this configuration's own memory store.</summary>
        public ICacheStore Store
            => _configured
                ?? Volatile.Read(ref _fromServices)
                ?? LazyInitializer.EnsureInitialized(ref _inMemory, () => new MemoryCacheStore(_time, null))!;

        /// <summary>The policy's settings; the name was checked by the policy registry first.</summary>
        public PolicyCacheSettings For(string policyName) => _policies[policyName];

        /// <summary>
        /// Takes the <see cref="HybridCache"/> (else the <see cref="IDistributedCache"/>) registered in a service provider,
        /// unless the configuration named a store in code. Called when the provider resolves <see cref="ILlmGuard"/>.
        /// </summary>
        public void Attach(IServiceProvider services)
        {
            if (_configured != null)
            {
                return;
            }

            if (services.GetService(typeof(HybridCache)) is HybridCache hybrid)
            {
                Volatile.Write(ref _fromServices, new HybridCacheStore(hybrid));
            }
            else if (services.GetService(typeof(IDistributedCache)) is IDistributedCache distributed)
            {
                Volatile.Write(ref _fromServices, new MemoryCacheStore(_time, distributed));
            }
        }
    }
}
