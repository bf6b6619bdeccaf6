using Anthropic.Models.Messages;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests;

/// <summary>Usage read from real SDK results, priced from the built-in table and summed per policy, model and prompt.</summary>
public sealed class CostTrackingTests
{
    // gpt-4o-mini: 0.15 input, 0.075 cached input, 0.60 output per million tokens (built-in table).
    private const decimal MiniCost = ((1000 * 0.15m) + (200 * 0.075m) + (300 * 0.60m)) / 1_000_000m;

    private static LlmCostLine Single() => Assert.Single(LlmGuard.Costs.Snapshot());

    [Fact]
    public async Task OpenAIChatUsageIsPricedAndAttributedToThePromptInScope()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini-2024-07-18", input: 1200, output: 300, cached: 200)));
        var client = Clients.Chat(server);

        using (LlmGuard.BeginScope(promptId: "faq", version: "3"))
        {
            await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, new ChatCompletionOptions(), ct));
        }

        LlmCostLine line = Single();
        Assert.Equal(("default", "gpt-4o-mini-2024-07-18", "faq"), (line.PolicyName, line.Model, line.PromptId));
        Assert.Equal((1L, 0L, 1200L, 200L, 300L), (line.Calls, line.UnpricedCalls, line.InputTokens, line.CachedInputTokens, line.OutputTokens));
        Assert.Equal(MiniCost, line.Cost);
        Assert.Equal(0.000345m, line.Cost);
    }

    [Fact]
    public async Task ServerErrorThenSuccessBillsOnlyTheSuccessfulAttempt()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(500), Json(ChatCompletion("gpt-4o-mini", 1200, 300, 200)));
        var client = Clients.Chat(server);

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        Assert.Equal(2, server.Attempts);
        LlmCostLine line = Single();
        Assert.Equal(1, line.Calls);
        Assert.Equal(MiniCost, line.Cost);
    }

    [Fact]
    public async Task OpenAIStreamRecordsTheFinalUsageOnce()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), ChatStreamWithUsage("gpt-4o-mini", 40, 7, "Hel", "lo"));
        var client = Clients.Chat(server);
        var text = new List<string>();

        await foreach (var update in LlmGuard.StreamAsync(ct => client.CompleteChatStreamingAsync(Clients.Messages, null, ct)))
        {
            text.AddRange(update.ContentUpdate.Select(part => part.Text));
        }

        Assert.Equal(["Hel", "lo"], text);
        Assert.Equal(2, server.Attempts);
        LlmCostLine line = Single();
        Assert.Equal((1L, 40L, 7L), (line.Calls, line.InputTokens, line.OutputTokens));
        Assert.Equal(((40 * 0.15m) + (7 * 0.60m)) / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task MicrosoftExtensionsAIChatResponseUsageIsRecordedWithTheProviderUnderneath()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1200, 300, 200)));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        ChatResponse response = await LlmGuard.RunAsync(ct => chat.GetResponseAsync("hi", cancellationToken: ct));

        Assert.Equal(1200, response.Usage!.InputTokenCount);
        LlmCostLine line = Single();
        Assert.Equal((1200L, 200L, 300L), (line.InputTokens, line.CachedInputTokens, line.OutputTokens));
        Assert.Equal(MiniCost, line.Cost);
        Assert.True(LlmUsageReaders.TryRead(response, out LlmUsage usage));
        Assert.Equal("openai", usage.Provider);
    }

    [Fact]
    public async Task StreamCutAfterItsFirstItemIsBilledOnceWithUnknownCost()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStream(["Hel"], StreamEnd.Reset), ChatStream(["again"]));
        var client = Clients.Chat(server);

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in LlmGuard.StreamAsync(ct => client.CompleteChatStreamingAsync(Clients.Messages, null, ct)))
            {
            }
        });

        // The provider produced (and bills) output, but the usage chunk never arrived: recorded, not guessed.
        Assert.Equal(1, server.Attempts);
        LlmCostLine line = Single();
        Assert.Equal((1L, 1L, 0m), (line.Calls, line.UnpricedCalls, line.Cost));
    }

    [Fact]
    public async Task MicrosoftExtensionsAIStreamRecordsTheUsageContentOnce()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStreamWithUsage("gpt-4o-mini", 40, 7, "Hel", "lo"));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in LlmGuard.StreamAsync(ct => chat.GetStreamingResponseAsync("hi", cancellationToken: ct)))
        {
            updates.Add(update);
        }

        Assert.Single(updates, u => u.Contents.OfType<UsageContent>().Any());
        LlmCostLine line = Single();
        Assert.Equal((1L, 40L, 7L), (line.Calls, line.InputTokens, line.OutputTokens));
    }

    [Fact]
    public async Task AnthropicMessageUsageCountsCacheReadsAsCachedInput()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(AnthropicMessage("claude-haiku-4-5-20251001", input: 3, output: 1, cacheRead: 10)));
        var client = Clients.Anthropic(server);
        var request = new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 16, Messages = [new UserMessageParam("hi")] };

        await LlmGuard.RunAsync(ct => client.Messages.Create(request, ct));

        LlmCostLine line = Single();
        Assert.Equal("claude-haiku-4-5-20251001", line.Model);
        Assert.Equal((13L, 10L, 1L), (line.InputTokens, line.CachedInputTokens, line.OutputTokens));
        // claude-haiku-4-5: 1.00 input, 0.10 cache read, 5.00 output per million.
        Assert.Equal(((3 * 1.00m) + (10 * 0.10m) + (1 * 5.00m)) / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task AnthropicStreamTakesInputFromTheStartAndOutputFromTheLastDelta()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(AnthropicStreamWithUsage("claude-haiku-4-5", input: 25, output: 9));
        var client = Clients.Anthropic(server);
        var request = new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 16, Messages = [new UserMessageParam("hi")] };
        int events = 0;

        await foreach (var _ in LlmGuard.StreamAsync(ct => client.Messages.CreateStreaming(request, ct)))
        {
            events++;
        }

        Assert.Equal(6, events);
        LlmCostLine line = Single();
        Assert.Equal(("claude-haiku-4-5", 1L, 25L, 9L), (line.Model, line.Calls, line.InputTokens, line.OutputTokens));
        Assert.Equal(((25 * 1.00m) + (9 * 5.00m)) / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task EmbeddingsAreRecordedUnderTheirModel()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(Embeddings("text-embedding-3-small", 5000)));
        var client = Clients.Embeddings(server);

        await LlmGuard.RunAsync(ct => client.GenerateEmbeddingsAsync(["a"], null, ct));

        LlmCostLine line = Single();
        Assert.Equal(("text-embedding-3-small", 5000L, 0L), (line.Model, line.InputTokens, line.OutputTokens));
        Assert.Equal(5000 * 0.02m / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task MicrosoftExtensionsAIGeneratedEmbeddingsArePricedAtTheScopeModel()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(Embeddings("text-embedding-3-small", 5000)));
        IEmbeddingGenerator<string, Embedding<float>> generator = Clients.Embeddings(server).AsIEmbeddingGenerator();

        // GeneratedEmbeddings<T> carries usage but names no model: the scope's requested model prices it.
        using (LlmGuard.BeginScope(new LlmCallContext { Model = "text-embedding-3-small", PromptId = "index" }))
        {
            await LlmGuard.RunAsync(ct => generator.GenerateAsync(["a"], cancellationToken: ct));
        }

        LlmCostLine line = Single();
        Assert.Equal(("text-embedding-3-small", "index", 5000L), (line.Model, line.PromptId, line.InputTokens));
        Assert.Equal(5000 * 0.02m / 1_000_000m, line.Cost);
    }

    [Fact]
    public async Task UnknownModelIsRecordedAsUnpricedUntilAPriceIsSet()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Json(ChatCompletion("my-finetune", 100, 10)));
        var client = Clients.Chat(server);

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        LlmCostLine unpriced = Single();
        Assert.Equal((1L, 1L, 0m, 100L), (unpriced.Calls, unpriced.UnpricedCalls, unpriced.Cost, unpriced.InputTokens));

        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.Prices.Set("my-finetune", input: 2.00m, cachedInput: null, output: 10.00m);
        });
        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        LlmCostLine priced = Single();
        Assert.Equal((1L, 0L), (priced.Calls, priced.UnpricedCalls));
        Assert.Equal(((100 * 2.00m) + (10 * 10.00m)) / 1_000_000m, priced.Cost);
    }

    [Fact]
    public async Task CostsAreSummedPerPolicyAndPrompt()
    {
        var tracker = new LlmCostTracker();
        LlmGuard.Configure(o =>
        {
            o.CostTracker = tracker;
            FastPolicy.Apply(o.DefaultPolicy);
            o.AddPolicy("cheap", FastPolicy.Apply);
        });
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1200, 300, 200)));
        var client = Clients.Chat(server);

        using (LlmGuard.BeginScope("a"))
        {
            await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            await LlmGuard.RunAsync("cheap", ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            using (LlmGuard.BeginScope("b"))
            {
                await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            }

            await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        }

        Assert.Same(tracker, LlmGuard.Costs);
        var lines = LlmGuard.Costs.Snapshot().Select(l => (l.PolicyName, l.PromptId, l.Calls, l.Cost)).ToList();
        Assert.Equal(
            [("cheap", "a", 1L, MiniCost), ("default", "a", 2L, 2 * MiniCost), ("default", "b", 1L, MiniCost)],
            lines);
        Assert.Equal(4 * MiniCost, tracker.TotalCost);
    }

    [Fact]
    public void BuiltInPriceTableHasAnAsOfDateASourceAndTheCommonModels()
    {
        LlmPriceTable prices = LlmPriceTable.CreateDefault();

        Assert.NotNull(prices.AsOf);
        Assert.Contains("Not fetched", prices.Source);
        foreach (string model in new[] { "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3", "o4-mini", "text-embedding-3-small", "text-embedding-3-large", "claude-sonnet-4", "claude-haiku-4-5", "claude-opus-4" })
        {
            Assert.True(prices.TryGet(model, out _), model);
        }

        Assert.True(prices.TryGet("claude-sonnet-4-20250514", out LlmPrice sonnet));
        Assert.Equal(3.00m, sonnet.Input);
        Assert.False(prices.TryGet("gpt-4o-mini-tts", out _));
    }

    [Fact]
    public void RegisteredReaderTakesPrecedence()
    {
        LlmUsageReaders.Register<CustomResult>(r => new LlmUsage(r.In, r.Out, model: "custom"));

        Assert.True(LlmUsageReaders.TryRead(new CustomResult(4, 2), out LlmUsage usage));
        Assert.Equal((4L, 2L, "custom"), (usage.InputTokens, usage.OutputTokens, usage.Model));
        Assert.False(LlmUsageReaders.TryRead("no usage here", out _));
    }

    private sealed record CustomResult(long In, long Out);
}
