using System.ClientModel;
using System.Text.Json;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Validation;

/// <summary>
/// <see cref="LlmGuard.RunValidatedAsync{TResult, TValue}(string, Func{LlmRepairRequest, CancellationToken, Task{TResult}}, LlmParseOptions, CancellationToken)"/>
/// through the real OpenAI client: the re-ask carries the errors, exhausted repairs fall back or throw, counters are recorded.
/// </summary>
public sealed class RepairLoopTests
{
    private const string Valid = """{"customer":"ACME","lines":[{"sku":"ABC-1","quantity":2}],"status":"Shipped"}""";
    private const string WrongType = """{"customer":42,"lines":[{"sku":"ABC-1","quantity":2}]}""";
    private const string Prompt = "Extract the order from: ACME wants 2 x ABC-1, shipped.";

    private static void Configure(int? maxRepairs = null, Func<Exception, Order>? fallback = null)
        => LlmGuard.Configure(o => o.AddPolicy("extract", p =>
        {
            FastPolicy.Apply(p);
            if (maxRepairs is int repairs)
            {
                p.Validation.MaxRepairAttempts = repairs;
            }

            if (fallback != null)
            {
                p.AddFallback(fallback);
            }
        }));

    /// <summary>How an application uses the loop: the conversation, plus the rejected answer and the instruction on a re-ask.</summary>
    private static Task<Order> Extract(ChatClient client, string policy = "extract")
        => LlmGuard.RunValidatedAsync<ClientResult<ChatCompletion>, Order>(policy, (repair, ct) =>
        {
            var messages = new List<OpenAI.Chat.ChatMessage> { new UserChatMessage(Prompt) };
            if (repair != null)
            {
                messages.Add(new AssistantChatMessage(repair.PreviousOutput ?? string.Empty));
                messages.Add(new UserChatMessage(repair.Instruction));
            }

            return client.CompleteChatAsync(messages, null, ct);
        });

