using System.ClientModel;
using System.Threading.RateLimiting;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;
using static LlmPreflight.Runtime.Tests.Infrastructure.UsageResponses;

namespace LlmPreflight.Runtime.Tests;

/// <summary>
/// <c>AddLlmPreflight(IConfiguration)</c> follows configuration changes: new settings reach the next call, state that
/// guards money survives, and a bad change is reported while the running configuration stays in force.
/// </summary>
public sealed class ConfigurationReloadTests
{
    // Short timeouts for every test; each test adds the settings it changes.
    private static readonly (string, string?)[] Fast =
    [
        ("LlmPreflight:Default:AttemptTimeout", "00:00:05"),
        ("LlmPreflight:Default:TotalTimeout", "00:00:20"),
    ];

    private static (string, string?)[] With(params (string, string?)[] values) => [.. Fast, .. values];

    /// <summary>MaxRetries for a policy, with a short jitter-free back-off when it retries (the validator rejects back-off settings without retries).</summary>
    private static (string, string?)[] Retries(int count, string policy = "Default")
    {
        string prefix = policy == "Default" ? "LlmPreflight:Default:" : "LlmPreflight:Policies:" + policy + ":";
        return count == 0
            ? [(prefix + "MaxRetries", "0")]
            : [(prefix + "MaxRetries", count.ToString(System.Globalization.CultureInfo.InvariantCulture)), (prefix + "BaseDelay", "00:00:00.050"), (prefix + "UseJitter", "false")];
    }

    private static Task<ClientResult<ChatCompletion>> Complete(ChatClient client, string policy = LlmGuard.DefaultPolicyName)
        => LlmGuard.RunAsync(policy, ct => client.CompleteChatAsync(Clients.Messages, null, ct));

    private static LlmCallContext Estimate(long inputCharacters, long maxOutputTokens)
        => new() { PromptId = "report", Model = "gpt-4o-mini", InputCharacters = inputCharacters, MaxOutputTokens = maxOutputTokens };

