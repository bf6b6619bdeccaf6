using System.Text.Json;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI.Chat;

namespace LlmPreflight.Runtime.Tests.Redaction;

/// <summary>Redaction around a real OpenAI ChatClient call: the PII never reaches the server, the answer gets it back.</summary>
public sealed class RedactionFlowTests
{
    private static string CompletionSaying(string content)
        => "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
            + $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(content)}}},\"finish_reason\":\"stop\"}}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";

    [Fact]
    public async Task TheRequestCarriesPlaceholdersAndTheAnswerIsRestored()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Json(CompletionSaying(
            "Done: I will write to [EMAIL_1] and call [phone_1]; card [CARD_1] was not charged.")));
        const string userText = "Soy ana.lopez@gmail.com, mi cel es +54 9 11 1234 5678 y la tarjeta 4111 1111 1111 1111. ¿Me avisan?";
        var redaction = LlmPiiRedactor.Default.Redact(userText);

        var completion = await LlmGuard.RunAsync(
            ct => Clients.Chat(server).CompleteChatAsync([new UserChatMessage(redaction.Text)], new ChatCompletionOptions(), ct));
        string answer = redaction.Restore(completion.Value.Content[0].Text);

        string sent = Assert.Single(server.Requests).Body;
        Assert.Contains("Soy [EMAIL_1], mi cel es [PHONE_1] y la tarjeta [CARD_1].", sent);
        Assert.DoesNotContain("ana.lopez", sent);
        Assert.DoesNotContain("1234 5678", sent);
        Assert.DoesNotContain("4111", sent);
        Assert.Equal("Done: I will write to ana.lopez@gmail.com and call +54 9 11 1234 5678; card 4111 1111 1111 1111 was not charged.", answer);
    }

    [Fact]
    public async Task AConversationRedactedMessageByMessageIsRestoredFromTheLastRedaction()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Json(CompletionSaying("[EMAIL_2] will get a copy, [EMAIL_1] the original.")));
        var system = LlmPiiRedactor.Default.Redact("The account owner is ana@example.com.");
        var user = LlmPiiRedactor.Default.Redact("Please cc bo@example.org, not ana@example.com.", system);

        var completion = await LlmGuard.RunAsync(ct => Clients.Chat(server).CompleteChatAsync(
            [new SystemChatMessage(system.Text), new UserChatMessage(user.Text)], new ChatCompletionOptions(), ct));

        string sent = server.Requests[0].Body;
        Assert.Contains("The account owner is [EMAIL_1].", sent);
        Assert.Contains("Please cc [EMAIL_2], not [EMAIL_1].", sent);
        Assert.DoesNotContain("@example", sent);
        Assert.Equal("bo@example.org will get a copy, ana@example.com the original.", user.Restore(completion.Value.Content[0].Text));
    }
}
