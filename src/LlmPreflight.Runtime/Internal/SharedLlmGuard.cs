using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal
{
    /// <summary>The registered <see cref="ILlmGuard"/>: every call goes through the static <see cref="LlmGuard"/>, so both share one policy registry.</summary>
    internal sealed class SharedLlmGuard : ILlmGuard
    {
        public static readonly SharedLlmGuard Instance = new SharedLlmGuard();

        private SharedLlmGuard()
        {
        }

        public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
            => LlmGuard.RunAsync(call, cancellationToken);

        public Task<T> RunAsync<T>(string policyName, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
            => LlmGuard.RunAsync(policyName, call, cancellationToken);

        public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken = default)
            => LlmGuard.RunAsync(call, cancellationToken);

        public Task RunAsync(string policyName, Func<CancellationToken, Task> call, CancellationToken cancellationToken = default)
            => LlmGuard.RunAsync(policyName, call, cancellationToken);

        public T Run<T>(Func<CancellationToken, T> call, CancellationToken cancellationToken = default)
            => LlmGuard.Run(call, cancellationToken);

        public T Run<T>(string policyName, Func<CancellationToken, T> call, CancellationToken cancellationToken = default)
            => LlmGuard.Run(policyName, call, cancellationToken);

        public IAsyncEnumerable<T> StreamAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken = default)
            => LlmGuard.StreamAsync(call, cancellationToken);

        public IAsyncEnumerable<T> StreamAsync<T>(string policyName, Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken = default)
            => LlmGuard.StreamAsync(policyName, call, cancellationToken);

        public Task<TValue> RunValidatedAsync<TResult, TValue>(string policyName, Func<LlmRepairRequest?, CancellationToken, Task<TResult>> call, LlmParseOptions? parseOptions = null, CancellationToken cancellationToken = default)
            => LlmGuard.RunValidatedAsync<TResult, TValue>(policyName, call, parseOptions, cancellationToken);

        public Task<T> RunCachedAsync<T>(string policyName, object? request, Func<CancellationToken, Task<T>> call, LlmCachedCallOptions? cacheOptions = null, CancellationToken cancellationToken = default)
            => LlmGuard.RunCachedAsync(policyName, request, call, cacheOptions, cancellationToken);
    }
}
