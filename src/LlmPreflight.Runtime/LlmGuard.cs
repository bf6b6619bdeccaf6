using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight
{
    /// <summary>
    /// Runs LLM SDK calls under a resilience policy: total and per-attempt timeouts, retry with
    /// exponential back-off that honours Retry-After, an optional rate limiter and an optional fallback.
    /// Pass the token the guard hands you to the SDK call, so timeouts and cancellation reach it:
    /// <c>await LlmGuard.RunAsync(ct =&gt; client.CompleteChatAsync(messages, options, ct), cancellationToken)</c>.
    /// </summary>
    /// <remarks>
    /// Switch the SDK's own retries off when guarding its calls (OpenAI: <c>RetryPolicy = new ClientRetryPolicy(0)</c>;
    /// Anthropic: <c>MaxRetries = 0</c>), or attempts multiply: 4 guard attempts × 4 SDK attempts = 16 requests.
    /// There are deliberately no <c>ValueTask</c> overloads: an <c>async</c> lambda converts to both
    /// <c>Func&lt;CancellationToken, Task&lt;T&gt;&gt;</c> and <c>Func&lt;CancellationToken, ValueTask&lt;T&gt;&gt;</c>,
    /// so they would make every <c>RunAsync(async ct =&gt; ...)</c> call ambiguous. Wrap a ValueTask call as
    /// <c>ct =&gt; call(ct).AsTask()</c>.
    /// </remarks>
    public static partial class LlmGuard
    {
        /// <summary>The name of the policy used by the overloads that take no policy name.</summary>
        public const string DefaultPolicyName = "default";

        private static PolicyRegistry? _registry;

        private static PolicyRegistry Registry
        {
            get
            {
                PolicyRegistry? registry = Volatile.Read(ref _registry);
                if (registry != null)
                {
                    return registry;
                }

                Interlocked.CompareExchange(ref _registry, PolicyRegistry.Build(new LlmGuardOptions()), null);
                return Volatile.Read(ref _registry)!;
            }
        }

        /// <summary>
        /// Replaces the whole configuration: the default policy and every named policy. Call it once at
        /// start-up; calls already running finish under the configuration they started with.
        /// </summary>
        /// <param name="configure">Sets the options; starts from the built-in defaults each time.</param>
        /// <exception cref="LlmGuardConfigurationException">A setting is invalid; the message says which and how to fix it.</exception>
        public static void Configure(Action<LlmGuardOptions> configure)
        {
            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            var options = new LlmGuardOptions();
            configure(options);
            Volatile.Write(ref _registry, PolicyRegistry.Build(options));
        }

        /// <summary>Runs an async call that returns a value under the default policy.</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        public static Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
            => RunAsync(DefaultPolicyName, call, cancellationToken);

        /// <summary>Runs an async call that returns a value under a named policy.</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A policy added with <see cref="LlmGuardOptions.AddPolicy"/>, or <see cref="DefaultPolicyName"/>.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        public static Task<T> RunAsync<T>(string policyName, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
        {
            NotNull(call, nameof(call));
            return Metered.RunAsync<T, TaskCall<T>>(Registry, policyName, new TaskCall<T>(call), cancellationToken);
        }

        /// <summary>Runs an async call with no result under the default policy.</summary>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>A task that completes when the call has succeeded.</returns>
        public static Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken = default)
            => RunAsync(DefaultPolicyName, call, cancellationToken);

        /// <summary>Runs an async call with no result under a named policy.</summary>
        /// <param name="policyName">A policy added with <see cref="LlmGuardOptions.AddPolicy"/>, or <see cref="DefaultPolicyName"/>.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>A task that completes when the call has succeeded.</returns>
        public static Task RunAsync(string policyName, Func<CancellationToken, Task> call, CancellationToken cancellationToken = default)
        {
            NotNull(call, nameof(call));
            return Metered.RunAsync<bool, VoidTaskCall>(Registry, policyName, new VoidTaskCall(call), cancellationToken);
        }

        /// <summary>Runs a synchronous call under the default policy (for SDKs' blocking methods; prefer the async ones).</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        public static T Run<T>(Func<CancellationToken, T> call, CancellationToken cancellationToken = default)
            => Run(DefaultPolicyName, call, cancellationToken);

        /// <summary>Runs a synchronous call under a named policy (for SDKs' blocking methods; prefer the async ones).</summary>
        /// <typeparam name="T">The call's result type.</typeparam>
        /// <param name="policyName">A policy added with <see cref="LlmGuardOptions.AddPolicy"/>, or <see cref="DefaultPolicyName"/>.</param>
        /// <param name="call">The SDK call; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token; when it is cancelled the call stops and is not retried.</param>
        /// <returns>The call's result, or the policy's fallback value for <typeparamref name="T"/>.</returns>
        public static T Run<T>(string policyName, Func<CancellationToken, T> call, CancellationToken cancellationToken = default)
        {
            NotNull(call, nameof(call));
            return Metered.Execute(Registry, policyName, call, cancellationToken);
        }

        /// <summary>
        /// Streams a call's items under the default policy. Attempts are retried only until the first item
        /// has reached the caller; after that a failure or an idle gap longer than
        /// <see cref="LlmPolicyOptions.StreamIdleTimeout"/> ends the stream with an exception. An outage before the
        /// first item yields the policy's <see cref="LlmPolicyOptions.AddStreamFallback{T}(Func{Exception, IAsyncEnumerable{T}})"/>
        /// items instead, when it has one for <typeparamref name="T"/>.
        /// </summary>
        /// <typeparam name="T">The stream's item type.</typeparam>
        /// <param name="call">Starts the SDK stream; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token (also honoured through <c>WithCancellation</c>).</param>
        /// <returns>The guarded stream.</returns>
        public static IAsyncEnumerable<T> StreamAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken = default)
            => StreamAsync(DefaultPolicyName, call, cancellationToken);

        /// <summary>Streams a call's items under a named policy; see <see cref="StreamAsync{T}(Func{CancellationToken, IAsyncEnumerable{T}}, CancellationToken)"/>.</summary>
        /// <typeparam name="T">The stream's item type.</typeparam>
        /// <param name="policyName">A policy added with <see cref="LlmGuardOptions.AddPolicy"/>, or <see cref="DefaultPolicyName"/>.</param>
        /// <param name="call">Starts the SDK stream; pass it the token it receives.</param>
        /// <param name="cancellationToken">The caller's token (also honoured through <c>WithCancellation</c>).</param>
        /// <returns>The guarded stream.</returns>
        public static IAsyncEnumerable<T> StreamAsync<T>(string policyName, Func<CancellationToken, IAsyncEnumerable<T>> call, CancellationToken cancellationToken = default)
        {
            NotNull(call, nameof(call));
            return Metered.StreamAsync(Registry, policyName, call, cancellationToken);
        }

        private static void NotNull(object value, string name)
        {
            if (value is null)
            {
                throw new ArgumentNullException(name);
            }
        }
    }
}
