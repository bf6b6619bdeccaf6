using System.ClientModel.Primitives;
using System.Text.Json;
using LlmPreflight.Runtime.Tests.Infrastructure;
using LlmPreflight.Runtime.Tests.Moderation;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Moderations;

namespace LlmPreflight.Runtime.Tests.InputGuard;

/// <summary>
/// The one call for untrusted text: redaction, then moderation of the redacted text, then the token bound —
/// with the real tokenizers, the real redactor, and the real OpenAI clients against the scripted server.
/// </summary>
public sealed class InputGuardTests
{
    private const string Ticket = "Hi, I'm ana.lopez@gmail.com, call me on +54 9 11 1234 5678. My order never arrived.";

    private static LlmLocalModerator Blocking(params string[] terms)
    {
        var options = new LlmLocalModeratorOptions();
        foreach (string term in terms)
        {
            options.BlockedTerms.Add(term);
        }

        return new LlmLocalModerator(options);
    }

    private static ModerationClient ModerationClient(ScriptedServer server)
        => new("omni-moderation-latest", new System.ClientModel.ApiKeyCredential("test"),
            new OpenAIClientOptions { Endpoint = server.OpenAIEndpoint, RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public void TheDefaultRedactsAndCountsTheRedactedText()
    {
        LlmSanitizedInput input = LlmInputGuard.Default.Sanitize(Ticket);

        Assert.Equal("Hi, I'm [EMAIL_1], call me on [PHONE_1]. My order never arrived.", input.Text);
        Assert.Equal(input.Text, input.ToString());
        Assert.Equal(2, input.Redaction!.Findings.Count);
        Assert.Null(input.Moderation);

        // An unspecified model counts as an unknown one: o200k_base scaled up, never exact.
        LlmTokenCount expected = LlmTokenCounter.ForModel("unspecified model").CountTokens(input.Text);
        Assert.Equal(expected, input.Tokens);
        Assert.False(input.Tokens!.Value.IsExact);
        Assert.Equal(input.Text, input.Redaction.Text);
        Assert.Equal("Yes, ana.lopez@gmail.com will hear from us.", input.Restore("Yes, [EMAIL_1] will hear from us."));
    }

    [Fact]
    public void WithAnOpenAIModelTheCountIsExact()
    {
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Model = "gpt-4o-mini" });

        LlmSanitizedInput input = guard.Sanitize("tiktoken is great!");

        Assert.Equal(new LlmTokenCount(6, isExact: true, LlmTokenCounter.ForModel("gpt-4o-mini").Method), input.Tokens);
    }

