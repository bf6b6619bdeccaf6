using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight
{
    /// <summary>
    /// The instance counterpart of the static <see cref="LlmGuard"/>, for dependency injection and for tests that
    /// replace the guard. Register it with
    /// <see cref="LlmPreflightServiceCollectionExtensions.AddLlmPreflight(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>.
    /// The registered implementation uses the same policies as the static API, so code fixes' static calls and
    /// injected callers share timeouts, retries and rate limiters.
    /// </summary>
    public interface ILlmGuard
    {
        /// <summary>Runs an async call that returns a value under the default policy.</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default);

        /// <summary>Runs an async call that returns a value under a named policy.</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        Task<T> RunAsync<T>(string policyName, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default);

        /// <summary>Runs an async call with no result under the default policy.</summary>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>A task that completes when the call has succeeded.</returns>
        Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken = default);

        /// <summary>Runs an async call with no result under a named policy.</summary>
        /// <param name="policyName">A configured policy's name, or <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>A task that completes when the call has succeeded.</returns>
        Task RunAsync(string policyName, Func<CancellationToken, Task> call, CancellationToken cancellationToken = default);

        /// <summary>Runs a synchronous call under the default policy (for SDKs' blocking methods; prefer the async ones).</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        T Run<T>(Func<CancellationToken, T> call, CancellationToken cancellationToken = default);

        /// <summary>Runs a synchronous call under a named policy (for SDKs' blocking methods; prefer the async ones).</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        T Run<T>(string policyName, Func<CancellationToken, T> call, CancellationToken cancellationToken = default);

        /// <summary>Streams a call's items under the default policy; retried only until the first item has reached the caller.</summary>
        /// <typeparam name="T">The stream's item type.</typeparam>
        /// <param name="call">Starts the SDK stream; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token (also honoured through <c>WithCancellation</c>).</param>
        /// <returns>The guarded stream.</returns>
        IAsyncEnumerable<T> StreamAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken = default);

        /// <summary>Streams a call's items under a named policy; retried only until the first item has reached the caller.</summary>
        /// <typeparam name="T">The stream's item type.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <param name="call">Starts the SDK stream; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token (also honoured through <c>WithCancellation</c>).</param>
        /// <returns>The guarded stream.</returns>
        IAsyncEnumerable<T> StreamAsync<T>(string policyName, Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken = default);
    }
}
