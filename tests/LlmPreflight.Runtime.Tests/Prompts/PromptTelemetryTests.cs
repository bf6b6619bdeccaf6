using System.ClientModel;
using System.Diagnostics;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests.Prompts;

/// <summary>
/// End to end: variants rendered from the catalog, sent through the real OpenAI ChatClient to the scripted server under
/// LlmGuard.RunAsync inside the prompt's scope; metrics, activities and cost sums carry the prompt's identity.
/// </summary>
public sealed class PromptTelemetryTests
{
    // gpt-4o-mini: 0.15 input, 0.60 output per million tokens (built-in table).
    private const decimal CallCost = ((1000 * 0.15m) + (100 * 0.60m)) / 1_000_000m;

    private static readonly string[] PromptKeys = ["llmpreflight.prompt.id", "llmpreflight.prompt.version", "llmpreflight.prompt.experiment", "llmpreflight.prompt.variant"];

    private static List<ChatMessage> ToOpenAI(LlmPrompt prompt)
        => prompt.Messages.Select(m => m.Role switch
        {
            LlmPromptRole.System => (ChatMessage)new SystemChatMessage(m.Text),
            LlmPromptRole.Assistant => new AssistantChatMessage(m.Text),
            _ => new UserChatMessage(m.Text),
        }).ToList();

    private static (string?, string?, string?, string?) Identity(Func<string, object?> tag)
        => ((string?)tag(PromptKeys[0]), (string?)tag(PromptKeys[1]), (string?)tag(PromptKeys[2]), (string?)tag(PromptKeys[3]));

    [Fact]
    public async Task VariantsAreComparableOnCostLatencyAndFailures()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        string chat = ChatCompletion("gpt-4o-mini", input: 1000, output: 100);
        await using var server = new ScriptedServer(Json(chat), Json(chat), Json(chat), Status(400), Json(chat));
        ChatClient client = Clients.Chat(server);
        LlmPromptCatalog catalog = Samples.FromDirectory()
            .AddExperiment("faq-tone", "faq-answer", e => e.AddVariant("control", 50, "3").AddVariant("friendly", 50, "4"))
            .Build();
        LlmPromptExperiment experiment = catalog.ExperimentFor("faq-answer")!;
        string[] subjects = Enumerable.Range(0, 1_000).Select(i => "user-" + i).ToArray();
        string[] control = subjects.Where(s => experiment.Assign(s).Name == "control").Take(2).ToArray();
        string[] friendly = subjects.Where(s => experiment.Assign(s).Name == "friendly").Take(2).ToArray();

        foreach (string subject in control.Append(friendly[0]))
        {
            LlmPrompt prompt = catalog.Render("faq-answer", Samples.FaqArguments(), subject);
            using (LlmGuard.BeginScope(prompt))
            {
                await LlmGuard.RunAsync(ct => client.CompleteChatAsync(ToOpenAI(prompt), null, ct));
            }
        }

