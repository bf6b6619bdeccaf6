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

        /// <summary>Reads the model's answer as a <typeparamref name="TValue"/>, re-asking with the validation errors; see <see cref="LlmGuard.RunValidatedAsync{TResult, TValue}(string, Func{LlmRepairRequest, CancellationToken, Task{TResult}}, LlmParseOptions, CancellationToken)"/>.</summary>
        /// <typeparam name="TResult">The SDK call's result type.</typeparam>
        /// <typeparam name="TValue">The type the answer is read as.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <param name="call">Sends the request; receives <c>null</c> the first time and a <see cref="LlmRepairRequest"/> on each re-ask.</param>
        /// <param name="parseOptions">How the answer is read and checked; <c>null</c> for the defaults.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The valid value, or the policy's fallback for <typeparamref name="TValue"/>.</returns>
        Task<TValue> RunValidatedAsync<TResult, TValue>(string policyName, Func<LlmRepairRequest?, CancellationToken, Task<TResult>> call, LlmParseOptions? parseOptions = null, CancellationToken cancellationToken = default);

        /// <summary>Runs a call, answering from the cache when the same request was answered before; see <see cref="LlmGuard.RunCachedAsync{T}(string, object, Func{CancellationToken, Task{T}}, LlmCachedCallOptions, CancellationToken)"/>.</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A configured policy's name, or <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <param name="request">Everything that determines the answer (messages, options, the model when the client holds it).</param>
        /// <param name="call">The SDK call, run under the policy on a miss; pass it the token it receives.</param>
        /// <param name="cacheOptions">Overrides of the policy's cache settings; <c>null</c> for none.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The model's result on a miss, or a copy read from the cache on a hit.</returns>
        Task<T> RunCachedAsync<T>(string policyName, object? request, Func<CancellationToken, Task<T>> call, LlmCachedCallOptions? cacheOptions = null, CancellationToken cancellationToken = default);
    }
}
