using System.ClientModel;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests.Tokens;

/// <summary>The pre-call budget check (checklist item 13): token and cost limits, priced with the real built-in table.</summary>
public sealed class PromptEstimateTests
{
    // 66 tokens in both OpenAI vocabularies (see TokenCounterTests).
    private const string Paris = "Paris is the capital and largest city of France. With an estimated population of 2,102,650 residents in January 2023 in an area of more than 105 km2, Paris is the fourth-most populous city in the European Union and the 30th most densely populated city in the world in 2022.";

    private static readonly LlmPromptMessage[] Chat =
    [
        new(LlmPromptRole.System, "You are a helpful assistant."),
        new(LlmPromptRole.User, "What is the capital of France?"),
    ];

    [Fact]
    public void APromptOverTheTokenLimitIsRefusedWithHowMuchAndWhatToChange()
    {
        FastPolicy.Configure();
        var estimate = LlmPromptEstimate.For(Chat, "gpt-4o-mini");

        var error = Assert.Throws<LlmPromptTooLargeException>(() => estimate.Check(maxInputTokens: 20));

        Assert.Equal(24, error.InputTokens.Tokens);
        Assert.True(error.InputTokens.IsExact);
        Assert.Equal(4, error.TokensOver);
        Assert.Equal(0m, error.CostOver);
        Assert.Contains("24 input tokens (exact, o200k_base) are 4 over maxInputTokens (20)", error.Message);
        Assert.Contains("shorten the prompt", error.Message);
        Assert.Same(estimate, estimate.Check(maxInputTokens: 24));
    }

    [Fact]
    public void APromptOverTheCostLimitIsRefusedAtTheModelsListPrice()
    {
        FastPolicy.Configure();

        // gpt-4o-mini: 0.15 USD per million input tokens, 0.60 per million output tokens (built-in table).
        // 66 x 0.15 + 1,000 x 0.60 = 609.9 micro-dollars.
        var estimate = LlmPromptEstimate.For(Paris, "gpt-4o-mini", maxOutputTokens: 1_000);
        Assert.Equal(0.0006099m, estimate.EstimatedCost);

        bool ok = estimate.TryCheck(maxInputTokens: null, maxCost: 0.0005m, out LlmPromptTooLargeException? refused);

        Assert.False(ok);
        Assert.NotNull(refused);
        Assert.Equal(0.0001099m, refused!.CostOver);
        Assert.Contains("estimated cost of 0.00061 USD (66 input tokens at 0.15 and 1,000 output tokens at 0.6 USD per million) is 0.00011 USD over maxCost (0.0005 USD)", refused.Message);
        Assert.Contains("lower the output bound", refused.Message);
        Assert.True(estimate.TryCheck(null, 0.001m, out refused));
        Assert.Null(refused);
    }

    [Fact]
    public void BothLimitsAreReportedInOneMessage()
    {
        FastPolicy.Configure();
        var estimate = LlmPromptEstimate.For(Paris, "claude-sonnet-4-5", maxOutputTokens: 100);

        var error = Assert.Throws<LlmPromptTooLargeException>(() => estimate.Check(maxInputTokens: 50, maxCost: 0.0001m));

        // 66 x 1.2 = 79.2 -> 80 estimated tokens; 80 x 3 + 100 x 15 = 1,740 micro-dollars.
        Assert.Equal(80, error.InputTokens.Tokens);
        Assert.False(error.InputTokens.IsExact);
        Assert.Equal(0.00174m, error.EstimatedCost);
        Assert.Contains("(estimate, o200k_base x 1.20 (anthropic estimate))", error.Message);
        Assert.Contains("; and its estimated cost", error.Message);
    }

    [Fact]
    public void ACostLimitOnAModelWithoutAPriceIsAConfigurationError()
    {
        FastPolicy.Configure();
        var estimate = LlmPromptEstimate.For(Paris, "my-finetune");

        Assert.Null(estimate.EstimatedCost);
        var error = Assert.Throws<LlmGuardConfigurationException>(() => estimate.Check(maxCost: 1m));
        Assert.Contains("Prices.Set(\"my-finetune\"", error.Message);

        // The token limit alone can still be checked.
        Assert.Same(estimate, estimate.Check(maxInputTokens: 1_000));
    }

    [Fact]
    public void PricesComeFromTheConfigurationInForceUnlessGiven()
    {
        // An unknown model's estimate: 66 x 1.2 -> 80 tokens.
        LlmGuard.Configure(o => o.Prices.Set("my-finetune", input: 1m, cachedInput: null, output: 2m));
        Assert.Equal(0.00008m, LlmPromptEstimate.For(Paris, "my-finetune").EstimatedCost);

        var own = LlmPriceTable.CreateEmpty().Set("my-finetune", input: 10m, cachedInput: null, output: 0m);
        Assert.Equal(0.0008m, LlmPromptEstimate.For(Paris, "my-finetune", prices: own).EstimatedCost);
    }

    [Fact]
    public void BadLimitsGetClearArgumentErrors()
    {
        var estimate = LlmPromptEstimate.For("hi", "gpt-4o");
        Assert.Throws<ArgumentOutOfRangeException>(() => estimate.Check(maxInputTokens: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => estimate.Check(maxCost: -0.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => LlmPromptEstimate.For("hi", "gpt-4o", maxOutputTokens: -5));
        Assert.Throws<ArgumentNullException>(() => LlmPromptEstimate.For((string)null!, "gpt-4o"));
    }

    [Fact]
    public void TheCallContextCarriesTheCountsToTheGuard()
    {
        var context = LlmPromptEstimate.For(Chat, "gpt-4o-mini", maxOutputTokens: 200).ToCallContext("faq", "3");

        Assert.Equal("gpt-4o-mini", context.Model);
        Assert.Equal(24, context.EstimatedInputTokens);
        Assert.Equal(200, context.MaxOutputTokens);
        Assert.Equal("faq", context.PromptId);
        Assert.Equal("3", context.PromptVersion);
    }

    [Fact]
    public async Task ThePoliciesBudgetUsesTheExactCountInsteadOfCharactersOverFour()
    {
        FastPolicy.Configure(p => p.Budget = new LlmBudget(0.0005m, TimeSpan.FromDays(1)));
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 10, 1)));
        var client = Clients.Chat(server);

        // 2,997 Japanese characters: characters / 4 says 750 tokens; o200k counts more than twice as many.
        string japanese = string.Concat(Enumerable.Repeat("お誕生日おめでとう", 333));
        var estimate = LlmPromptEstimate.For(japanese, "gpt-4o-mini", maxOutputTokens: 500);
        Assert.True(estimate.InputTokens.Tokens > japanese.Length / 4 * 2, $"o200k counted {estimate.InputTokens}");

        // With the characters-over-four estimate the call would pass (750 x 0.15 + 500 x 0.6 = 412.5 micro-dollars);
        // with the real count it is over the 500 micro-dollar budget and is blocked before any request.
        using (estimate.BeginScope(promptId: "greetings"))
        {
            var blocked = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct)));
            Assert.Equal(estimate.EstimatedCost, blocked.Estimate);
        }

        using (LlmGuard.BeginScope(new LlmCallContext { Model = "gpt-4o-mini", InputCharacters = japanese.Length, MaxOutputTokens = 500 }))
        {
            ClientResult<ChatCompletion> passed = await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
            Assert.Equal("priced", passed.Value.Content[0].Text);
        }

        Assert.Equal(1, server.Attempts);
    }
}