    [Fact]
    public async Task MaxRetriesChangedFromZeroToTwoTakesEffectOnTheNextCall()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(0)]);
        new ServiceCollection().AddLlmPreflight(configuration.Section);
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(503), Status(503), Status(503), Json(ChatCompletionJson));
        ChatClient client = Clients.Chat(server);

        await Assert.ThrowsAsync<ClientResultException>(() => Complete(client));
        Assert.Equal(1, server.Attempts);

        configuration.Change([.. Fast, .. Retries(2)]);

        // Two 503s, then the scripted answer: the third attempt exists only because the reload raised MaxRetries.
        ClientResult<ChatCompletion> answer = await Complete(client);
        Assert.Equal("hello", answer.Value.Content[0].Text);
        Assert.Equal(4, server.Attempts);
        Assert.Equal(1, telemetry.Of(LlmTelemetry.ConfigurationReloads).Sum(m => m.Value));
        Assert.Empty(telemetry.Of(LlmTelemetry.ConfigurationReloadFailures));
    }

    [Fact]
    public async Task ATimeoutChangeTakesEffectAndACallInFlightFinishesUnderItsOwnTimeout()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(0)]); // AttemptTimeout 5 s
        new ServiceCollection().AddLlmPreflight(configuration.Section);
        await using var server = new ScriptedServer(After(TimeSpan.FromMilliseconds(700), Json(ChatCompletionJson)));
        ChatClient client = Clients.Chat(server);

        Task<ClientResult<ChatCompletion>> inFlight = Complete(client);
        await WaitUntil(() => server.Attempts == 1);
        configuration.Change([.. With(("LlmPreflight:Default:AttemptTimeout", "00:00:00.200")), .. Retries(0)]);

        // Started under the 5 s attempt timeout, so the 700 ms answer arrives; the next call has 200 ms.
        Assert.Equal("hello", (await inFlight).Value.Content[0].Text);
        var timeout = await Assert.ThrowsAsync<LlmTimeoutException>(() => Complete(client));
        Assert.Equal(LlmTimeoutKind.Attempt, timeout.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(200), timeout.Timeout);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task AnInvalidReloadKeepsThePreviousPolicyAndIsReportedCountedAndLogged()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(1), .. Retries(0, "cheap")]);
        var reported = new List<LlmGuardConfigurationException>();
        var logs = new CapturingLoggerFactory();
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddLlmPreflight(configuration.Section, o => o.OnConfigurationError = reported.Add)
            .BuildServiceProvider();
        ILlmGuard guard = provider.GetRequiredService<ILlmGuard>();
        using var telemetry = new TelemetryCapture();

        configuration.Change([.. With(("LlmPreflight:Default:MaxRetries", "two")), .. Retries(0, "cheap")]);
        configuration.Change([.. With(("LlmPreflight:Policies:cheap:TotalTimeout", "-00:00:05")), .. Retries(1)]);

        Assert.Equal(2, reported.Count);
        string unparsable = Assert.Single(reported[0].Problems);
        Assert.Contains("configuration key 'LlmPreflight:Default:MaxRetries' has the value \"two\", which is not a whole number", unparsable);
        string outOfRange = Assert.Single(reported[1].Problems);
        Assert.StartsWith("configuration key 'LlmPreflight:Policies:cheap:TotalTimeout': policy 'cheap': TotalTimeout", outOfRange);
        Assert.Contains("between 10 ms and 1 day", outOfRange);
        Assert.Equal(2, telemetry.Of(LlmTelemetry.ConfigurationReloadFailures).Sum(m => m.Value));
        Assert.Empty(telemetry.Of(LlmTelemetry.ConfigurationReloads));
        var errors = logs.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("LlmPreflight.Configuration", e.Category));
        Assert.Contains("'LlmPreflight:Default:MaxRetries'", errors[0].Message);
        Assert.Contains("previous configuration stays in force", errors[1].Message);
        Assert.Same(reported[1], errors[1].Exception);

        // Both policies as before the bad changes: the default retries once, "cheap" still exists and does not retry.
        await using var server = new ScriptedServer(Status(503), Json(ChatCompletionJson), Status(503));
        ChatClient client = Clients.Chat(server);
        await guard.RunAsync(ct => client.CompleteChatAsync(Clients.Messages, null, ct));
        Assert.Equal(2, server.Attempts);
        await Assert.ThrowsAsync<ClientResultException>(() => Complete(client, "cheap"));
        Assert.Equal(3, server.Attempts);

        // Once the file is fixed, the next reload applies.
        configuration.Change([.. With(("LlmPreflight:Policies:cheap:TotalTimeout", "00:02:00")), .. Retries(1)]);
        Assert.Equal(1, telemetry.Of(LlmTelemetry.ConfigurationReloads).Sum(m => m.Value));
        Assert.Equal(2, reported.Count);
    }

    [Fact]
    public void AConfigureDelegateThatThrowsOnReloadIsReportedNotThrownIntoTheConfigurationProvider()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(1)]);
        var reported = new List<LlmGuardConfigurationException>();
        bool broken = false;
        new ServiceCollection().AddLlmPreflight(configuration.Section, o =>
        {
            o.OnConfigurationError = reported.Add;
            o.AddPolicy("code", p => p.MaxRetries = broken ? throw new InvalidOperationException("the secret store is unreachable") : 0);
        });

        broken = true;
        configuration.Change([.. Fast, .. Retries(2)]);

        LlmGuardConfigurationException error = Assert.Single(reported);
        Assert.Contains("threw InvalidOperationException: the secret store is unreachable", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(5, LlmGuard.Run("code", _ => 5)); // the previous configuration, with its "code" policy, is still in force
    }

    [Fact]
    public async Task CostSumsAndBudgetSpendSurviveReloadsIncludingSpendOfACallInFlight()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(0)]);
        // The budget is code; the reload replays it. 0.001 USD a day; each call really costs 0.00075 USD.
        new ServiceCollection().AddLlmPreflight(configuration.Section, o => o.DefaultPolicy.Budget = new LlmBudget(0.001m, TimeSpan.FromDays(1)));
        await using var server = new ScriptedServer(
            Json(ChatCompletion("gpt-4o-mini", 1000, 1000)),
            After(TimeSpan.FromMilliseconds(500), Json(ChatCompletion("gpt-4o-mini", 1000, 1000))),
            Json(ChatCompletion("gpt-4o-mini", 1000, 1000)));
        ChatClient client = Clients.Chat(server);

        using (LlmGuard.BeginScope(Estimate(400, 100)))
        {
            await Complete(client);
            configuration.Change([.. Fast, .. Retries(1)]);

            LlmCostLine line = Assert.Single(LlmGuard.Costs.Snapshot());
            Assert.Equal(1, line.Calls);
            Assert.Equal(0.00075m, line.Cost);

            // 0.00025 left, so the 0.000075 estimate passes; the call is billed after the next reload.
            Task<ClientResult<ChatCompletion>> inFlight = Complete(client);
            await WaitUntil(() => server.Attempts == 2);
            configuration.Change([.. Fast, .. Retries(2)]);
            await inFlight;

            var blocked = await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Complete(client));
            Assert.Equal(0.0015m, blocked.Spent);
        }

        Assert.Equal(2, server.Attempts);
        LlmCostLine total = Assert.Single(LlmGuard.Costs.Snapshot());
        Assert.Equal(2, total.Calls);
        Assert.Equal(0.0015m, total.Cost);
    }

    [Fact]
    public async Task ABudgetWithADifferentPeriodStartsCountingAfresh()
    {
        var configuration = new ReloadableConfiguration([.. With(("Budget:Period", "1.00:00:00")), .. Retries(0)]);
        new ServiceCollection().AddLlmPreflight(configuration.Section, o =>
            o.DefaultPolicy.Budget = new LlmBudget(0.0005m, TimeSpan.Parse(configuration.Root["Budget:Period"]!, System.Globalization.CultureInfo.InvariantCulture)));
        await using var server = new ScriptedServer(Json(ChatCompletion("gpt-4o-mini", 1000, 1000)));
        ChatClient client = Clients.Chat(server);

        await Complete(client);
        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Complete(client));

        // Same period, same ledger: still blocked.
        configuration.Change([.. With(("Budget:Period", "1.00:00:00")), .. Retries(1)]);
        await Assert.ThrowsAsync<LlmBudgetExceededException>(() => Complete(client));

        // An hourly budget counts a different window: the daily spend does not carry into it.
        configuration.Change([.. With(("Budget:Period", "01:00:00")), .. Retries(1)]);
        await Complete(client);
        Assert.Equal(2, server.Attempts);
    }

    [Fact]
    public async Task ARemovedPolicyGivesTheUsualClearError()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(0, "cheap")]);
        new ServiceCollection().AddLlmPreflight(configuration.Section);
        Assert.Equal(1, await LlmGuard.RunAsync("cheap", _ => Task.FromResult(1)));

        configuration.Change(Fast);

        var error = await Assert.ThrowsAsync<LlmGuardConfigurationException>(() => LlmGuard.RunAsync("cheap", _ => Task.FromResult(1)));
        Assert.Contains("No policy is named \"cheap\" (known: \"default\")", error.Message);
    }

    [Fact]
    public async Task CodeFirstPartsAreReappliedAndAUserRateLimiterKeepsItsState()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(0, "cheap")]);
        using var limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromHours(1), QueueLimit = 0 });
        new ServiceCollection().AddLlmPreflight(configuration.Section, o => o.AddPolicy("cheap", p =>
        {
            p.AddFallback<string>(_ => "busy");
            p.RateLimiter = limiter;
        }));
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);
        Task<string> Ask() => LlmGuard.RunAsync("cheap", async ct => (await client.CompleteChatAsync(Clients.Messages, null, ct)).Value.Content[0].Text);

        Assert.Equal("busy", await Ask());
        Assert.Equal(1, server.Attempts);

        configuration.Change([.. Fast, .. Retries(1, "cheap")]);

        // The fallback came from code and is still there; MaxRetries 1 from the new configuration: two attempts.
        Assert.Equal("busy", await Ask());
        Assert.Equal(3, server.Attempts);

        // The same limiter instance: its three permits for the hour were all used across the reload.
        var rejected = await Assert.ThrowsAsync<LlmRateLimitRejectedException>(() => LlmGuard.RunAsync("cheap", _ => Task.FromResult(0)));
        Assert.Equal("cheap", rejected.PolicyName);
        Assert.Equal(3, server.Attempts);
    }

    [Fact]
    public async Task ReloadingCanBeTurnedOff()
    {
        var configuration = new ReloadableConfiguration([.. Fast, .. Retries(0)]);
        new ServiceCollection().AddLlmPreflight(configuration.Section, o => o.ReloadOnConfigurationChange = false);
        using var telemetry = new TelemetryCapture();
        await using var server = new ScriptedServer(Status(503));
        ChatClient client = Clients.Chat(server);

        configuration.Change([.. Fast, .. Retries(2)]);

        await Assert.ThrowsAsync<ClientResultException>(() => Complete(client));
        Assert.Equal(1, server.Attempts);
        Assert.Empty(telemetry.Of(LlmTelemetry.ConfigurationReloads));
    }

    [Fact]
    public async Task AReloadDoesNotUndoALaterLlmGuardConfigure()
    {
        var configuration = new ReloadableConfiguration(With(("LlmPreflight:Policies:fromFile:MaxRetries", "0")));
        new ServiceCollection().AddLlmPreflight(configuration.Section);
        LlmGuard.Configure(o => o.AddPolicy("fromCode", p => p.MaxRetries = 0));
        using var telemetry = new TelemetryCapture();

        configuration.Change(With(("LlmPreflight:Policies:fromFile:MaxRetries", "1")));

        Assert.Equal(2, await LlmGuard.RunAsync("fromCode", _ => Task.FromResult(2)));
        await Assert.ThrowsAsync<LlmGuardConfigurationException>(() => LlmGuard.RunAsync("fromFile", _ => Task.FromResult(2)));
        Assert.Empty(telemetry.Of(LlmTelemetry.ConfigurationReloads));
    }

    [Fact]
    public async Task AnEditedAppSettingsFileIsPickedUp()
    {
        string folder = Directory.CreateTempSubdirectory("llmpreflight-reload-").FullName;
        try
        {
            string file = Path.Combine(folder, "appsettings.json");
            await File.WriteAllTextAsync(file, """{ "LlmPreflight": { "Default": { "MaxRetries": 0 } } }""");
            IConfigurationRoot root = new ConfigurationBuilder().SetBasePath(folder).AddJsonFile("appsettings.json", optional: false, reloadOnChange: true).Build();
            new ServiceCollection().AddLlmPreflight(root.GetSection("LlmPreflight"));
            Assert.Throws<LlmGuardConfigurationException>(() => LlmGuard.Run("added", _ => 0));

            await File.WriteAllTextAsync(file, """{ "LlmPreflight": { "Default": { "MaxRetries": 0 }, "Policies": { "added": { "MaxRetries": 1 } } } }""");

            // The file watcher reports the change on its own thread: poll (with a deadline) for the policy to appear.
            await WaitUntil(() => Succeeds(() => LlmGuard.Run("added", _ => 0)), TimeSpan.FromSeconds(20));
            Assert.Equal(7, LlmGuard.Run("added", _ => 7));
            (root as IDisposable)?.Dispose();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Succeeds(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (LlmGuardConfigurationException)
        {
            return false;
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan? limit = null)
    {
        DateTime deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }
}
