using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic.Models.Beta.Messages;
using Azure;
using Azure.AI.Inference;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using OllamaSharp;
using OllamaSharp.Models;
using OpenAI;
using OpenAI.Audio;
using OpenAI.Images;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Caching;

/// <summary>
/// The SDK catalog's other non-streaming result types (see CachedResultRoundTripTests for the common ones), each produced
/// by its real client against the scripted server: the second call sends nothing and the copy reads the same as the
/// original. Types that cannot be stored are refused before the model is called, with the way to cache them instead.
/// </summary>
public sealed class CatalogResultRoundTripTests
{
    private const string InferenceChatJson =
        "{\"id\":\"inf-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"phi-4\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"bonjour\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":13,\"completion_tokens\":3,\"total_tokens\":16}}";

    private const string InferenceEmbeddingsJson =
        "{\"id\":\"emb-1\",\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,0.25]}],"
        + "\"model\":\"embed-v3\",\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}";

    private const string ImagesJson =
        "{\"created\":1700000000,\"data\":[{\"b64_json\":\"iVBORw0KGgo=\"}],"
        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20,\"total_tokens\":30,\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":0}}}";

    private const string TranscriptionJson =
        "{\"text\":\"hello there\",\"usage\":{\"type\":\"tokens\",\"input_tokens\":14,\"output_tokens\":3,\"total_tokens\":17}}";

    private const string OllamaGenerateJson =
        "{\"model\":\"llama3.2\",\"created_at\":\"2024-01-01T00:00:00Z\",\"response\":\"why hello\",\"done\":true,"
        + "\"done_reason\":\"stop\",\"context\":[1,2,3],\"total_duration\":100,\"prompt_eval_count\":6,\"eval_count\":2}";

    private static AzureAIInferenceClientOptions InferenceOptions()
    {
        var options = new AzureAIInferenceClientOptions();
        options.Retry.MaxRetries = 0;
        return options;
    }

    private static ChatCompletionsOptions InferenceRequest()
        => new([new ChatRequestUserMessage("hi")]) { Model = "phi-4" };

    [Fact]
    public async Task AzureInference_ChatCompletions_value_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(InferenceChatJson));
        var client = new ChatCompletionsClient(new Uri(server.Url), new AzureKeyCredential("test"), InferenceOptions());
        ChatCompletionsOptions request = InferenceRequest();

        ChatCompletions first = await LlmGuard.RunCachedAsync(request, async ct => (await client.CompleteAsync(request, ct)).Value);
        ChatCompletions second = await LlmGuard.RunCachedAsync(request, async ct => (await client.CompleteAsync(request, ct)).Value);

        Assert.Equal(1, server.Attempts);
        Assert.NotSame(first, second);
        Assert.Equal("bonjour", second.Content);
        Assert.Equal(first.Content, second.Content);
        Assert.Equal(CompletionsFinishReason.Stopped, second.FinishReason);
        Assert.Equal(first.Model, second.Model);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Created, second.Created);
        Assert.Equal(13, second.Usage.PromptTokens);
        Assert.Equal(first.Usage.CompletionTokens, second.Usage.CompletionTokens);
        Assert.Equal(first.Usage.TotalTokens, second.Usage.TotalTokens);
    }

    [Fact]
    public async Task AzureInference_EmbeddingsResult_value_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(InferenceEmbeddingsJson));
        var client = new EmbeddingsClient(new Uri(server.Url), new AzureKeyCredential("test"), InferenceOptions());
        var request = new EmbeddingsOptions(["text"]) { Model = "embed-v3" };

        EmbeddingsResult first = await LlmGuard.RunCachedAsync(request, async ct => (await client.EmbedAsync(request, ct)).Value);
        EmbeddingsResult second = await LlmGuard.RunCachedAsync(request, async ct => (await client.EmbedAsync(request, ct)).Value);

        Assert.Equal(1, server.Attempts);
        Assert.Equal(new[] { 0.5f, 0.25f }, second.Data[0].Embedding.ToObjectFromJson<float[]>());
        Assert.Equal(first.Data[0].Embedding.ToString(), second.Data[0].Embedding.ToString());
        Assert.Equal(first.Model, second.Model);
        Assert.Equal(4, second.Usage.PromptTokens);
        Assert.Equal(first.Usage.TotalTokens, second.Usage.TotalTokens);
    }

    [Fact]
    public async Task AzureCore_Response_of_T_is_refused_before_the_call_with_the_Value_pattern()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(InferenceChatJson));
        var client = new ChatCompletionsClient(new Uri(server.Url), new AzureKeyCredential("test"), InferenceOptions());
        ChatCompletionsOptions request = InferenceRequest();

        var error = await Assert.ThrowsAsync<LlmCacheSerializationException>(() => LlmGuard.RunCachedAsync(request, ct => client.CompleteAsync(request, ct)));

        Assert.Equal(0, server.Attempts);
        Assert.Equal(typeof(Response<ChatCompletions>), error.ResultType);
        Assert.Contains("Azure.Response`1[Azure.AI.Inference.ChatCompletions]", error.Message);
        Assert.Contains("(await client.CompleteAsync(options, ct)).Value", error.Message);
    }

    [Fact]
    public async Task SemanticKernel_FunctionResult_is_refused_before_the_call_and_its_ChatMessageContent_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 6, 2)));
        Kernel kernel = Kernel.CreateBuilder()
            .AddOpenAIChatCompletion("gpt-4o-mini", new OpenAIClient(new ApiKeyCredential("test"), Clients.OpenAIOptions(server)))
            .Build();

        var error = await Assert.ThrowsAsync<LlmCacheSerializationException>(() =>
            LlmGuard.RunCachedAsync("Hello", ct => kernel.InvokePromptAsync("Hello", cancellationToken: ct)));
        Assert.Equal(0, server.Attempts);
        Assert.Contains("GetValue<ChatMessageContent>()", error.Message);

        Microsoft.SemanticKernel.ChatMessageContent first = await LlmGuard.RunCachedAsync("Hello", async ct => (await kernel.InvokePromptAsync("Hello", cancellationToken: ct)).GetValue<Microsoft.SemanticKernel.ChatMessageContent>()!);
        Microsoft.SemanticKernel.ChatMessageContent second = await LlmGuard.RunCachedAsync("Hello", async ct => (await kernel.InvokePromptAsync("Hello", cancellationToken: ct)).GetValue<Microsoft.SemanticKernel.ChatMessageContent>()!);

        Assert.Equal(1, server.Attempts);
        Assert.Equal("priced", second.Content);
        Assert.Equal(first.Content, second.Content);
        Assert.Equal(first.ModelId, second.ModelId);
        var usage = Assert.IsType<System.Text.Json.JsonElement>(second.Metadata!["Usage"]);
        Assert.Equal(6, usage.GetProperty("inputTokenCount").GetInt32());
        Assert.Equal(2, usage.GetProperty("outputTokenCount").GetInt32());
    }

    [Fact]
    public async Task Agents_AgentResponse_of_a_ChatClientAgent_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.ChatCompletion("gpt-4o-mini", 9, 2)));
        AIAgent agent = new ChatClientAgent(Clients.Chat(server).AsIChatClient(), instructions: "Be brief.", name: "helper");
        object request = new object[] { "Be brief.", "hi" };

        AgentResponse first = await LlmGuard.RunCachedAsync(request, ct => agent.RunAsync("hi", cancellationToken: ct));
        AgentResponse second = await LlmGuard.RunCachedAsync(request, ct => agent.RunAsync("hi", cancellationToken: ct));

        Assert.Equal(1, server.Attempts);
        Assert.NotSame(first, second);
        Assert.Equal("priced", second.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal(first.AgentId, second.AgentId);
        Assert.Equal(first.FinishReason, second.FinishReason);
        Assert.Equal(first.Messages.Count, second.Messages.Count);
        Assert.Equal(Microsoft.Extensions.AI.ChatRole.Assistant, second.Messages[0].Role);
        Assert.Equal(9, second.Usage?.InputTokenCount);
        Assert.Equal(first.Usage?.InputTokenCount, second.Usage?.InputTokenCount);
        Assert.Equal(first.Usage?.OutputTokenCount, second.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Anthropic_BetaMessage_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(UsageResponses.AnthropicMessage("claude-haiku-4-5", 20, 5, cacheRead: 10)));
        var client = Clients.Anthropic(server);
        var request = new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 16, Messages = [new BetaUserMessageParam("hi")] };

        BetaMessage first = await LlmGuard.RunCachedAsync(request, ct => client.Beta.Messages.Create(request, ct));
        BetaMessage second = await LlmGuard.RunCachedAsync(request, ct => client.Beta.Messages.Create(request, ct));

        Assert.Equal(1, server.Attempts);
        Assert.True(second.Content[0].TryPickText(out var text));
        Assert.Equal("hi", text!.Text);
        Assert.Equal(first.ID, second.ID);
        Assert.Equal(first.Model.Raw(), second.Model.Raw());
        Assert.Equal(first.StopReason?.Raw(), second.StopReason?.Raw());
        Assert.Equal(20, second.Usage.InputTokens);
        Assert.Equal(first.Usage.OutputTokens, second.Usage.OutputTokens);
        Assert.Equal(10, second.Usage.CacheReadInputTokens);
    }

    [Fact]
    public async Task MEAI_ImageGenerationResponse_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ImagesJson));
        IImageGenerator generator = new ImageClient("gpt-image-1", new ApiKeyCredential("test"), Clients.OpenAIOptions(server)).AsIImageGenerator();

        ImageGenerationResponse first = await LlmGuard.RunCachedAsync("a red square", ct => generator.GenerateImagesAsync("a red square", cancellationToken: ct));
        ImageGenerationResponse second = await LlmGuard.RunCachedAsync("a red square", ct => generator.GenerateImagesAsync("a red square", cancellationToken: ct));

        Assert.Equal(1, server.Attempts);
        var image = Assert.IsType<DataContent>(Assert.Single(second.Contents));
        var original = Assert.IsType<DataContent>(Assert.Single(first.Contents));
        Assert.Equal(original.Data.ToArray(), image.Data.ToArray());
        Assert.Equal(original.MediaType, image.MediaType);
        Assert.Equal(10, second.Usage?.InputTokenCount);
        Assert.Equal(first.Usage?.OutputTokenCount, second.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Ollama_GenerateDoneResponseStream_of_a_collected_generate_call_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(OllamaGenerateJson));
        var client = new OllamaApiClient(new Uri(server.Url), "llama3.2");
        var request = new GenerateRequest { Model = "llama3.2", Prompt = "hello?", Stream = false };

        GenerateDoneResponseStream? first = await LlmGuard.RunCachedAsync(request, ct => client.GenerateAsync(request, ct).StreamToEndAsync());
        GenerateDoneResponseStream? second = await LlmGuard.RunCachedAsync(request, ct => client.GenerateAsync(request, ct).StreamToEndAsync());

        Assert.Equal(1, server.Attempts);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal("why hello", second.Response);
        Assert.Equal(first.Response, second.Response);
        Assert.Equal("stop", second.DoneReason);
        Assert.Equal(6, second.PromptEvalCount);
        Assert.Equal(first.EvalCount, second.EvalCount);
        Assert.Equal(first.Model, second.Model);
    }

    [Fact]
    public async Task OpenAI_GeneratedImageCollection_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ImagesJson));
        var client = new ImageClient("gpt-image-1", new ApiKeyCredential("test"), Clients.OpenAIOptions(server));
        object request = new object[] { "gpt-image-1", "a red square", 1 };

        ClientResult<GeneratedImageCollection> first = await LlmGuard.RunCachedAsync(request, ct => client.GenerateImagesAsync("a red square", 1, null, ct));
        ClientResult<GeneratedImageCollection> second = await LlmGuard.RunCachedAsync(request, ct => client.GenerateImagesAsync("a red square", 1, null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.NotSame(first.Value, second.Value);
        Assert.Equal(first.Value[0].ImageBytes.ToArray(), second.Value[0].ImageBytes.ToArray());
        Assert.Equal(first.Value.CreatedAt, second.Value.CreatedAt);
        Assert.Equal(20, second.Value.Usage.OutputTokenCount);
        Assert.Equal(first.Value.Usage.InputTokenCount, second.Value.Usage.InputTokenCount);
        Assert.Equal(200, second.GetRawResponse().Status);
    }

    [Fact]
    public async Task OpenAI_AudioTranscription_round_trips()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(TranscriptionJson));
        var client = new AudioClient("gpt-4o-transcribe", new ApiKeyCredential("test"), Clients.OpenAIOptions(server));
        byte[] audio = [1, 2, 3, 4];
        object request = new object[] { "gpt-4o-transcribe", Convert.ToBase64String(audio) };

        ClientResult<AudioTranscription> first = await LlmGuard.RunCachedAsync(request, ct => client.TranscribeAudioAsync(new MemoryStream(audio), "a.wav", null, ct));
        ClientResult<AudioTranscription> second = await LlmGuard.RunCachedAsync(request, ct => client.TranscribeAudioAsync(new MemoryStream(audio), "a.wav", null, ct));

        Assert.Equal(1, server.Attempts);
        Assert.Equal("hello there", second.Value.Text);
        Assert.Equal(first.Value.Text, second.Value.Text);
        Assert.Equal(first.Value.Language, second.Value.Language);
        Assert.Equal(first.Value.Duration, second.Value.Duration);
        Assert.Equal(TranscriptionJson, second.GetRawResponse().Content.ToString());
    }

    [Fact]
    public async Task OpenAI_AudioTranscription_value_alone_fails_loudly_and_is_not_stored()
    {
        // The SDK cannot write a transcription without a duration back; only its ClientResult keeps the response's bytes.
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(TranscriptionJson), Json(TranscriptionJson));
        var client = new AudioClient("gpt-4o-transcribe", new ApiKeyCredential("test"), Clients.OpenAIOptions(server));
        byte[] audio = [1, 2, 3, 4];

        for (int i = 1; i <= 2; i++)
        {
            var error = await Assert.ThrowsAsync<LlmCacheSerializationException>(() =>
                LlmGuard.RunCachedAsync("a.wav", async ct => (await client.TranscribeAudioAsync(new MemoryStream(audio), "a.wav", null, ct)).Value));
            Assert.Equal(typeof(AudioTranscription), error.ResultType);
            Assert.Equal(i, server.Attempts);
        }
    }
}
