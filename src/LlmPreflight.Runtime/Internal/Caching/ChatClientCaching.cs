using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// <see cref="LlmGuardChatClient"/> under a policy with <see cref="LlmCacheMode.AllCalls"/>: the middleware knows the
    /// whole request, so the key is the provider and endpoint, the model (the options' or the client's default), the
    /// messages and the options.
    /// </summary>
    internal static class ChatClientCaching
    {
        public static Task<ChatResponse> GetResponseAsync(IChatClient client, string policyName, IEnumerable<ChatMessage> messages, ChatOptions? options, Func<CancellationToken, Task<ChatResponse>> call, CancellationToken cancellationToken)
        {
            var metadata = client.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
            object?[] request = { metadata?.ProviderName, metadata?.ProviderUri?.ToString(), messages, options };
            var callOptions = new LlmCachedCallOptions { Model = options?.ModelId ?? metadata?.DefaultModelId ?? LlmGuard.CurrentContext?.Model };
            return LlmGuard.RunCachedAsync(policyName, request, call, callOptions, cancellationToken);
        }
    }
}
