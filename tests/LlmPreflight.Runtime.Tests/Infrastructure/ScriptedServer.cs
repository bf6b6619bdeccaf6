using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, answering each request with the next scripted step
/// (the last step repeats). It records every request, serves at most <see cref="MaxRequests"/> and stops
/// when disposed, so no test can loop forever or reach beyond this machine.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    public const int MaxRequests = 64;

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Func<HttpListenerContext, CancellationToken, Task>> _steps = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;
    private Func<HttpListenerContext, CancellationToken, Task>? _last;

    public ScriptedServer(params Func<HttpListenerContext, CancellationToken, Task>[] steps)
    {
        foreach (var step in steps)
        {
            _steps.Enqueue(step);
        }

        int port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public Uri OpenAIEndpoint => new(Url + "v1");

    public int Attempts => _requests.Count;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The listener throws when stopped mid-accept; that is how the loop ends.
        }

        _listener.Close();
        _stop.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        var handlers = new List<Task>();
        for (int i = 0; i < MaxRequests && !_stop.IsCancellationRequested; i++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception)
            {
                break;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body, DateTimeOffset.UtcNow));
            var step = _steps.TryDequeue(out var next) ? (_last = next) : _last;
            handlers.Add(Task.Run(() => RunStepAsync(step, context)));
        }

        await Task.WhenAll(handlers);
    }

    private async Task RunStepAsync(Func<HttpListenerContext, CancellationToken, Task>? step, HttpListenerContext context)
    {
        try
        {
            if (step is null)
            {
                await Respond.Status(500, "{\"error\":{\"message\":\"no scripted step\"}}")(context, _stop.Token);
            }
            else
            {
                await step(context, _stop.Token);
            }
        }
        catch (Exception)
        {
            // The client went away (timeout, cancellation) or the server is stopping; nothing to report.
            try
            {
                context.Response.Abort();
            }
            catch (Exception)
            {
            }
        }
    }
}
