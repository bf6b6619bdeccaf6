using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0009 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0009_TokenUsageNotRecorded>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0009Tests
{
    [Fact]
    public Task OpenAI_discarded_results_and_results_whose_usage_is_never_read_are_flagged() => VerifyLLM0009.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task<string> TextOnly(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await {|LLM0009:client.CompleteChatAsync(messages, null, ct)|};
                _ = {|LLM0009:client.CompleteChat(messages, null, ct)|};
                ChatCompletion completion = await {|LLM0009:client.CompleteChatAsync(messages, null, ct)|};
                var text = (await {|LLM0009:client.CompleteChatAsync(messages, null, ct)|}).Value.Content[0].Text;
                return completion.Content[0].Text + text;
            }

            async Task<string> ReadsUsage(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                ChatCompletion completion = await client.CompleteChatAsync(messages, null, ct);
                System.Console.WriteLine(completion.Usage.TotalTokenCount);
                return completion.Content[0].Text;
            }

            async Task<string> ReadsUsageThroughValue(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                var result = await client.CompleteChatAsync(messages, null, ct);
                Record(result.Value.Usage.InputTokenCount);
                return result.Value.Content[0].Text;
            }

            static void Record(int tokens) { }
        }
        """);

    [Fact]
    public Task Results_passed_on_are_the_receivers_to_record() => VerifyLLM0009.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            private ChatCompletion _last;
            public ChatCompletion Last { get; set; }
            private readonly List<ChatCompletion> _all = new();

            Task<ClientResult<ChatCompletion>> Forward(ChatClient client, List<ChatMessage> messages, CancellationToken ct) =>
                client.CompleteChatAsync(messages, null, ct);

            async Task<ChatCompletion> Return(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                var completion = await client.CompleteChatAsync(messages, null, ct);
                return completion;
            }

            async Task Store(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                _last = await client.CompleteChatAsync(messages, null, ct);
                Last = await client.CompleteChatAsync(messages, null, ct);
                ChatCompletion local = await client.CompleteChatAsync(messages, null, ct);
                _all.Add(local);
                Log(await client.CompleteChatAsync(messages, null, ct));
            }

            static void Log(ChatCompletion completion) { }
        }
        """);

    [Fact]
    public Task Streaming_calls_need_usage_read_from_the_updates() => VerifyLLM0009.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ChatClient = OpenAI.Chat.ChatClient;
        using ChatMessage = OpenAI.Chat.ChatMessage;

        class C
        {
            async Task NoUsage(ChatClient client, IChatClient meai, List<ChatMessage> messages, CancellationToken ct)
            {
                await foreach (var update in {|LLM0009:client.CompleteChatStreamingAsync(messages, null, ct)|})
                {
                    System.Console.Write(update.ContentUpdate.Count);
                }

                await foreach (var update in {|LLM0009:meai.GetStreamingResponseAsync("x", cancellationToken: ct)|})
                {
                    System.Console.Write(update.Text);
                }
            }

            async Task OpenAIUsage(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await foreach (var update in client.CompleteChatStreamingAsync(messages, null, ct))
                {
                    if (update.Usage is { } usage) System.Console.Write(usage.TotalTokenCount);
                }
            }

            async Task MeaiUsageContent(IChatClient meai, CancellationToken ct)
            {
                await foreach (var update in meai.GetStreamingResponseAsync("x", cancellationToken: ct))
                {
                    foreach (var content in update.Contents)
                    {
                        if (content is UsageContent usage) System.Console.Write(usage.Details.TotalTokenCount);
                    }
                }
            }

            async IAsyncEnumerable<ChatResponseUpdate> Relay(IChatClient meai, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
            {
                await foreach (var update in meai.GetStreamingResponseAsync("x", cancellationToken: ct))
                {
                    yield return update;
                }
            }
        }
        """);

    [Fact]
    public Task Semantic_Kernel_Anthropic_Ollama_Agents_and_Azure() => VerifyLLM0009.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Azure.AI.OpenAI;
        using Microsoft.Agents.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OllamaSharp;
        using OllamaSharp.Models.Chat;
        using OpenAI.Chat;

        class C
        {
            async Task Flagged(Kernel kernel, IChatCompletionService sk, ChatHistory history, IAnthropicClient anthropic, MessageCreateParams parameters,
                IOllamaApiClient ollama, ChatRequest request, AIAgent agent, AzureOpenAIClient azure, CancellationToken ct)
            {
                var result = await {|LLM0009:kernel.InvokePromptAsync("Hi", cancellationToken: ct)|};
                Console.WriteLine(result.GetValue<string>());
                var reply = await {|LLM0009:sk.GetChatMessageContentAsync(history, cancellationToken: ct)|};
                Console.WriteLine(reply.Content);
                var message = await {|LLM0009:anthropic.Messages.Create(parameters, ct)|};
                Console.WriteLine(message.Content.Count);
                await foreach (var chunk in {|LLM0009:ollama.ChatAsync(request, ct)|})
                {
                    Console.Write(chunk?.Message.Content);
                }

                var run = await {|LLM0009:agent.RunAsync("Plan", cancellationToken: ct)|};
                Console.WriteLine(run.Text);
                ChatCompletion completion = await {|LLM0009:azure.GetChatClient("deployment").CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }, null, ct)|};
                Console.WriteLine(completion.Content[0].Text);
            }

            async Task SemanticKernelMetadata(Kernel kernel, CancellationToken ct)
            {
                var result = await kernel.InvokePromptAsync("Hi", cancellationToken: ct);
                Console.WriteLine(result.Metadata?["Usage"]);
            }

            async Task AnthropicUsage(IAnthropicClient anthropic, MessageCreateParams parameters, CancellationToken ct)
            {
                var message = await anthropic.Messages.Create(parameters, ct);
                Console.WriteLine(message.Usage.OutputTokens);
            }

            async Task OllamaDoneItem(IOllamaApiClient ollama, ChatRequest request, CancellationToken ct)
            {
                await foreach (var chunk in ollama.ChatAsync(request, ct))
                {
                    if (chunk is ChatDoneResponseStream done) Console.WriteLine(done.EvalCount);
                }
            }
        }
        """);

    [Fact]
    public Task Calls_with_no_usage_in_their_result_are_not_flagged() => VerifyLLM0009.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using OllamaSharp;
        using OpenAI.Embeddings;
        using OpenAI.Moderations;

        class C
        {
            async Task M(ModerationClient moderation, EmbeddingClient embeddings, Chat chat, CancellationToken ct)
            {
                await moderation.ClassifyTextAsync("text", ct);
                await embeddings.GenerateEmbeddingAsync("one text", null, ct);
                await {|LLM0009:embeddings.GenerateEmbeddingsAsync(new[] { "a", "b" }, null, ct)|};
                await foreach (var token in chat.SendAsync("hi", ct))
                {
                }
            }
        }
        """);

    [Fact]
    public Task Guards_with_cost_tracking_and_OpenTelemetry_pipelines_record_usage() => VerifyLLM0009.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        namespace App
        {
            static class Guard
            {
                public static Task<T> Run<T>(Func<Task<T>> call) => call();
                public static Task<T> RetryOnly<T>(Func<Task<T>> call) => call();
            }

            class C
            {
                async Task M(ResiliencePipeline pipeline, IChatClient client, CancellationToken ct)
                {
                    await Guard.Run(() => client.GetResponseAsync("x", cancellationToken: ct));
                    var text = (await Guard.RetryOnly(async () => (await {|LLM0009:client.GetResponseAsync("x", cancellationToken: ct)|}).Text));
                    var polly = await pipeline.ExecuteAsync(async token => (await {|LLM0009:client.GetResponseAsync("x", cancellationToken: token)|}).Text, ct);
                }
            }
        }
        """, new TestOptions { EditorConfig = ["llm_preflight.guard_methods = M:App.Guard.Run|M:App.Guard.RetryOnly=retry"] });

    [Fact]
    public Task A_pipeline_with_UseOpenTelemetry_records_usage() => VerifyLLM0009.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<string> M(IChatClient inner, CancellationToken ct)
            {
                IChatClient client = new ChatClientBuilder(inner).UseOpenTelemetry().Build();
                var response = await client.GetResponseAsync("x", cancellationToken: ct);
                return response.Text;
            }

            async Task<string> Elsewhere(IChatClient client, CancellationToken ct)
            {
                // The compilation instruments its MEAI pipeline (usually in the DI setup), so usage is recorded.
                var response = await client.GetResponseAsync("x", cancellationToken: ct);
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task Without_OpenTelemetry_in_the_compilation_MEAI_calls_are_flagged() => VerifyLLM0009.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<string> M(IChatClient client, CancellationToken ct)
            {
                var response = await {|LLM0009:client.GetResponseAsync("x", cancellationToken: ct)|};
                Func<Task<string>> lambda = async () => (await {|LLM0009:client.GetResponseAsync("lambda", cancellationToken: ct)|}).Text;
                async Task<string> Local() => (await {|LLM0009:client.GetResponseAsync("local", cancellationToken: ct)|}).Text;
                return response.Text;
            }

            async Task<UsageDetails> ReadsUsage(IChatClient client, CancellationToken ct) =>
                (await client.GetResponseAsync("read", cancellationToken: ct)).Usage;
        }
        """);

    [Fact]
    public Task Top_level_statements() => VerifyLLM0009.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using OpenAI.Chat;

        var client = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        ChatCompletion answer = {|LLM0009:client.CompleteChat(new List<ChatMessage> { new UserChatMessage("hi") })|};
        Console.WriteLine(answer.Content[0].Text);
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Csharp_7_3() => VerifyLLM0009.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task<string> M(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                ChatCompletion completion = await {|LLM0009:client.CompleteChatAsync(messages, null, ct)|};
                return completion.Content[0].Text;
            }

            async Task<int> N(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                ChatCompletion completion = await client.CompleteChatAsync(messages, null, ct);
                return completion.Usage.TotalTokenCount;
            }
        }
        """, new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task Legacy_SDKs() => VerifyLLM0009.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task M(OpenAIClient azure, ChatCompletionsOptions options, OpenAIAPI api, ChatRequest request, CancellationToken ct)
            {
                var completions = await {|LLM0009:azure.GetChatCompletionsAsync("deployment", options, ct)|};
                Console.WriteLine(completions.Value.Choices[0].Message.Content);
                var result = await {|LLM0009:api.Chat.CreateChatCompletionAsync(request)|};
                Console.WriteLine(result.Choices[0].Message.TextContent);
            }

            async Task N(OpenAIAPI api, ChatRequest request)
            {
                var result = await api.Chat.CreateChatCompletionAsync(request);
                Console.WriteLine(result.Usage.TotalTokens);
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });
}