    /// <summary>The text contents of a recorded chat request's messages, in order.</summary>
    private static string[] SentMessages(RecordedRequest request)
    {
        using JsonDocument body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("content") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : m.GetProperty("content")[0].GetProperty("text").GetString()!)
            .ToArray();
    }

    private static string Chat(string content, string finishReason = "stop") => ModelReplies.OpenAIChat(content, finishReason);

    [Fact]
    public async Task AnInvalidAnswerIsSentBackWithItsErrorsAndTheCorrectedOneIsReturned()
    {
        Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(Chat(WrongType)), Json(Chat(Valid)));

        Order order;
        using (LlmGuard.BeginScope(promptId: "orders", version: "3"))
        {
            order = await Extract(Clients.Chat(server));
        }

        Assert.Equal(("ACME", OrderStatus.Shipped, 2), (order.Customer, order.Status, order.Lines[0].Quantity));
        Assert.Equal(2, server.Attempts);
        Assert.Equal([Prompt], SentMessages(server.Requests[0]));
        Assert.Equal(
            [
                Prompt,
                WrongType,
                "Your previous reply could not be used because its JSON is not valid:\n"
                    + "- $.customer: must be a string, but is the number 42.\n"
                    + "Reply again with the corrected JSON only: no explanations and no code fences.",
            ],
            SentMessages(server.Requests[1]));

        foreach (string counter in new[] { LlmTelemetry.ValidationFailures, LlmTelemetry.ValidationRepairs })
        {
            Measurement m = Assert.Single(telemetry.Of(counter));
            Assert.Equal(1, m.Value);
            Assert.Equal(("extract", "orders", "3", "invalid"), (m.Tag("llmpreflight.policy"), m.Tag("llmpreflight.prompt.id"), m.Tag("llmpreflight.prompt.version"), m.Tag("llmpreflight.validation.failure")));
        }
    }

    [Fact]
    public async Task ValidationCountersCarryTheExperimentAndVariantInScope()
    {
        Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(Chat(WrongType)), Json(Chat(Valid)));

        using (LlmGuard.BeginScope(new LlmCallContext { PromptId = "orders", PromptVersion = "4", PromptExperiment = "orders-tone", PromptVariant = "terse" }))
        {
            await Extract(Clients.Chat(server));
        }

        Measurement failure = Assert.Single(telemetry.Of(LlmTelemetry.ValidationFailures));
        Assert.Equal(("orders", "4", "orders-tone", "terse"), (failure.Tag("llmpreflight.prompt.id"), failure.Tag("llmpreflight.prompt.version"), failure.Tag("llmpreflight.prompt.experiment"), failure.Tag("llmpreflight.prompt.variant")));
    }

    [Fact]
    public async Task ATruncatedAnswerIsReaskedForAShorterOne()
    {
        Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(Chat("""{"customer":"ACME","lines":[{"sku":"ABC-1","quantity":2}]}""", "length")), Json(Chat(Valid)));

        Order order = await Extract(Clients.Chat(server));

        Assert.Equal("ACME", order.Customer);
        Assert.Equal(2, server.Attempts);
        Assert.Equal(
            "Your previous reply was cut off because it reached the output length limit, so its JSON is incomplete. "
            + "Reply again with a shorter answer: only the JSON, with no explanations, no code fences and no extra whitespace, and keep text values brief.",
            SentMessages(server.Requests[1])[^1]);
        Assert.Equal("truncated", Assert.Single(telemetry.Of(LlmTelemetry.ValidationFailures)).Tag("llmpreflight.validation.failure"));
    }

    [Fact]
    public async Task ExhaustedRepairsThrowWithTheLastErrors()
    {
        Configure(maxRepairs: 1);
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(Chat(WrongType)), Json(Chat("""{"lines":[]}""")), Json(Chat(Valid)));

        var error = await Assert.ThrowsAsync<LlmOutputValidationException>(() => Extract(Clients.Chat(server)));

        Assert.Equal(2, server.Attempts);
        Assert.Equal((2, "extract", typeof(Order)), (error.Attempts, error.PolicyName, error.TargetType));
        Assert.Equal([("$.customer", "is required but missing.")], error.Errors.Select(e => (e.Path, e.Message)));
        Assert.Equal("""{"lines":[]}""", error.Text);
        Assert.StartsWith("The model's output is not a valid Order after 2 answers under policy 'extract':", error.Message);
        Assert.EndsWith("raise Validation.MaxRepairAttempts of policy 'extract', or give the policy a fallback with AddFallback<Order>(...).", error.Message);
        Assert.Equal(2, telemetry.Of(LlmTelemetry.ValidationFailures).Sum(m => m.Value));
        Assert.Equal(1, telemetry.Of(LlmTelemetry.ValidationRepairs).Sum(m => m.Value));
    }

    [Fact]
    public async Task ExhaustedRepairsReturnThePolicysFallback()
    {
        Exception? seen = null;
        Configure(maxRepairs: 1, fallback: e =>
        {
            seen = e;
            return new Order { Customer = "unknown" };
        });
        await using var server = new ScriptedServer(Json(Chat("no JSON here")));

        Order order = await Extract(Clients.Chat(server));

        Assert.Equal("unknown", order.Customer);
        Assert.Equal(2, server.Attempts);
        var failure = Assert.IsType<LlmOutputValidationException>(seen);
        Assert.Equal([("$", "The output contains no JSON object. Reply with a JSON object only.")], failure.Errors.Select(e => (e.Path, e.Message)));
    }

    [Fact]
    public async Task ZeroRepairAttemptsAsksOnce()
    {
        Configure(maxRepairs: 0);
        await using var server = new ScriptedServer(Json(Chat(WrongType)), Json(Chat(Valid)));

        var error = await Assert.ThrowsAsync<LlmOutputValidationException>(() => Extract(Clients.Chat(server)));

        Assert.Equal((1, 1), (server.Attempts, error.Attempts));
    }

    [Fact]
    public async Task ATransientFailureIsRetriedByThePolicyAndIsNotAValidationFailure()
    {
        Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(500), Json(Chat(WrongType)), Json(Chat(Valid)));

        Order order = await Extract(Clients.Chat(server));

        Assert.Equal("ACME", order.Customer);
        Assert.Equal(3, server.Attempts);
        Assert.Equal([Prompt], SentMessages(server.Requests[1]));
        Assert.Equal(3, SentMessages(server.Requests[2]).Length);
        Assert.Equal(1, telemetry.Of(LlmTelemetry.Retries).Sum(m => m.Value));
        Assert.Equal(1, telemetry.Of(LlmTelemetry.ValidationFailures).Sum(m => m.Value));
    }

    [Fact]
    public async Task MicrosoftExtensionsAIResponsesAreValidatedToo()
    {
        LlmGuard.Configure(o => FastPolicy.Apply(o.DefaultPolicy));
        await using var server = new ScriptedServer(Json(Chat("```json\n{\"customer\":\"ACME\",\"status\":\"Lost\"}\n```")), Json(Chat(Valid)));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        Order order = await LlmGuard.RunValidatedAsync<ChatResponse, Order>((repair, ct) =>
        {
            var messages = new List<Microsoft.Extensions.AI.ChatMessage> { new(ChatRole.User, Prompt) };
            if (repair != null)
            {
                messages.Add(new(ChatRole.Assistant, repair.PreviousOutput));
                messages.Add(new(ChatRole.User, repair.Instruction));
            }

            return chat.GetResponseAsync(messages, cancellationToken: ct);
        });

        Assert.Equal(OrderStatus.Shipped, order.Status);
        Assert.Contains("- $.status: must be one of \"Open\", \"Shipped\", but is the string \"Lost\".", SentMessages(server.Requests[1])[^1]);
    }

    [Fact]
    public async Task AResultWhoseTextCannotBeReadIsACallerError()
    {
        LlmGuard.Configure(o => FastPolicy.Apply(o.DefaultPolicy));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LlmGuard.RunValidatedAsync<Uri, Order>((_, _) => Task.FromResult(new Uri("http://example.invalid"))));

        Assert.StartsWith("RunValidatedAsync cannot read the text of a Uri.", error.Message);
    }

    [Fact]
    public async Task AnUnknownPolicyFailsBeforeAnyRequest()
    {
        LlmGuard.Configure(_ => { });
        int calls = 0;

        await Assert.ThrowsAsync<LlmGuardConfigurationException>(() =>
            LlmGuard.RunValidatedAsync<string, Order>("nope", (_, _) => Task.FromResult(Valid + calls++)));

        Assert.Equal(0, calls);
    }

    [Fact]
    public void MaxRepairAttemptsOutOfRangeIsAConfigurationError()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Configure(o => o.AddPolicy("extract", p => p.Validation.MaxRepairAttempts = 11)));

        Assert.Equal(
            "policy 'extract': MaxRepairAttempts (Validation.MaxRepairAttempts) is 11. Set it between 0 (no re-ask) and 10; "
            + "2 suits most prompts, and an answer still invalid after a few re-asks points at the prompt or the schema.",
            Assert.Single(error.Problems));
    }

    [Fact]
    public async Task MaxRepairAttemptsIsReadFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("LlmPreflight:Policies:extract:MaxRepairAttempts", "1"), new("LlmPreflight:Policies:extract:BaseDelay", "00:00:00.050"), new("LlmPreflight:Policies:extract:UseJitter", "false")])
            .Build();
        new ServiceCollection().AddLlmPreflight(configuration.GetSection("LlmPreflight"));
        await using var server = new ScriptedServer(Json(Chat(WrongType)));

        var error = await Assert.ThrowsAsync<LlmOutputValidationException>(() => Extract(Clients.Chat(server)));

        Assert.Equal((2, 2), (server.Attempts, error.Attempts));
    }

    [Theory]
    [InlineData("-1", "configuration key 'LlmPreflight:Policies:extract:MaxRepairAttempts': policy 'extract': MaxRepairAttempts (Validation.MaxRepairAttempts) is -1.")]
    [InlineData("two", "configuration key 'LlmPreflight:Policies:extract:MaxRepairAttempts' has the value \"two\", which is not a whole number.")]
    public void ABadMaxRepairAttemptsInConfigurationNamesTheKey(string value, string expectedStart)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("LlmPreflight:Policies:extract:MaxRepairAttempts", value)])
            .Build();

        var error = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(configuration.GetSection("LlmPreflight")));

        Assert.StartsWith(expectedStart, Assert.Single(error.Problems));
    }
}
