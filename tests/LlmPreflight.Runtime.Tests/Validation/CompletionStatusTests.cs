using System.ClientModel;
using Anthropic.Models.Messages;
using Betalgo.Ranul.OpenAI;
using Betalgo.Ranul.OpenAI.Managers;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OllamaSharp;
using OllamaSharp.Models.Chat;
using OpenAI;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using AnthropicMessage = Anthropic.Models.Messages.Message;
using MeaiChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using MeaiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace LlmPreflight.Runtime.Tests.Validation;

/// <summary>
/// <see cref="LlmCompletion"/> on each SDK's real result types, produced by the real clients against the scripted server
/// (and constructed directly for Microsoft.Extensions.AI, where that is how users get them too).
/// </summary>
public sealed class CompletionStatusTests
{
    private const string Json = """{"customer":"ACME"}""";

    private static (LlmCompletionKind, string?) KindAndReason(object? result)
    {
        LlmCompletionStatus status = LlmCompletion.GetStatus(result);
        return (status.Kind, status.Reason);
    }

    [Theory]
    [InlineData("stop", LlmCompletionKind.Complete, "Stop")]
    [InlineData("length", LlmCompletionKind.Truncated, "Length")]
    [InlineData("content_filter", LlmCompletionKind.Filtered, "ContentFilter")]
    public async Task OpenAIChatFinishReasons(string finishReason, LlmCompletionKind kind, string reason)
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat(Json, finishReason)));

        ClientResult<ChatCompletion> result = await Clients.Chat(server).CompleteChatAsync(Clients.Messages);

        Assert.Equal((kind, reason), KindAndReason(result));
        Assert.Equal((kind, reason), KindAndReason(result.Value));
        Assert.Equal(Json, LlmCompletion.GetText(result));
    }

    [Fact]
    public async Task OpenAIChatRefusalIsRefusedWithItsText()
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat(null, "stop", refusal: "I can't help with that.")));

        ClientResult<ChatCompletion> result = await Clients.Chat(server).CompleteChatAsync(Clients.Messages);

        LlmCompletionStatus status = LlmCompletion.GetStatus(result);
        Assert.Equal((LlmCompletionKind.Refused, "Stop", "I can't help with that."), (status.Kind, status.Reason, status.Detail));
        Assert.False(status.IsUsable);
        Assert.Null(LlmCompletion.GetText(result));
    }

    [Fact]
    public async Task EnsureCompleteRejectsATruncatedCompletionAndSaysWhatToRaise()
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat("{\"customer\":", "length")), Respond.Json(ModelReplies.OpenAIChat(Json)));
        ChatClient client = Clients.Chat(server);

        var error = Assert.Throws<LlmIncompleteOutputException>(() => LlmCompletion.EnsureComplete(client.CompleteChat(Clients.Messages)));
        ClientResult<ChatCompletion> complete = LlmCompletion.EnsureComplete(client.CompleteChat(Clients.Messages));

        Assert.Equal(LlmCompletionKind.Truncated, error.Status.Kind);
        Assert.Equal(
            "The output was cut off at the output token limit ('Length'), so it is incomplete. Raise the maximum output tokens "
            + "(OpenAI MaxOutputTokenCount, Anthropic MaxTokens, Microsoft.Extensions.AI ChatOptions.MaxOutputTokens) or ask for a shorter answer.",
            error.Message);
        Assert.Equal(Json, complete.Value.Content[0].Text);
    }

    [Fact]
    public async Task OpenAIStreamingUpdatesCarryTheReasonOnTheLastChunk()
    {
        await using var server = new ScriptedServer(ModelReplies.OpenAIChatStream("length", "{\"cust", "omer\":"));
        var updates = new List<StreamingChatCompletionUpdate>();

        await foreach (StreamingChatCompletionUpdate update in Clients.Chat(server).CompleteChatStreamingAsync(Clients.Messages))
        {
            updates.Add(update);
        }

        Assert.Equal(
            [LlmCompletionKind.Unknown, LlmCompletionKind.Unknown, LlmCompletionKind.Truncated],
            updates.Select(u => LlmCompletion.GetStatus(u).Kind));
        Assert.Equal("{\"customer\":", string.Concat(updates.Select(LlmCompletion.GetText)));
    }

    [Theory]
    [InlineData("incomplete", "max_output_tokens", LlmCompletionKind.Truncated, "max_output_tokens")]
    [InlineData("incomplete", "content_filter", LlmCompletionKind.Filtered, "content_filter")]
    [InlineData("completed", null, LlmCompletionKind.Complete, "Completed")]
    public async Task OpenAIResponsesStatusAndIncompleteReason(string status, string? incompleteReason, LlmCompletionKind kind, string reason)
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIResponse(status, incompleteReason, Json)));
        var client = new OpenAIClient(new ApiKeyCredential("test"), Clients.OpenAIOptions(server)).GetResponsesClient();

        var result = await client.CreateResponseAsync("gpt-4o-mini", "extract", null, CancellationToken.None);

        Assert.Equal((kind, reason), KindAndReason(result));
        Assert.Equal(Json, LlmCompletion.GetText(result));
    }

    [Theory]
    [InlineData("end_turn", LlmCompletionKind.Complete)]
    [InlineData("max_tokens", LlmCompletionKind.Truncated)]
    [InlineData("refusal", LlmCompletionKind.Refused)]
    public async Task AnthropicStopReasons(string stopReason, LlmCompletionKind kind)
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.AnthropicMessage(Json, stopReason)));
        var request = new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 16, Messages = [new UserMessageParam("hi")] };

        AnthropicMessage message = await Clients.Anthropic(server).Messages.Create(request);

        Assert.Equal((kind, stopReason), KindAndReason(message));
        Assert.Equal(Json, LlmCompletion.GetText(message));
    }

    [Theory]
    [InlineData("length", LlmCompletionKind.Truncated)]
    [InlineData("content_filter", LlmCompletionKind.Filtered)]
    [InlineData("stop", LlmCompletionKind.Complete)]
    public async Task MicrosoftExtensionsAIOverOpenAI(string finishReason, LlmCompletionKind kind)
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat(Json, finishReason)));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        ChatResponse response = await chat.GetResponseAsync("extract");

        Assert.Equal((kind, finishReason), KindAndReason(response));
        Assert.Equal(Json, LlmCompletion.GetText(response));
    }

    [Fact]
    public void MicrosoftExtensionsAITypesBuiltDirectly()
    {
        var response = new ChatResponse(new MeaiChatMessage(MeaiChatRole.Assistant, Json)) { FinishReason = MeaiChatFinishReason.Length };
        var update = new ChatResponseUpdate(MeaiChatRole.Assistant, "x") { FinishReason = MeaiChatFinishReason.ContentFilter };
        var structured = new ChatResponse<int>(new ChatResponse(new MeaiChatMessage(MeaiChatRole.Assistant, "4")) { FinishReason = MeaiChatFinishReason.Stop }, System.Text.Json.JsonSerializerOptions.Default);

        Assert.Equal((LlmCompletionKind.Truncated, "length"), KindAndReason(response));
        Assert.Equal((LlmCompletionKind.Filtered, "content_filter"), KindAndReason(update));
        Assert.Equal((LlmCompletionKind.Complete, "stop"), KindAndReason(structured));
        Assert.Equal(("x", "4"), (LlmCompletion.GetText(update), LlmCompletion.GetText(structured)));
    }

    [Fact]
    public async Task SemanticKernelThroughItsOpenAIConnector()
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat(Json, "length")), Respond.Json(ModelReplies.OpenAIChat(Json, "stop")));
        var service = new OpenAIChatCompletionService("gpt-4o-mini", new OpenAIClient(new ApiKeyCredential("test"), Clients.OpenAIOptions(server)));

        var truncated = await service.GetChatMessageContentAsync("extract");
        var complete = await service.GetChatMessageContentAsync("extract");

        Assert.Equal(LlmCompletionKind.Truncated, LlmCompletion.GetStatus(truncated).Kind);
        Assert.Equal(LlmCompletionKind.Complete, LlmCompletion.GetStatus(complete).Kind);
        Assert.Equal(Json, LlmCompletion.GetText(truncated));
    }

    [Fact]
    public async Task OllamaChatDoneReason()
    {
        await using var server = new ScriptedServer(ModelReplies.OllamaChat(Json, "length"));
        var client = new OllamaApiClient(new Uri(server.Url), "llama3.2");
        var items = new List<ChatResponseStream?>();

        await foreach (ChatResponseStream? item in client.ChatAsync(new ChatRequest { Model = "llama3.2", Messages = [new OllamaSharp.Models.Chat.Message(OllamaSharp.Models.Chat.ChatRole.User, "hi")] }))
        {
            items.Add(item);
        }

        Assert.Equal([LlmCompletionKind.Unknown, LlmCompletionKind.Truncated], items.Select(i => LlmCompletion.GetStatus(i).Kind));
        Assert.Equal("length", LlmCompletion.GetStatus(items[1]).Reason);
        Assert.Equal(Json, LlmCompletion.GetText(items[0]));
    }

    [Fact]
    public async Task BetalgoFirstChoiceFinishReason()
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat(Json, "length")));
        var service = new OpenAIService(new OpenAIOptions { ApiKey = "test", BaseDomain = server.Url.TrimEnd('/') }, new HttpClient());

        var response = await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4o-mini", Messages = [Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage.FromUser("hi")] });

        Assert.Equal((LlmCompletionKind.Truncated, "length"), KindAndReason(response));
        Assert.Equal(Json, LlmCompletion.GetText(response));
    }

    [Fact]
    public async Task ParseResponseRejectsTruncatedOutputEvenWhenItsJsonParses()
    {
        await using var server = new ScriptedServer(Respond.Json(ModelReplies.OpenAIChat("""{"customer":"ACME","lines":[]}""", "length")));

        ClientResult<ChatCompletion> result = await Clients.Chat(server).CompleteChatAsync(Clients.Messages);
        LlmParseResult<Order> parsed = LlmOutput.ParseResponse<Order>(result);

        Assert.False(parsed.IsValid);
        Assert.Equal(LlmCompletionKind.Truncated, parsed.Status.Kind);
        LlmValidationError error = Assert.Single(parsed.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("The output was cut off at the output token limit ('Length')", error.Message);
        Assert.StartsWith("Your previous reply was cut off because it reached the output length limit", parsed.RepairInstruction);
        Assert.Contains("shorter answer", parsed.RepairInstruction);
    }

    [Fact]
    public void PlainValuesHaveNoReason()
    {
        Assert.Equal((LlmCompletionKind.Unknown, null), KindAndReason(null));
        Assert.Equal((LlmCompletionKind.Unknown, null), KindAndReason("text"));
        Assert.True(LlmCompletion.GetStatus("text").IsUsable);
        Assert.Equal("text", LlmCompletion.GetText("text"));
        Assert.Equal("text", LlmCompletion.EnsureComplete("text"));
    }
}
