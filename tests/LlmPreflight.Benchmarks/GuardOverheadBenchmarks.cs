using BenchmarkDotNet.Attributes;
using LlmPreflight;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LlmPreflight.Benchmarks;

/// <summary>
/// What LlmGuard adds to a call on the happy path, against the bare call and against a hand-built Polly pipeline
/// with the same strategies (total timeout, retry, attempt timeout). The call itself completes at once, so only
/// the guard's own cost is measured.
/// </summary>
[MemoryDiagnoser]
public class GuardOverheadBenchmarks
{
    private static readonly Task<int> s_completed = Task.FromResult(42);
    private ResiliencePipeline _polly = ResiliencePipeline.Empty;
    private readonly CancellationToken _token = new CancellationTokenSource().Token;

    [GlobalSetup]
    public void Setup()
    {
        LlmGuard.Configure(options => { });
        var attempts = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, UseJitter = true, Delay = TimeSpan.FromSeconds(1) })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(100) })
            .Build();
        _polly = new ResiliencePipelineBuilder()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromMinutes(5) })
            .AddPipeline(attempts)
            .Build();
    }

    private static Task<int> Call(CancellationToken cancellationToken) => s_completed;

    // A call that completes later, as a real HTTP call does: every async frame on the way must suspend and resume.
    private static async Task<int> YieldingCall(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return 42;
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareCall() => await Call(_token);

    [Benchmark]
    public async Task<int> HandBuiltPolly() => await _polly.ExecuteAsync(static async ct => await Call(ct), _token);

    [Benchmark]
    public async Task<int> LlmGuardRunAsync() => await LlmGuard.RunAsync(static ct => Call(ct), _token);

    [Benchmark]
    public async Task<int> BareYieldingCall() => await YieldingCall(_token);

    [Benchmark]
    public async Task<int> HandBuiltPollyYielding() => await _polly.ExecuteAsync(static async ct => await YieldingCall(ct), _token);

    [Benchmark]
    public async Task<int> LlmGuardRunAsyncYielding() => await LlmGuard.RunAsync(static ct => YieldingCall(ct), _token);
}
