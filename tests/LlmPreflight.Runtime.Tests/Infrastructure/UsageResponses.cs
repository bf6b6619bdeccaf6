using System.Net;
using System.Text;

namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>Scripted responses that report known token usage, for the cost and telemetry tests.</summary>
public static class UsageResponses
{
    /// <summary>An OpenAI chat completion with the given usage (cached tokens in prompt_tokens_details).</summary>
    public static string ChatCompletion(string model, int input, int output, int cached = 0)
        => "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + model + "\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"priced\"},\"finish_reason\":\"stop\"}],"
            + $"\"usage\":{{\"prompt_tokens\":{input},\"completion_tokens\":{output},\"total_tokens\":{input + output},"
            + $"\"prompt_tokens_details\":{{\"cached_tokens\":{cached}}}}}}}";

    public static string Embeddings(string model, int input)
        => "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,0.25]}],"
            + $"\"model\":\"{model}\",\"usage\":{{\"prompt_tokens\":{input},\"total_tokens\":{input}}}}}";

    public static string AnthropicMessage(string model, int input, int output, int cacheRead)
        => "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + $"\"usage\":{{\"input_tokens\":{input},\"output_tokens\":{output},\"cache_read_input_tokens\":{cacheRead},\"cache_creation_input_tokens\":0}}}}";

    /// <summary>An OpenAI chat stream: one chunk per piece, then a chunk with no choices carrying the usage, then [DONE].</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> ChatStreamWithUsage(string model, int input, int output, params string[] pieces)
    {
        var frames = pieces
            .Select(piece => "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"" + model + "\","
                + $"\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{piece}\"}},\"finish_reason\":null}}]}}")
            .Append("{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"" + model + "\",\"choices\":[],"
                + $"\"usage\":{{\"prompt_tokens\":{input},\"completion_tokens\":{output},\"total_tokens\":{input + output}}}}}")
            .Select(json => $"data: {json}\n\n")
            .Append("data: [DONE]\n\n");
        return EventStream(frames);
    }

    /// <summary>An Anthropic stream: message_start (input count), one text delta, message_delta (cumulative output), message_stop.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> AnthropicStreamWithUsage(string model, int input, int output)
        => EventStream(new[]
        {
            ("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + $"\"usage\":{{\"input_tokens\":{input},\"output_tokens\":1}}}}}}"),
            ("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            ("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}"),
            ("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            ("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null}," + $"\"usage\":{{\"output_tokens\":{output}}}}}"),
            ("message_stop", "{\"type\":\"message_stop\"}"),
        }.Select(e => $"event: {e.Item1}\ndata: {e.Item2}\n\n"));

    private static Func<HttpListenerContext, CancellationToken, Task> EventStream(IEnumerable<string> frames)
        => async (context, ct) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            context.Response.SendChunked = true;
            foreach (string frame in frames)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(frame);
                await context.Response.OutputStream.WriteAsync(bytes, ct);
                await context.Response.OutputStream.FlushAsync(ct);
            }

            context.Response.Close();
        };
}
