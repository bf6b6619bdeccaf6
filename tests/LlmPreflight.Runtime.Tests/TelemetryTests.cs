using System.ClientModel;
using System.Diagnostics;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests;

/// <summary>Metrics and activities under the OpenTelemetry GenAI semantic conventions, collected in-process.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task TokenUsageDurationCostAndRetriesAreMeasuredWithGenAiTags()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(500), Json(ChatCompletion("gpt-4o-mini", 1200, 300, 200)));
        var client = Clients.Chat(server);

        using (LlmGuard.BeginScope(new LlmCallContext { PromptId = "faq", Model = "gpt-4o-mini" }))
        {
            await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        }

        var tokens = telemetry.Of(LlmTelemetry.TokenUsage);
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, m =>
        {
            Assert.Equal("{token}", m.Unit);
            Assert.Equal("chat", m.Tag("gen_ai.operation.name"));
            Assert.Equal("openai", m.Tag("gen_ai.provider.name"));
            Assert.Equal("gpt-4o-mini", m.Tag("gen_ai.request.model"));
            Assert.Equal("gpt-4o-mini", m.Tag("gen_ai.response.model"));
        });
        Assert.Equal(1200, Assert.Single(tokens, m => (string?)m.Tag("gen_ai.token.type") == "input").Value);
        Assert.Equal(300, Assert.Single(tokens, m => (string?)m.Tag("gen_ai.token.type") == "output").Value);

        var duration = Assert.Single(telemetry.Of(LlmTelemetry.OperationDuration));
        Assert.Equal("s", duration.Unit);
        Assert.Null(duration.Tag("error.type"));
        Assert.InRange(duration.Value, 0.0, 20.0);

        var cost = Assert.Single(telemetry.Of(LlmTelemetry.Cost));
        Assert.Equal("USD", cost.Unit);
        Assert.Equal(0.000345, cost.Value, 12);
        Assert.Equal("faq", cost.Tag("llmpreflight.prompt.id"));

        Assert.Equal(1, Assert.Single(telemetry.Of(LlmTelemetry.Retries)).Value);
    }

    [Fact]
    public async Task OneActivityPerCallAndOnePerAttemptWithTheFailedAttemptMarked()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletion("gpt-4o-mini", 1200, 300, 200)));
        var client = Clients.Chat(server);

        await LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));

        var activities = telemetry.Activities;
        Activity call = Assert.Single(activities, a => a.Kind == ActivityKind.Internal);
        var attempts = activities.Where(a => a.Kind == ActivityKind.Client).OrderBy(a => a.GetTagItem("llmpreflight.attempt")).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(call.SpanId, a.ParentSpanId));
        Assert.Equal("503", attempts[0].GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal(1200L, attempts[1].GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(300L, attempts[1].GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("chat gpt-4o-mini", attempts[1].DisplayName);
        Assert.Equal("chat gpt-4o-mini", call.DisplayName);
        Assert.Equal(2, call.GetTagItem("llmpreflight.attempts"));
        Assert.Equal("openai", call.GetTagItem("gen_ai.provider.name"));
    }

    [Fact]
    public async Task FailedCallRecordsErrorTypeOnTheDuration()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(400));
        var client = Clients.Chat(server);

        await Assert.ThrowsAsync<ClientResultException>(() => LlmGuard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct)));

        Assert.Equal("400", Assert.Single(telemetry.Of(LlmTelemetry.OperationDuration)).Tag("error.type"));
        Assert.Empty(telemetry.Of(LlmTelemetry.TokenUsage));
        Assert.Empty(LlmGuard.Costs.Snapshot());
        Activity call = Assert.Single(telemetry.Activities, a => a.Kind == ActivityKind.Internal);
        Assert.Equal(ActivityStatusCode.Error, call.Status);
    }

    [Fact]
    public async Task EmbeddingsCallsAreNamedEmbeddings()
    {
        FastPolicy.Configure();
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Json(Embeddings("text-embedding-3-small", 12)));
        var client = Clients.Embeddings(server);

        await LlmGuard.RunAsync(ct => client.GenerateEmbeddingsAsync(["a"], null, ct));

        var input = Assert.Single(telemetry.Of(LlmTelemetry.TokenUsage), m => (string?)m.Tag("gen_ai.token.type") == "input");
        Assert.Equal("embeddings", input.Tag("gen_ai.operation.name"));
        Assert.Equal(12, input.Value);
    }

    [Fact]
    public async Task FallbackAndRateLimitRejectionAreCounted()
    {
        FastPolicy.Configure(p =>
        {
            p.RateLimitPermits = 1;
            p.RateLimitQueueLimit = 0;
            p.AddFallback<int>(_ => -1);
        });
        using var telemetry = new TelemetryCapture();

        Assert.Equal(1, await LlmGuard.RunAsync(_ => Task.FromResult(1)));
        Assert.Equal(-1, await LlmGuard.RunAsync(_ => Task.FromResult(2)));
        await Assert.ThrowsAsync<LlmRateLimitRejectedException>(() => LlmGuard.RunAsync(_ => Task.FromResult("no fallback for string")));

        Assert.Single(telemetry.Of(LlmTelemetry.Fallbacks));
        Assert.Single(telemetry.Of(LlmTelemetry.RateLimitRejections));
    }
}
