using System.ClientModel.Primitives;
using Anthropic;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>The real SDK clients, pointed at the scripted server with their own retries off.</summary>
public static class Clients
{
    public static OpenAIClientOptions OpenAIOptions(ScriptedServer server, bool sdkRetries = false)
    {
        var options = new OpenAIClientOptions { Endpoint = server.OpenAIEndpoint };
        if (!sdkRetries)
        {
            options.RetryPolicy = new ClientRetryPolicy(0);
        }

        return options;
    }

    public static ChatClient Chat(ScriptedServer server, bool sdkRetries = false)
        => new("gpt-4o-mini", new System.ClientModel.ApiKeyCredential("test"), OpenAIOptions(server, sdkRetries));

    public static EmbeddingClient Embeddings(ScriptedServer server)
        => new("text-embedding-3-small", new System.ClientModel.ApiKeyCredential("test"), OpenAIOptions(server));

    public static AnthropicClient Anthropic(ScriptedServer server)
        => new() { BaseUrl = server.Url.TrimEnd('/'), ApiKey = "test", MaxRetries = 0 };

    public static readonly ChatMessage[] Messages = [new UserChatMessage("hi")];
}
