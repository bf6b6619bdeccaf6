using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal;
using Microsoft.Extensions.AI;

namespace LlmPreflight
{
    /// <summary>
    /// Microsoft.Extensions.AI middleware that runs every request of the inner <see cref="IChatClient"/> under an
    /// <see cref="LlmGuard"/> policy: <see cref="GetResponseAsync"/> through
    /// <see cref="LlmGuard.RunAsync{T}(string, Func{CancellationToken, Task{T}}, CancellationToken)"/> and
    /// <see cref="GetStreamingResponseAsync"/> through
    /// <see cref="LlmGuard.StreamAsync{T}(string, Func{CancellationToken, IAsyncEnumerable{T}}, CancellationToken)"/>.
    /// Add it with <see cref="LlmPreflightChatClientBuilderExtensions.UseLlmPreflight(ChatClientBuilder, string?)"/>.
    /// </summary>
    /// <remarks>
    /// Place it closest to the provider client (last <c>Use</c> before <c>Build</c>), so one retried request is
    /// one model request and outer middleware such as function invocation or caching sees a single call.
    /// Switch the provider SDK's own retries off, as for any guarded call.
    /// </remarks>
    public sealed class LlmGuardChatClient : DelegatingChatClient
    {
        /// <summary>Wraps a chat client.</summary>
        /// <param name="innerClient">The client whose requests are guarded.</param>
        /// <param name="policyName">The policy to use; <c>null</c> for <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        public LlmGuardChatClient(IChatClient innerClient, string? policyName = null)
            : base(innerClient)
        {
            PolicyName = policyName ?? LlmGuard.DefaultPolicyName;
        }

        /// <summary>The policy every request runs under.</summary>
        public string PolicyName { get; }

        /// <inheritdoc />
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            IEnumerable<ChatMessage> replayable = Replayable.Of(messages);
            if (LlmGuard.CachesAllCalls(PolicyName))
            {
                return Internal.Caching.ChatClientCaching.GetResponseAsync(this, PolicyName, replayable, options, ct => base.GetResponseAsync(replayable, options, ct), cancellationToken);
            }

            return LlmGuard.RunAsync(PolicyName, ct => base.GetResponseAsync(replayable, options, ct), cancellationToken);
        }

        /// <inheritdoc />
        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            IEnumerable<ChatMessage> replayable = Replayable.Of(messages);
            return LlmGuard.StreamAsync(PolicyName, ct => base.GetStreamingResponseAsync(replayable, options, ct), cancellationToken);
        }
    }
}
