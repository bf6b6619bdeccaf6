using LlmPreflight.Runtime.Tests.Infrastructure;
using LlmPreflight.Runtime.Tests.Validation;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace LlmPreflight.Runtime.Tests;

/// <summary>DI users get output validation and caching through <see cref="ILlmGuard"/>, with the real OpenAI client.</summary>
public sealed class InjectedValidationAndCachingTests
{
    private static ILlmGuard Guard(ServiceProvider provider) => provider.GetRequiredService<ILlmGuard>();

    private static ServiceProvider Services()
        => new ServiceCollection().AddLlmPreflight(options => FastPolicy.Apply(options.DefaultPolicy)).BuildServiceProvider();

    [Fact]
    public async Task AnInvalidAnswerIsReAskedThroughTheInjectedGuard()
    {
        using ServiceProvider provider = Services();
        await using var server = new ScriptedServer(
            Respond.Json(ModelReplies.OpenAIChat("Sure! ```json\n{\"lines\": []}\n```")),
            Respond.Json(ModelReplies.OpenAIChat("{\"customer\": \"Ana\", \"lines\": [{\"sku\": \"ABC-12\", \"quantity\": 2}], \"status\": \"open\"}")));
        ChatClient chat = Clients.Chat(server);

        Order order = await Guard(provider).RunValidatedAsync<ChatCompletion, Order>(
            LlmGuard.DefaultPolicyName,
            async (repair, ct) =>
            {
                var messages = new List<ChatMessage> { new UserChatMessage("Extract the order.") };
                if (repair != null)
                {
                    messages.Add(new AssistantChatMessage(repair.PreviousOutput));
                    messages.Add(new UserChatMessage(repair.Instruction));
                }

                return (await chat.CompleteChatAsync(messages, null, ct)).Value;
            });

        Assert.Equal("Ana", order.Customer);
        Assert.Equal(2, server.Attempts);
        Assert.Contains("customer", server.Requests[1].Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ARepeatedRequestIsAnsweredFromTheCacheThroughTheInjectedGuard()
    {
        using ServiceProvider provider = Services();
        await using var server = new ScriptedServer(Respond.Json(Respond.ChatCompletionJson));
        ChatClient chat = Clients.Chat(server);
        ChatMessage[] messages = [new UserChatMessage("What are your opening hours?")];

        async Task<string> Ask() => (await Guard(provider).RunCachedAsync(
            LlmGuard.DefaultPolicyName,
            new object[] { chat.Model, messages },
            ct => chat.CompleteChatAsync(messages, null, ct))).Value.Content[0].Text;

        Assert.Equal("hello", await Ask());
        Assert.Equal("hello", await Ask());
        Assert.Equal(1, server.Attempts);
    }
}
