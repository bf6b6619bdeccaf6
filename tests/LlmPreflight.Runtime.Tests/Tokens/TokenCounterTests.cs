using Microsoft.Extensions.AI;

namespace LlmPreflight.Runtime.Tests.Tokens;

/// <summary>
/// Exact counts with the real Microsoft.ML.Tokenizers vocabularies. The expected numbers are tiktoken's: the ones the
/// OpenAI cookbook prints ("tiktoken is great!", "お誕生日おめでとう", "antidisestablishmentarianism") and the rest
/// cross-checked with js-tiktoken, an independent implementation of the same vocabularies.
/// </summary>
public sealed class TokenCounterTests
{
    private static readonly LlmTokenCounter O200k = LlmTokenCounter.ForEncoding(LlmTokenEncoding.O200kBase);
    private static readonly LlmTokenCounter Cl100k = LlmTokenCounter.ForEncoding(LlmTokenEncoding.Cl100kBase);

    [Theory]
    [InlineData("hello world", 2, 2)]
    [InlineData("tiktoken is great!", 6, 6)]
    [InlineData("antidisestablishmentarianism", 6, 6)]
    [InlineData("お誕生日おめでとう", 8, 9)]
    [InlineData("日本語のテキスト", 6, 8)]
    [InlineData("Привет, мир!", 5, 7)]
    [InlineData("The quick brown fox jumps over the lazy dog.", 10, 10)]
    [InlineData("Paris is the capital and largest city of France. With an estimated population of 2,102,650 residents in January 2023 in an area of more than 105 km2, Paris is the fourth-most populous city in the European Union and the 30th most densely populated city in the world in 2022.", 66, 66)]
    [InlineData("", 0, 0)]
    public void CountsMatchTiktoken(string text, int o200k, int cl100k)
    {
        LlmTokenCount a = O200k.CountTokens(text);
        LlmTokenCount b = Cl100k.CountTokens(text);

        Assert.Equal(o200k, a.Tokens);
        Assert.Equal(cl100k, b.Tokens);
        Assert.True(a.IsExact);
        Assert.Equal("o200k_base", a.Method);
        Assert.Equal("cl100k_base", b.Method);
    }