        LlmPrompt rejected = catalog.Render("faq-answer", Samples.FaqArguments(), friendly[1]);
        using (LlmGuard.BeginScope(rejected))
        {
            await Assert.ThrowsAsync<ClientResultException>(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(ToOpenAI(rejected), null, ct)));
        }

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        // The variants' own text reached the server.
        Assert.Equal(5, server.Attempts);
        Assert.Contains("You are the support assistant for the pro plan.", server.Requests[0].Body);
        Assert.Contains("You are a friendly support assistant for the pro plan.", server.Requests[2].Body);

        // Latency and failures: one duration per call, tagged with the prompt; the 400 is on the friendly variant.
        var control3 = ("faq-answer", "3", "faq-tone", "control");
        var friendly4 = ("faq-answer", "4", "faq-tone", "friendly");
        var durations = telemetry.Of(LlmTelemetry.OperationDuration);
        Assert.Equal(5, durations.Count);
        Assert.Equal(2, durations.Count(m => Identity(m.Tag) == control3 && m.Tag("error.type") is null));
        Assert.Equal(1, durations.Count(m => Identity(m.Tag) == friendly4 && m.Tag("error.type") is null));
        Assert.Equal(1, durations.Count(m => Identity(m.Tag) == friendly4 && (string?)m.Tag("error.type") == "400"));
        Measurement unscoped = Assert.Single(durations, m => m.Tag("llmpreflight.prompt.id") is null);
        Assert.DoesNotContain(unscoped.Tags.Keys, PromptKeys.Contains);
        Assert.Equal("gpt-4o-mini", durations.First(m => Identity(m.Tag) == control3).Tag("gen_ai.request.model"));

        // Tokens and cost per variant.
        var tokens = telemetry.Of(LlmTelemetry.TokenUsage);
        Assert.Equal(2 * 1000, tokens.Where(m => Identity(m.Tag) == control3 && (string?)m.Tag("gen_ai.token.type") == "input").Sum(m => m.Value));
        Assert.Equal(100, tokens.Where(m => Identity(m.Tag) == friendly4 && (string?)m.Tag("gen_ai.token.type") == "output").Sum(m => m.Value));
        var cost = telemetry.Of(LlmTelemetry.Cost);
        Assert.Equal((double)(2 * CallCost), cost.Where(m => Identity(m.Tag) == control3).Sum(m => m.Value), 12);
        Assert.Equal((double)CallCost, cost.Where(m => Identity(m.Tag) == friendly4).Sum(m => m.Value), 12);

        // Activities: the call's and each attempt's carry the prompt.
        var activities = telemetry.Activities;
        Assert.Equal(5, activities.Count(a => a.Kind == ActivityKind.Internal));
        Assert.Equal(2, activities.Count(a => a.Kind == ActivityKind.Internal && Identity(a.GetTagItem) == control3));
        Assert.Equal(2, activities.Count(a => a.Kind == ActivityKind.Client && Identity(a.GetTagItem) == control3));
        Activity failedAttempt = Assert.Single(activities, a => a.Kind == ActivityKind.Client && a.Status == ActivityStatusCode.Error);
        Assert.Equal(friendly4, Identity(failedAttempt.GetTagItem));
        Assert.All(activities.Where(a => Identity(a.GetTagItem) == default), a => Assert.DoesNotContain(a.TagObjects, t => PromptKeys.Contains(t.Key)));

        // The cost tracker sums per variant.
        var lines = LlmGuard.Costs.Snapshot();
        Assert.Equal(3, lines.Count);
        LlmCostLine controlLine = Assert.Single(lines, l => l.PromptVariant == "control");
        Assert.Equal(("faq-answer", "faq-tone", 2L, 2000L, 200L, 2 * CallCost), (controlLine.PromptId, controlLine.PromptExperiment, controlLine.Calls, controlLine.InputTokens, controlLine.OutputTokens, controlLine.Cost));
        LlmCostLine friendlyLine = Assert.Single(lines, l => l.PromptVariant == "friendly");
        Assert.Equal((1L, CallCost), (friendlyLine.Calls, friendlyLine.Cost));
        LlmCostLine plain = Assert.Single(lines, l => l.PromptId is null);
        Assert.Equal((null, null, 1L), (plain.PromptExperiment, plain.PromptVariant, plain.Calls));
    }

    [Fact]
    public async Task ThePromptScopeFeedsTheBudgetEstimateWithItsModelAndSize()
    {
        LlmGuard.Configure(o =>
        {
            FastPolicy.Apply(o.DefaultPolicy);
            o.DefaultPolicy.Budget = new LlmBudget(maxCost: 0.000001m, period: TimeSpan.FromDays(1));
        });
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1000, 100)));
        ChatClient client = Clients.Chat(server);
        LlmPrompt prompt = Samples.FromDirectory().Build().Get("faq-answer", "3").Render(Samples.FaqArguments());
        LlmCallContext context = prompt.ToCallContext();
        context.MaxOutputTokens = 4_000;

        using (LlmGuard.BeginScope(context))
        {
            // 4,000 output tokens at 0.60 per million is 0.0024 USD, beyond the 0.000001 budget: blocked before sending.
            var blocked = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(ToOpenAI(prompt), null, ct)));
            Assert.True(blocked.Estimate > 0.0024m);
        }

        Assert.Equal(0, server.Attempts);
        LlmGuard.Configure(_ => { });
    }
}
