using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0001Smoke
{
    [Fact]
    public Task Flags_openai_chat_without_token() => Verify<LLM0001_ModelCallWithoutCancellation>.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(messages)|};
                await client.CompleteChatAsync(messages, cancellationToken: ct);
            }
        }
        """);
}