    [Fact]
    public void TextOverTheBoundIsRefusedWithTheExactCountAndTheSettingToChange()
    {
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Model = "gpt-4o-mini", MaxTokens = 100 });
        string text = string.Concat(Enumerable.Repeat("The parcel was supposed to arrive on Monday but it did not. ", 20));
        long tokens = LlmTokenCounter.ForModel("gpt-4o-mini").CountTokens(text).Tokens;
        Assert.True(tokens > 100, $"the sample has {tokens} tokens");

        var error = Assert.Throws<LlmPromptTooLargeException>(() => guard.Sanitize(text));

        Assert.Equal(tokens, error.InputTokens.Tokens);
        Assert.Equal(100, error.MaxInputTokens);
        Assert.Equal(tokens - 100, error.TokensOver);
        Assert.Contains("LlmInputGuardOptions.MaxTokens (100)", error.Message);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, "its {0:N0} tokens (exact", tokens), error.Message);
    }

    [Fact]
    public void TheBoundIsMeasuredOnTheRedactedText()
    {
        // 30 e-mail addresses are far more tokens than 30 placeholders: only the redacted text must fit.
        string text = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"customer.number{i}@some-long-domain-name.example.com"));
        long raw = LlmTokenCounter.ForModel("gpt-4o-mini").CountTokens(text).Tokens;
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Model = "gpt-4o-mini", MaxTokens = (int)(raw / 2) });

        LlmSanitizedInput input = guard.Sanitize(text);

        Assert.True(input.Tokens!.Value.Tokens <= raw / 2, $"{input.Tokens} of {raw}");
        Assert.StartsWith("[EMAIL_1] [EMAIL_2]", input.Text);
    }

    [Fact]
    public async Task FlaggedTextIsRejectedAndTheModeratorSeesOnlyTheRedactedText()
    {
        var recorder = new RecordingModerator(Blocking("chargeback fraud"));
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Moderator = recorder });

        var error = await Assert.ThrowsAsync<LlmContentRejectedException>(async () => await guard.SanitizeAsync("I'm bo@example.org and I will commit chargeback fraud."));

        Assert.Equal(["chargeback fraud"], error.MatchedTerms);
        Assert.Equal("I'm [EMAIL_1] and I will commit chargeback fraud.", Assert.Single(recorder.Seen));
    }

    [Fact]
    public void AllowedTextCarriesTheModeratorsVerdict()
    {
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Moderator = Blocking("chargeback fraud") });

        LlmSanitizedInput input = guard.Sanitize(Ticket);

        Assert.False(input.Moderation!.IsFlagged);
        Assert.Equal("local", input.Moderation.Moderator);
    }

    [Fact]
    public async Task ARemoteModeratorIsAwaitedBySanitizeAsyncAndRefusedBySanitize()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Json(ModerationResponses.Json("harassment")));
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Moderator = new OpenAIModerator(ModerationClient(server)) });

        var error = await Assert.ThrowsAsync<LlmContentRejectedException>(async () => await guard.SanitizeAsync(Ticket));
        var sync = Assert.Throws<InvalidOperationException>(() => guard.Sanitize(Ticket));
        var mixed = new LlmInputGuard(new LlmInputGuardOptions { Moderator = new LlmCompositeModerator(Blocking("fraud"), new OpenAIModerator(ModerationClient(server))) });
        Assert.Throws<InvalidOperationException>(() => mixed.Sanitize(Ticket));

        Assert.Equal(["harassment"], error.Categories);
        Assert.Contains("SanitizeAsync", sync.Message);

        // The synchronous calls refused before sending anything; the asynchronous one sent only redacted text.
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Contains("[EMAIL_1]", request.Body);
        Assert.DoesNotContain("ana.lopez", request.Body);
    }

    [Fact]
    public void ACompositeOfLocalModeratorsWorksSynchronouslyAndTheFirstFlagWins()
    {
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Moderator = new LlmCompositeModerator(Blocking("refund scam"), Blocking("fraud", "scam")) });

        var error = Assert.Throws<LlmContentRejectedException>(() => guard.Sanitize("This refund scam is fraud."));

        Assert.Equal(["refund scam"], error.MatchedTerms);
        Assert.False(guard.Sanitize(Ticket).Moderation!.IsFlagged);
    }

    [Fact]
    public void AConversationKeepsItsPlaceholders()
    {
        LlmSanitizedInput first = LlmInputGuard.Default.Sanitize("Owner: ana@example.com");
        LlmSanitizedInput second = LlmInputGuard.Default.Sanitize("cc bo@example.org and ana@example.com", first.Redaction);

        Assert.Equal("cc [EMAIL_2] and [EMAIL_1]", second.Text);
        Assert.Equal("bo@example.org, ana@example.com", second.Restore("[EMAIL_2], [EMAIL_1]"));
    }

    [Fact]
    public void EverythingOffLeavesTheTextAlone()
    {
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Redactor = null, MaxTokens = null });

        LlmSanitizedInput input = guard.Sanitize(Ticket);

        Assert.Equal(Ticket, input.Text);
        Assert.Null(input.Redaction);
        Assert.Null(input.Tokens);
        Assert.Equal("[EMAIL_1]", input.Restore("[EMAIL_1]"));
    }

    [Theory]
    [InlineData(0, null, "LlmInputGuardOptions.MaxTokens is 0. Set a positive number of tokens, or null for no bound.")]
    [InlineData(10, "  ", "LlmInputGuardOptions.Model is empty.")]
    public void BadOptionsNameTheSetting(int maxTokens, string? model, string message)
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => new LlmInputGuard(new LlmInputGuardOptions { MaxTokens = maxTokens, Model = model }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void NullTextIsAnArgumentError()
        => Assert.Throws<ArgumentNullException>(() => LlmInputGuard.Default.Sanitize(null!));

    [Fact]
    public void RedactionsAndRejectionsAreCounted()
    {
        using var telemetry = new TelemetryCapture();
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Moderator = Blocking("fraud"), MaxTokens = 5 });

        Assert.Throws<LlmContentRejectedException>(() => guard.Sanitize("ana@example.com: fraud"));
        Assert.Throws<LlmPromptTooLargeException>(() => guard.Sanitize("A perfectly polite question about my parcel, please."));

        Measurement redaction = Assert.Single(telemetry.Of(LlmTelemetry.InputRedactions));
        Assert.Equal("EMAIL", redaction.Tag("llmpreflight.pii.kind"));
        Assert.Equal(["moderation", "tokens"], telemetry.Of(LlmTelemetry.InputRejections).Select(m => m.Tag("llmpreflight.input.rejection")));
    }

    [Fact]
    public async Task TheSanitizedInputGoesToTheModelAndTheAnswerComesBackWhole()
    {
        FastPolicy.Configure();
        string answer = "We are sorry, [EMAIL_1]: a courier will call [PHONE_1] today.";
        await using var server = new ScriptedServer(Respond.Json(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
            + $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(answer)}}},\"finish_reason\":\"stop\"}}],"
            + "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":12,\"total_tokens\":52}}"));
        var guard = new LlmInputGuard(new LlmInputGuardOptions { Model = "gpt-4o-mini", Moderator = Blocking("chargeback fraud") });

        LlmSanitizedInput ticket = guard.Sanitize(Ticket);
        var completion = await LlmGuard.RunAsync(ct => Clients.Chat(server).CompleteChatAsync(
            [new SystemChatMessage("You answer delivery complaints."), new UserChatMessage($"Customer wrote: {ticket}")], new ChatCompletionOptions(), ct));

        string sent = Assert.Single(server.Requests).Body;
        Assert.Contains("Customer wrote: Hi, I'm [EMAIL_1], call me on [PHONE_1]. My order never arrived.", sent);
        Assert.DoesNotContain("ana.lopez", sent);
        Assert.Equal("We are sorry, ana.lopez@gmail.com: a courier will call +54 9 11 1234 5678 today.", ticket.Restore(completion.Value.Content[0].Text));
    }

    /// <summary>Our own moderator interface, recording what it was shown before delegating.</summary>
    private sealed class RecordingModerator(ILlmModerator inner) : ILlmModerator
    {
        public List<string> Seen { get; } = [];

        public ValueTask<LlmModerationResult> ModerateAsync(string text, CancellationToken cancellationToken = default)
        {
            Seen.Add(text);
            return inner.ModerateAsync(text, cancellationToken);
        }
    }
}
