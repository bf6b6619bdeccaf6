// A support-desk assistant: it answers customer questions with OpenAI and summarizes tickets through
// Microsoft.Extensions.AI. Lines marked "expect:" are the ones LlmPreflight reports; the rest is the safe way.
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Threading;
using System.Threading.Tasks;
using ChatSample;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

using var shutdown = new CancellationTokenSource(TimeSpan.FromMinutes(2));

var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
if (string.IsNullOrEmpty(apiKey))
{
    Console.WriteLine("Set OPENAI_API_KEY to run the sample against the real API; building it is enough to see the diagnostics.");
    return;
}

// An explicit policy: OpenAI's default retries three times with no delay between attempts.
var openAi = new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
var desk = new SupportDesk(openAi.GetChatClient("gpt-4o-mini"));
Console.WriteLine(await desk.AnswerAsync("How do I reset my password?", shutdown.Token));

// OpenTelemetry on the pipeline records every call's token usage (gen_ai.client.token.usage), so the summarizer's
// calls need not read Usage themselves.
IChatClient summarizer = openAi.GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseOpenTelemetry().Build();
var summaries = new TicketSummarizer(summarizer);
Console.WriteLine(await summaries.SummarizeAsync("Printer on floor 3 is jammed again.", shutdown.Token));
Console.WriteLine(summaries.SummarizeBlocking("VPN drops every hour."));