    [Theory]
    [InlineData("gpt-4o", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-4o-mini-2024-07-18", LlmTokenEncoding.O200kBase)]
    [InlineData("GPT-4O-MINI", LlmTokenEncoding.O200kBase)]
    [InlineData("chatgpt-4o-latest", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-4.1-nano", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-4.5-preview", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-5", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-5.1", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-5-mini", LlmTokenEncoding.O200kBase)]
    [InlineData("o1", LlmTokenEncoding.O200kBase)]
    [InlineData("o3-mini", LlmTokenEncoding.O200kBase)]
    [InlineData("o4-mini-2025-04-16", LlmTokenEncoding.O200kBase)]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme::abc123", LlmTokenEncoding.O200kBase)]
    [InlineData("gpt-4", LlmTokenEncoding.Cl100kBase)]
    [InlineData("gpt-4-turbo", LlmTokenEncoding.Cl100kBase)]
    [InlineData("gpt-4-0613", LlmTokenEncoding.Cl100kBase)]
    [InlineData("gpt-3.5-turbo", LlmTokenEncoding.Cl100kBase)]
    [InlineData("gpt-35-turbo", LlmTokenEncoding.Cl100kBase)]
    [InlineData("text-embedding-3-small", LlmTokenEncoding.Cl100kBase)]
    [InlineData("text-embedding-3-large", LlmTokenEncoding.Cl100kBase)]
    [InlineData("text-embedding-ada-002", LlmTokenEncoding.Cl100kBase)]
    public void OpenAIModelsAreCountedExactlyWithTheirVocabulary(string model, LlmTokenEncoding encoding)
    {
        var counter = LlmTokenCounter.ForModel(model);

        Assert.Equal(encoding, counter.Encoding);
        Assert.True(counter.IsExact);
        Assert.Equal("openai", counter.Provider);
        Assert.Equal(1.0, counter.Factor);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", "anthropic", LlmTokenEncoding.O200kBase, 1.2)]
    [InlineData("claude-3-5-haiku-20241022", "anthropic", LlmTokenEncoding.O200kBase, 1.2)]
    [InlineData("gemini-2.5-flash", "gcp.gemini", LlmTokenEncoding.O200kBase, 1.15)]
    [InlineData("gemma3:4b", "gcp.gemini", LlmTokenEncoding.O200kBase, 1.15)]
    [InlineData("llama3.1:8b", "meta", LlmTokenEncoding.Cl100kBase, 1.0)]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct", "meta", LlmTokenEncoding.Cl100kBase, 1.0)]
    [InlineData("mistral-large", "unknown", LlmTokenEncoding.O200kBase, 1.2)]
    [InlineData("my-azure-deployment", "unknown", LlmTokenEncoding.O200kBase, 1.2)]
    [InlineData("gpt-4o-mini-transcribe", "openai", LlmTokenEncoding.O200kBase, 1.0)]
    public void OtherFamiliesGetAScaledEstimate(string model, string provider, LlmTokenEncoding encoding, double factor)
    {
        var counter = LlmTokenCounter.ForModel(model);

        Assert.Equal(provider, counter.Provider);
        Assert.Equal(encoding, counter.Encoding);
        Assert.Equal(factor, counter.Factor);
        Assert.Equal(provider == "openai", counter.IsExact);
    }

    [Fact]
    public void AnEstimateScalesTheVocabularyCountAndRoundsUp()
    {
        const string text = "Paris is the capital and largest city of France. With an estimated population of 2,102,650 residents in January 2023 in an area of more than 105 km2, Paris is the fourth-most populous city in the European Union and the 30th most densely populated city in the world in 2022.";

        LlmTokenCount claude = LlmTokenCounter.ForModel("claude-haiku-4-5").CountTokens(text);
        LlmTokenCount gemini = LlmTokenCounter.ForModel("gemini-2.5-pro").CountTokens(text);
        LlmTokenCount llama = LlmTokenCounter.ForModel("llama3.2").CountTokens("お誕生日おめでとう");

        Assert.Equal(80, claude.Tokens);   // 66 x 1.2 = 79.2, rounded up
        Assert.False(claude.IsExact);
        Assert.Equal("o200k_base x 1.20 (anthropic estimate)", claude.Method);
        Assert.Equal(76, gemini.Tokens);   // 66 x 1.15 = 75.9
        Assert.Equal(9, llama.Tokens);     // the cl100k count
        Assert.Equal("cl100k_base (meta estimate)", llama.Method);
        Assert.Equal("80 tokens (estimate, o200k_base x 1.20 (anthropic estimate))", claude.ToString());
    }

    [Fact]
    public void ChatPromptsAddTheCookbookFramingPerMessageNameAndReply()
    {
        var counter = LlmTokenCounter.ForModel("gpt-4o-mini");
        LlmPromptMessage[] messages =
        [
            new(LlmPromptRole.System, "You are a helpful assistant."),      // 3 + 1 + 6
            new(LlmPromptRole.User, "What is the capital of France?"),     // 3 + 1 + 7
        ];

        Assert.Equal(24, counter.CountChatTokens(messages).Tokens);  // + 3 reply priming
        Assert.Equal(3, counter.CountChatTokens(Array.Empty<LlmPromptMessage>()).Tokens);
    }

    [Fact]
    public void MicrosoftExtensionsAIMessagesCountTheSameAsPlainOnesAndANameCostsItsTokensPlusOne()
    {
        var counter = LlmTokenCounter.ForModel("gpt-4o");
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are a helpful assistant."),
            new(ChatRole.User, "What is the capital of France?") { AuthorName = "Ada" },
        ];

        LlmTokenCount count = counter.CountChatTokens(messages);

        Assert.Equal(26, count.Tokens);   // 24 as above, + "Ada" (1) + 1 for the name
        Assert.True(count.IsExact);
    }

    [Fact]
    public void FunctionCallsCountTheirNameAndJsonArguments()
    {
        var counter = LlmTokenCounter.ForModel("gpt-4o");
        var call = new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]);

        // 3 framing + "assistant" (1) + "get_weather" (2) + {"city":"Paris"} (5), then 3 reply priming.
        Assert.Equal(14, counter.CountChatTokens([call]).Tokens);
    }

    [Fact]
    public void BadInputGetsAClearArgumentError()
    {
        var empty = Assert.Throws<ArgumentException>(() => LlmTokenCounter.ForModel(" "));
        Assert.Contains("deployment", empty.Message);
        Assert.Throws<ArgumentNullException>(() => O200k.CountTokens(null!));
        Assert.Throws<ArgumentException>(() => O200k.CountChatTokens(new LlmPromptMessage[] { null! }));
        Assert.Throws<ArgumentException>(() => O200k.CountChatTokens(new ChatMessage[] { null! }));
    }

    [Fact]
    public async Task CountersAreSafeToShareAcrossThreads()
    {
        var counter = LlmTokenCounter.ForModel("gpt-4o");
        long[] counts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => counter.CountTokens("tiktoken is great!").Tokens)));

        Assert.All(counts, c => Assert.Equal(6, c));
    }
}
