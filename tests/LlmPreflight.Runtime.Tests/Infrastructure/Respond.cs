using System.Net;
using System.Text;

namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>Scripted server steps: the responses the OpenAI and Anthropic APIs give.</summary>
public static class Respond
{
    public const string ChatCompletionJson =
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";

    public const string EmbeddingsJson =
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,0.25]}],"
        + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}";

    public const string AnthropicMessageJson =
        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";

    public const string OpenAIError = "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"code\":null}}";

    public static Func<HttpListenerContext, CancellationToken, Task> Json(string json) => Status(200, json);

    public static Func<HttpListenerContext, CancellationToken, Task> Status(int status, string? body = null, params (string Name, string Value)[] headers)
        => async (context, ct) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            foreach (var (name, value) in headers)
            {
                context.Response.AddHeader(name, value);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(body ?? OpenAIError);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, ct);
            context.Response.Close();
        };

    public static Func<HttpListenerContext, CancellationToken, Task> AnthropicError(int status, string type)
        => Status(status, $"{{\"type\":\"error\",\"error\":{{\"type\":\"{type}\",\"message\":\"scripted {type}\"}}}}");

    /// <summary>
    /// Promises a body, sends a fragment of it and closes the socket, as a server that crashes or resets
    /// the connection mid-response does. (HttpListener cannot drop a connection before the status line:
    /// its Abort still sends an empty 200.)
    /// </summary>
    public static Func<HttpListenerContext, CancellationToken, Task> Reset()
        => async (context, ct) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = 4096;
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("{\"id\":"), ct);
            await context.Response.OutputStream.FlushAsync(ct);
            context.Response.Abort();
        };

    public static Func<HttpListenerContext, CancellationToken, Task> After(TimeSpan delay, Func<HttpListenerContext, CancellationToken, Task> then)
        => async (context, ct) =>
        {
            await Task.Delay(delay, ct);
            await then(context, ct);
        };

    /// <summary>How an SSE stream ends after its pieces.</summary>
    public enum StreamEnd
    {
        Done,
        Stall,
        Reset,
    }

    /// <summary>An OpenAI chat SSE stream of the given text pieces, ending as <paramref name="end"/> says.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> ChatStream(IReadOnlyList<string> pieces, StreamEnd end = StreamEnd.Done)
        => Sse(
            pieces.Select(piece => "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                + $"\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{piece}\"}},\"finish_reason\":null}}]}}\n\n").ToList(),
            "data: [DONE]\n\n",
            end);

    /// <summary>An Anthropic Messages SSE stream whose text arrives in the given pieces.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> AnthropicStream(IReadOnlyList<string> pieces, StreamEnd end = StreamEnd.Done)
    {
        var frames = new List<string>
        {
            AnthropicEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"),
            AnthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        };
        frames.AddRange(pieces.Select(piece => AnthropicEvent("content_block_delta", $"{{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{piece}\"}}}}")));
        string tail = AnthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
            + AnthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}")
            + AnthropicEvent("message_stop", "{\"type\":\"message_stop\"}");
        return Sse(frames, tail, end);
    }

    private static string AnthropicEvent(string name, string json) => $"event: {name}\ndata: {json}\n\n";

    /// <summary>Writes SSE frames one flush at a time, then the tail, or stalls or resets instead of the tail.</summary>
    private static Func<HttpListenerContext, CancellationToken, Task> Sse(IReadOnlyList<string> frames, string tail, StreamEnd end)
        => async (context, ct) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            // A reset stream promises more bytes than it sends: HttpListener ends an aborted chunked
            // body cleanly, which a client cannot tell from a finished stream.
            if (end == StreamEnd.Reset)
            {
                context.Response.ContentLength64 = 1 << 20;
            }
            else
            {
                context.Response.SendChunked = true;
            }

            var output = context.Response.OutputStream;
            foreach (string frame in frames)
            {
                await WriteAsync(output, frame, ct);
            }

            if (end == StreamEnd.Stall)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            else if (end == StreamEnd.Reset)
            {
                context.Response.Abort();
                return;
            }

            await WriteAsync(output, tail, ct);
            context.Response.Close();
        };

    private static async Task WriteAsync(Stream output, string text, CancellationToken ct)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        await output.WriteAsync(bytes, ct);
        await output.FlushAsync(ct);
    }
}
