using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace LlmPreflight.Runtime.Tests.Caching;

/// <summary>
/// The cache key is a SHA-256 over a canonical serialization: the same request gives the same key however it was built,
/// and every field that changes the answer changes the key.
/// </summary>
public sealed class CacheKeyTests
{
    private static object OpenAIRequest(string text = "What is 2+2?", float temperature = 0.2f, int maxTokens = 64, string model = "gpt-4o-mini")
        => new object[]
        {
            model,
            new OpenAIChatMessage[] { new SystemChatMessage("Answer briefly."), new UserChatMessage(text) },
            new ChatCompletionOptions { Temperature = temperature, MaxOutputTokenCount = maxTokens },
        };

    private static object MeaiRequest(string text = "What is 2+2?", float temperature = 0.2f, ChatRole? role = null, IList<AITool>? tools = null)
        => new object[]
        {
            new List<AIChatMessage> { new(ChatRole.System, "Answer briefly."), new(role ?? ChatRole.User, text) },
            new ChatOptions { Temperature = temperature, ModelId = "gpt-4o-mini", Tools = tools },
        };

    private static string Key(object request, string policy = "default", string? promptId = "faq", string? version = "3", string? model = "gpt-4o-mini")
        => LlmCacheKey.Create<ChatCompletion>(policy, request, promptId, version, model).Value;

    [Fact]
    public void The_same_request_built_twice_gives_the_same_key()
    {
        Assert.Equal(Key(OpenAIRequest()), Key(OpenAIRequest()));
        Assert.Equal(Key(MeaiRequest()), Key(MeaiRequest()));
        Assert.Matches("^[0-9a-f]{64}$", Key(OpenAIRequest()));
    }

    [Fact]
    public void A_fixed_request_has_a_fixed_key_so_a_change_of_scheme_is_noticed()
    {
        // Recorded once; if this changes, entries written by earlier versions are no longer found (bump the scheme).
        Assert.Equal("7fac464ec6096367703343d5b55c8b0a1d95ad3e743785a2488e199eb3e12ba8", Key(OpenAIRequest()));
        Assert.Equal("f70b642eddb138e65ff95cde37da930a2084149084ee639906ccd138ad1b796f", LlmCacheKey.Create<string>("default", "hello").Value);
    }

    [Fact]
    public void Every_field_that_changes_the_answer_changes_the_key()
    {
        string baseline = Key(OpenAIRequest());
        var variants = new Dictionary<string, string>
        {
            ["policy"] = Key(OpenAIRequest(), policy: "cheap"),
            ["prompt id"] = Key(OpenAIRequest(), promptId: "other"),
            ["prompt version"] = Key(OpenAIRequest(), version: "4"),
            ["no prompt version"] = Key(OpenAIRequest(), version: null),
            ["model (explicit)"] = Key(OpenAIRequest(), model: "gpt-4o"),
            ["model (in the request)"] = Key(OpenAIRequest(model: "gpt-4o")),
            ["message text"] = Key(OpenAIRequest(text: "What is 2+3?")),
            ["temperature"] = Key(OpenAIRequest(temperature: 0.3f)),
            ["max tokens"] = Key(OpenAIRequest(maxTokens: 65)),
            ["result type"] = LlmCacheKey.Create<string>("default", OpenAIRequest(), "faq", "3", "gpt-4o-mini").Value,
        };

        Assert.All(variants, v => Assert.NotEqual(baseline, v.Value));
        Assert.Equal(variants.Count, variants.Values.Distinct().Count());

        string meai = Key(MeaiRequest());
        Assert.NotEqual(meai, Key(MeaiRequest(text: "What is 2+3?")));
        Assert.NotEqual(meai, Key(MeaiRequest(temperature: 0.9f)));
        Assert.NotEqual(meai, Key(MeaiRequest(role: ChatRole.Assistant)));
    }

    [Fact]
    public void Tools_are_part_of_the_key_although_ChatOptions_does_not_serialize_them()
    {
        AIFunction weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "The weather in a city.");
        AIFunction time = AIFunctionFactory.Create((string city) => "noon", "get_time", "The time in a city.");

        string none = Key(MeaiRequest());
        string withWeather = Key(MeaiRequest(tools: [weather]));

        Assert.NotEqual(none, withWeather);
        Assert.NotEqual(withWeather, Key(MeaiRequest(tools: [time])));
        Assert.Equal(withWeather, Key(MeaiRequest(tools: [AIFunctionFactory.Create((string city) => "rain", "get_weather", "The weather in a city.")])));
    }

    [Fact]
    public void Strings_and_sequences_cannot_be_confused()
    {
        Assert.NotEqual(LlmCacheKey.Create<string>("p", "ab").Value, LlmCacheKey.Create<string>("p", new[] { "a", "b" }).Value);
        Assert.NotEqual(LlmCacheKey.Create<string>("p", new[] { "a;b" }).Value, LlmCacheKey.Create<string>("p", new[] { "a", "b" }).Value);
        Assert.NotEqual(LlmCacheKey.Create<string>("p", null).Value, LlmCacheKey.Create<string>("p", "").Value);
        Assert.NotEqual(LlmCacheKey.Create<string>("p", "x", promptId: "a", promptVersion: "b").Value, LlmCacheKey.Create<string>("p", "x", promptId: "a\nprompt.version=1:b").Value);
    }

    [Fact]
    public void A_tuple_is_refused_because_it_serializes_to_an_empty_object()
    {
        var error = Assert.Throws<ArgumentException>(() => LlmCacheKey.Create<string>("default", ("hello", 0.2)));

        Assert.Contains("ValueTuple", error.Message);
        Assert.Contains("new object[] { messages, options }", error.Message);
    }

    [Fact]
    public async Task Reusing_the_options_object_after_a_call_still_finds_the_entry()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);
        var options = new ChatCompletionOptions { Temperature = 0.2f };

        await LlmGuard.RunCachedAsync(new object[] { client.Model, Clients.Messages, options }, ct => client.CompleteChatAsync(Clients.Messages, options, ct));
        await LlmGuard.RunCachedAsync(new object[] { client.Model, Clients.Messages, options }, ct => client.CompleteChatAsync(Clients.Messages, options, ct));

        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task The_scope_supplies_prompt_id_version_and_model()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        using (LlmGuard.BeginScope(new LlmCallContext { PromptId = "faq", PromptVersion = "1", Model = "gpt-4o-mini" }))
        {
            await LlmGuard.RunCachedAsync(Clients.Messages, ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        }

        using (LlmGuard.BeginScope(new LlmCallContext { PromptId = "faq", PromptVersion = "2", Model = "gpt-4o-mini" }))
        {
            await LlmGuard.RunCachedAsync(Clients.Messages, ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            await LlmGuard.RunCachedAsync(Clients.Messages, ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        }

        Assert.Equal(2, server.Attempts);
    }
}
