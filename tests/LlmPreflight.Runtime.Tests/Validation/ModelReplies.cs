using System.Net;
using System.Text;
using System.Text.Json;

namespace LlmPreflight.Runtime.Tests.Validation;

/// <summary>Scripted provider responses carrying a given text and finish/stop reason, in each API's wire format.</summary>
public static class ModelReplies
{
    private static string Quote(string? text) => text is null ? "null" : JsonSerializer.Serialize(text);

    /// <summary>An OpenAI chat completion whose message has <paramref name="content"/> and ends with <paramref name="finishReason"/>.</summary>
    public static string OpenAIChat(string? content, string finishReason = "stop", string? refusal = null)
        => "{\"id\":\"chatcmpl-v\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
            + $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{Quote(content)},\"refusal\":{Quote(refusal)}}},\"finish_reason\":\"{finishReason}\"}}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";

    /// <summary>An OpenAI Responses result with the given status, incomplete reason and output text.</summary>
    public static string OpenAIResponse(string status, string? incompleteReason, string text)
        => "{\"id\":\"resp_v\",\"object\":\"response\",\"created_at\":1700000000,\"status\":\"" + status + "\",\"model\":\"gpt-4o-mini\","
            + "\"incomplete_details\":" + (incompleteReason is null ? "null" : "{\"reason\":\"" + incompleteReason + "\"}") + ","
            + "\"output\":[{\"type\":\"message\",\"id\":\"msg_v\",\"status\":\"" + status + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":" + Quote(text) + ",\"annotations\":[]}]}],"
            + "\"usage\":{\"input_tokens\":5,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":16,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":21}}";

    /// <summary>An Anthropic message with one text block and the given stop reason.</summary>
    public static string AnthropicMessage(string text, string stopReason)
        => "{\"id\":\"msg_v\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\","
            + "\"content\":[{\"type\":\"text\",\"text\":" + Quote(text) + "}],\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":16}}";

    /// <summary>An OpenAI chat stream: one chunk per piece (no finish reason), then a chunk with <paramref name="finishReason"/>.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> OpenAIChatStream(string finishReason, params string[] pieces)
        => Lines(
            "text/event-stream",
            pieces.Select(p => "data: {\"id\":\"chatcmpl-v\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                    + $"\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{Quote(p)}}},\"finish_reason\":null}}]}}\n\n")
                .Append("data: {\"id\":\"chatcmpl-v\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                    + $"\"choices\":[{{\"index\":0,\"delta\":{{}},\"finish_reason\":\"{finishReason}\"}}]}}\n\n")
                .Append("data: [DONE]\n\n"));

    /// <summary>Ollama's /api/chat NDJSON stream: the text in one item, then the done item with <paramref name="doneReason"/>.</summary>
    public static Func<HttpListenerContext, CancellationToken, Task> OllamaChat(string text, string doneReason)
        => Lines(
            "application/x-ndjson",
            [
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":" + Quote(text) + "},\"done\":false}\n",
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"" + doneReason + "\","
                    + "\"total_duration\":1,\"load_duration\":1,\"prompt_eval_count\":5,\"prompt_eval_duration\":1,\"eval_count\":16,\"eval_duration\":1}\n",
            ]);

    private static Func<HttpListenerContext, CancellationToken, Task> Lines(string contentType, IEnumerable<string> lines)
        => async (context, ct) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = contentType;
            context.Response.SendChunked = true;
            foreach (string line in lines)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(line);
                await context.Response.OutputStream.WriteAsync(bytes, ct);
                await context.Response.OutputStream.FlushAsync(ct);
            }

            context.Response.Close();
        };
}
