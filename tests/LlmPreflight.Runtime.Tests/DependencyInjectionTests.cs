using System.Text;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests;

/// <summary><c>AddLlmPreflight</c> from appsettings.json and from code, and <see cref="ILlmGuard"/> sharing the static guard's policies.</summary>
public sealed class DependencyInjectionTests
{
    private const string AppSettings = """
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "LlmPreflight": {
            "Default": { "TotalTimeout": "00:03:00", "MaxRetries": 2, "BaseDelay": "00:00:00.050", "UseJitter": false },
            "Policies": {
              "cheap": { "AttemptTimeout": "00:00:00.300", "MaxRetries": 0, "RateLimitPermits": 60 },
              "unbounded": { "TotalTimeout": null, "StreamIdleTimeout": "off" }
            }
          }
        }
        """;

    private static IConfiguration Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static IConfiguration Memory(params (string Key, string? Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task AppSettingsPoliciesServeInjectedAndStaticCallers()
    {
        using ServiceProvider provider = new ServiceCollection().AddLlmPreflight(Json(AppSettings).GetSection("LlmPreflight")).BuildServiceProvider();
        ILlmGuard guard = provider.GetRequiredService<ILlmGuard>();
        await using var server = new ScriptedServer(Status(503), Status(503), Respond.Json(ChatCompletionJson), Status(503));
        IChatClient chat = Clients.Chat(server).AsIChatClient();

        // Default: MaxRetries 2, so a third attempt succeeds.
        ChatResponse response = await guard.RunAsync(ct => chat.GetResponseAsync("hi", cancellationToken: ct));
        Assert.Equal("hello", response.Text);
        Assert.Equal(3, server.Attempts);

        // "cheap" from the same file, through the static API: no retry, 300 ms per attempt.
        await using var slow = new ScriptedServer(After(TimeSpan.FromSeconds(5), Respond.Json(ChatCompletionJson)));
        IChatClient slowChat = Clients.Chat(slow).AsIChatClient();
        var error = await Assert.ThrowsAsync<LlmTimeoutException>(() => LlmGuard.RunAsync("cheap", ct => slowChat.GetResponseAsync("hi", cancellationToken: ct)));
        Assert.Equal(LlmTimeoutKind.Attempt, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
        Assert.True(slow.Attempts <= 1, "cheap has MaxRetries 0");

        Assert.Equal(3, await guard.RunAsync("unbounded", _ => Task.FromResult(3)));
        Assert.Same(guard, provider.GetRequiredService<ILlmGuard>());
    }

    [Fact]
    public void AppSettingsValuesLandOnTheOptions()
    {
        var options = new LlmGuardOptions();
        var keyPaths = new Dictionary<string, string>();

        LlmPreflight.Internal.ConfigurationReader.Apply(Json(AppSettings).GetSection("LlmPreflight"), options, keyPaths);

        Assert.Equal(TimeSpan.FromMinutes(3), options.DefaultPolicy.TotalTimeout);
        Assert.Equal(2, options.DefaultPolicy.MaxRetries);
        Assert.False(options.DefaultPolicy.UseJitter);
        Assert.Equal(TimeSpan.FromSeconds(100), options.DefaultPolicy.AttemptTimeout); // untouched keys keep their defaults
        LlmPolicyOptions cheap = options.Policies["cheap"];
        Assert.Equal(TimeSpan.FromMilliseconds(300), cheap.AttemptTimeout);
        Assert.Equal(60, cheap.RateLimitPermits);
        Assert.Equal(TimeSpan.FromMinutes(5), cheap.TotalTimeout); // named policies start from the built-in defaults
        Assert.Null(options.Policies["unbounded"].TotalTimeout);
        Assert.Null(options.Policies["unbounded"].StreamIdleTimeout);
        Assert.Equal("LlmPreflight:Policies:cheap:RateLimitPermits", keyPaths["cheap/RateLimitPermits"]);
    }

    [Fact]
    public void TheWholeConfigurationIsAcceptedWhenItHoldsTheSection()
    {
        var services = new ServiceCollection().AddLlmPreflight(Json(AppSettings));

        Assert.Equal(4, LlmGuard.Run("cheap", _ => 4));
        Assert.Single(services, d => d.ServiceType == typeof(ILlmGuard));
    }

    [Fact]
    public void UnparsableTimeSpanNamesTheKeyAndTheFormat()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(
            Memory(("LlmPreflight:Policies:cheap:AttemptTimeout", "30 seconds"), ("LlmPreflight:Default:MaxRetries", "two")).GetSection("LlmPreflight")));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("'LlmPreflight:Policies:cheap:AttemptTimeout'") && p.Contains("\"30 seconds\"") && p.Contains("\"00:00:30\""));
        Assert.Contains(error.Problems, p => p.Contains("'LlmPreflight:Default:MaxRetries'") && p.Contains("whole number"));
    }

    [Fact]
    public void NegativeTimeoutNamesTheKeyAndTheRange()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(
            Memory(("LlmPreflight:Policies:cheap:TotalTimeout", "-00:00:05")).GetSection("LlmPreflight")));

        string problem = Assert.Single(error.Problems);
        Assert.StartsWith("configuration key 'LlmPreflight:Policies:cheap:TotalTimeout': policy 'cheap': TotalTimeout", problem);
        Assert.Contains("between 10 ms and 1 day", problem);
    }

    [Fact]
    public void UnknownKeysAreNamed()
    {
        var error = Assert.Throws<LlmGuardConfigurationException>(() => new ServiceCollection().AddLlmPreflight(
            Memory(("LlmPreflight:Default:MaxRetry", "2"), ("LlmPreflight:Polices:cheap:MaxRetries", "1")).GetSection("LlmPreflight")));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("'LlmPreflight:Default:MaxRetry' is not a policy setting") && p.Contains("MaxRetries"));
        Assert.Contains(error.Problems, p => p.Contains("'LlmPreflight:Polices' is not a LlmPreflight setting") && p.Contains("Policies"));
    }

    [Fact]
    public async Task CodeAndConfigurationCompose()
    {
        int calls = 0;
        var services = new ServiceCollection()
            .AddLlmPreflight(o => o.AddPolicy("cheap", p => p.AddFallback<string>(_ => "busy")))
            .AddLlmPreflight(Memory(("LlmPreflight:Policies:cheap:MaxRetries", "0")).GetSection("LlmPreflight"));
        using ServiceProvider provider = services.BuildServiceProvider();

        string answer = await provider.GetRequiredService<ILlmGuard>().RunAsync<string>("cheap", _ =>
        {
            calls++;
            throw new HttpRequestException("connection refused");
        });

        Assert.Equal("busy", answer);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void AFailedRegistrationKeepsThePreviousConfiguration()
    {
        var services = new ServiceCollection().AddLlmPreflight(o => o.AddPolicy("kept", p => p.MaxRetries = 1));

        Assert.Throws<LlmGuardConfigurationException>(() => services.AddLlmPreflight(Memory(("Default:MaxRetries", "-1"))));
        services.AddLlmPreflight(o => o.DefaultPolicy.MaxRetries = 1);

        Assert.Equal(7, LlmGuard.Run("kept", _ => 7));
    }
}
