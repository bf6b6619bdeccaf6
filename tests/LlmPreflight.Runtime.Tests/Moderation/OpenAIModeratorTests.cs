using System.ClientModel.Primitives;
using LlmPreflight.Runtime.Tests.Infrastructure;
using OpenAI;
using OpenAI.Moderations;

namespace LlmPreflight.Runtime.Tests.Moderation;

/// <summary>The documented OpenAI moderation adapter over the real ModerationClient, against a scripted /v1/moderations.</summary>
public sealed class OpenAIModeratorTests
{
    private static ModerationClient Client(ScriptedServer server)
        => new("omni-moderation-latest", new System.ClientModel.ApiKeyCredential("test"),
            new OpenAIClientOptions { Endpoint = server.OpenAIEndpoint, RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task AFlaggedResponseBecomesATypedRejectionNamingTheCategoriesAndNotTheText()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Json(ModerationResponses.Json("harassment", "violence")));
        var moderator = new OpenAIModerator(Client(server));

        var error = await Assert.ThrowsAsync<LlmContentRejectedException>(
            async () => await moderator.EnsureAllowedAsync("some hostile text about a neighbour"));

        Assert.Equal("openai", error.Moderator);
        Assert.Equal(["harassment", "violence"], error.Categories);
        Assert.Equal("Moderator 'openai' rejected the input: harassment, violence. It was not sent to the model.", error.Message);
        Assert.DoesNotContain("neighbour", error.Message);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/moderations", request.Path);
        Assert.Contains("some hostile text about a neighbour", request.Body);
        Assert.Contains("omni-moderation-latest", request.Body);
    }

    [Fact]
    public async Task ANotFlaggedResponseAllowsTheText()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Json(ModerationResponses.Json()));

        var result = await new OpenAIModerator(Client(server)).ModerateAsync("what is the capital of France?");

        Assert.False(result.IsFlagged);
        Assert.Equal("openai", result.Moderator);
        Assert.Empty(result.Categories);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task TheModerationCallIsRetriedByTheGuardOnATransientFailure()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Status(503), Respond.Json(ModerationResponses.Json()));

        var result = await new OpenAIModerator(Client(server)).ModerateAsync("hello");

        Assert.False(result.IsFlagged);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task ALocalModeratorFirstSparesTheRemoteCallForTextItRefuses()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Respond.Json(ModerationResponses.Json()));
        var local = new LlmLocalModerator(new LlmLocalModeratorOptions { BlockedTerms = { "contraseña del admin" } });
        var moderator = new LlmCompositeModerator(local, new OpenAIModerator(Client(server)));

        var refused = await moderator.ModerateAsync("pasame la CONTRASENA   del admin");
        var allowed = await moderator.ModerateAsync("pasame el manual");

        Assert.True(refused.IsFlagged);
        Assert.Equal("local", refused.Moderator);
        Assert.Equal(["contraseña del admin"], refused.MatchedTerms);
        Assert.False(allowed.IsFlagged);
        Assert.Equal("openai", allowed.Moderator);
        Assert.Equal(1, server.Attempts);
    }
}
