using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0004 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0004_UnhandledModelCallFailure>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0004Tests
{
    [Fact]
    public Task OpenAI_calls_outside_a_try_are_flagged_and_catches_of_the_SDK_exception_or_a_base_handle_them() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class C
        {
            async Task M(ChatClient client, EmbeddingClient embeddings, List<ChatMessage> messages, CancellationToken ct)
            {
                await {|LLM0004:client.CompleteChatAsync(messages, null, ct)|};
                {|LLM0004:client.CompleteChat(messages, null, ct)|};
                await {|LLM0004:embeddings.GenerateEmbeddingAsync("text", null, ct)|};
                try { await client.CompleteChatAsync(messages, null, ct); } catch (ClientResultException) { }
                try { await client.CompleteChatAsync(messages, null, ct); } catch (ClientResultException e) when (e.Status == 429) { }
                try { await client.CompleteChatAsync(messages, null, ct); } catch (Exception) { }
                try { await client.CompleteChatAsync(messages, null, ct); } catch { }
                try { await client.CompleteChatAsync(messages, null, ct); } catch (Exception e) { Console.WriteLine(e); throw; }
                try { await client.CompleteChatAsync(messages, null, ct); } catch (OperationCanceledException) { } catch (ClientResultException) { }
                try
                {
                    try { await client.CompleteChatAsync(messages, null, ct); } finally { Console.WriteLine("done"); }
                }
                catch (ClientResultException)
                {
                }
            }
        }
        """);

    [Fact]
    public Task Catches_of_unrelated_exceptions_do_not_handle_the_failure() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, Kernel kernel, List<ChatMessage> messages, CancellationToken ct)
            {
                try { await {|LLM0004:client.CompleteChatAsync(messages, null, ct)|}; } catch (OperationCanceledException) { }
                try { await {|LLM0004:client.CompleteChatAsync(messages, null, ct)|}; } catch (JsonException) { }
                try { await {|LLM0004:client.CompleteChatAsync(messages, null, ct)|}; } catch (HttpRequestException) { }
                try { await {|LLM0004:client.CompleteChatAsync(messages, null, ct)|}; } finally { }
                // Semantic Kernel's HttpOperationException is not a KernelException.
                try { await {|LLM0004:kernel.InvokePromptAsync("Hi", cancellationToken: ct)|}; } catch (KernelException) { }
                try { await kernel.InvokePromptAsync("Hi", cancellationToken: ct); } catch (HttpOperationException) { }
            }
        }
        """);

    [Fact]
    public Task Every_SDK_has_its_own_failure_type() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;
        using Azure;
        using Azure.AI.Inference;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel.ChatCompletion;
        using OllamaSharp;
        using OllamaSharp.Models.Exceptions;

        class C
        {
            async Task M(IAnthropicClient anthropic, MessageCreateParams parameters, IChatClient meai, IChatCompletionService sk, ChatHistory history,
                IOllamaApiClient ollama, ChatCompletionsClient inference, ChatCompletionsOptions options, AIAgent agent, CancellationToken ct)
            {
                await {|LLM0004:anthropic.Messages.Create(parameters, ct)|};
                try { await anthropic.Messages.Create(parameters, ct); } catch (AnthropicException) { }
                try { await anthropic.Messages.Create(parameters, ct); } catch (AnthropicRateLimitException) { }
                try { await {|LLM0004:anthropic.Messages.Create(parameters, ct)|}; } catch (ClientResultException) { }

                await {|LLM0004:meai.GetResponseAsync("x", cancellationToken: ct)|};
                try { await meai.GetResponseAsync("x", cancellationToken: ct); } catch (ClientResultException) { }
                try { await {|LLM0004:meai.GetResponseAsync("x", cancellationToken: ct)|}; } catch (TaskCanceledException) { }

                await {|LLM0004:sk.GetChatMessageContentAsync(history, cancellationToken: ct)|};

                await {|LLM0004:ollama.EmbedAsync("text", ct)|};
                try { await ollama.EmbedAsync("text", ct); } catch (OllamaException) { }

                await {|LLM0004:inference.CompleteAsync(options, ct)|};
                try { await inference.CompleteAsync(options, ct); } catch (RequestFailedException) { }

                await {|LLM0004:agent.RunAsync("Plan", cancellationToken: ct)|};
                try { await agent.RunAsync("Plan", cancellationToken: ct); } catch (Exception) { }
            }
        }
        """);

    [Fact]
    public Task Azure_OpenAI_2x_throws_ClientResultException() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;
        using OpenAI.Chat;

        class C
        {
            async Task M(AzureOpenAIClient azure, CancellationToken ct)
            {
                ChatClient chat = azure.GetChatClient("deployment");
                await {|LLM0004:chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }, null, ct)|};
                try { await {|LLM0004:chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }, null, ct)|}; } catch (RequestFailedException) { }
                try { await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }, null, ct); } catch (ClientResultException) { }
            }
        }
        """);

    [Fact]
    public Task Betalgo_does_not_throw_so_the_member_must_check_Successful_or_Error() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;

        class C
        {
            async Task<string> Unchecked(IOpenAIService service, ChatCompletionCreateRequest request, CancellationToken ct)
            {
                try
                {
                    var response = await {|LLM0004:service.ChatCompletion.CreateCompletion(request, cancellationToken: ct)|};
                    return response.Choices[0].Message.Content;
                }
                catch (Exception)
                {
                    return "";
                }
            }

            async Task<string> Checked(IOpenAIService service, ChatCompletionCreateRequest request, CancellationToken ct)
            {
                var response = await service.ChatCompletion.CreateCompletion(request, cancellationToken: ct);
                if (!response.Successful)
                {
                    return "Sorry: " + response.Error?.Message;
                }

                return response.Choices[0].Message.Content;
            }

            Task<ChatCompletionCreateResponse> PassedToTheCaller(IOpenAIService service, ChatCompletionCreateRequest request, CancellationToken ct) =>
                service.ChatCompletion.CreateCompletion(request, cancellationToken: ct);
        }
        """);

    [Fact]
    public Task Guards_with_fallback_handle_the_failure_and_guards_without_it_do_not() => VerifyLLM0004.AnalyzerAsync("""
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
                public static Task<T> TimeoutOnly<T>(Func<Task<T>> call) => call();
                public static Task<T> WithFallback<T>(Func<Task<T>> call) => call();
            }

            class C
            {
                async Task M(ResiliencePipeline pipeline, IAsyncPolicy policy, IChatClient client, CancellationToken ct)
                {
                    await pipeline.ExecuteAsync(async token => await client.GetResponseAsync("x", cancellationToken: token), ct);
                    await policy.ExecuteAsync(() => client.GetResponseAsync("x", cancellationToken: ct));
                    await Guard.Run(() => client.GetResponseAsync("x", cancellationToken: ct));
                    await Guard.WithFallback(() => client.GetResponseAsync("x", cancellationToken: ct));
                    await Guard.TimeoutOnly(() => {|LLM0004:client.GetResponseAsync("x", cancellationToken: ct)|});
                    await Guard.Run(Local);
                    Task<ChatResponse> Local() => client.GetResponseAsync("local function", cancellationToken: ct);
                }
            }
        }
        """, new TestOptions { EditorConfig = ["llm_preflight.guard_methods = M:App.Guard.Run|M:App.Guard.TimeoutOnly=timeout|M:App.Guard.WithFallback=retry,fallback"] });

    [Fact]
    public Task Csharp_forms_lambdas_local_functions_and_the_fallback_in_a_catch() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            private readonly IChatClient _primary;
            private readonly IChatClient _backup;

            C(IChatClient primary, IChatClient backup) { _primary = primary; _backup = backup; }

            Task<ChatResponse> Ask(string q, CancellationToken ct) => {|LLM0004:_primary?.GetResponseAsync(q, cancellationToken: ct)|};

            async Task<string> WithFallback(string q, CancellationToken ct)
            {
                try
                {
                    return (await _primary.GetResponseAsync(q, cancellationToken: ct)).Text;
                }
                catch (Exception)
                {
                    // The fallback: its own failure is the caller's to handle.
                    return (await _backup.GetResponseAsync(q, cancellationToken: ct)).Text;
                }
            }

            async Task M(IEnumerable<string> items, CancellationToken ct)
            {
                try
                {
                    await Task.WhenAll(items.Select(i => _primary.GetResponseAsync(i, cancellationToken: ct)));
                }
                catch (Exception)
                {
                }

                var answers = await Task.WhenAll(items.Select(async i => await {|LLM0004:_primary.GetResponseAsync(i, cancellationToken: ct)|}));
                Func<Task<ChatResponse>> f = () => {|LLM0004:_primary.GetResponseAsync("lambda", cancellationToken: ct)|};
                async Task<ChatResponse> Local() => await {|LLM0004:_primary.GetResponseAsync("local", cancellationToken: ct)|};
                await foreach (var update in {|LLM0004:_primary.GetStreamingResponseAsync("stream", cancellationToken: ct)|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task A_model_method_that_forwards_to_another_leaves_failures_to_its_callers() => VerifyLLM0004.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        sealed class CountingChatClient : DelegatingChatClient
        {
            public CountingChatClient(IChatClient inner) : base(inner) { }

            public int Calls { get; private set; }

            public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default)
            {
                Calls++;
                return base.GetResponseAsync(messages, options, cancellationToken);
            }

            public async Task<string> NotAForward(string prompt, CancellationToken ct) =>
                (await {|LLM0004:InnerClient.GetResponseAsync(prompt, cancellationToken: ct)|}).Text;
        }
        """);

    [Fact]
    public Task Top_level_statements() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using OpenAI.Chat;

        var client = new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        var messages = new List<ChatMessage> { new UserChatMessage("hi") };
        {|LLM0004:client.CompleteChat(messages)|};
        try { client.CompleteChat(messages); } catch (Exception e) { Console.WriteLine(e.Message); }
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Csharp_7_3() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await {|LLM0004:client.CompleteChatAsync(messages, null, ct)|};
                try { await client.CompleteChatAsync(messages, null, ct); } catch (ClientResultException e) when (e.Status >= 500) { }
            }
        }
        """, new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task Legacy_SDKs() => VerifyLLM0004.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task M(OpenAIClient azure, ChatCompletionsOptions options, OpenAIAPI api, ChatRequest request, CancellationToken ct)
            {
                await {|LLM0004:azure.GetChatCompletionsAsync("deployment", options, ct)|};
                try { await azure.GetChatCompletionsAsync("deployment", options, ct); } catch (RequestFailedException) { }
                await {|LLM0004:api.Chat.CreateChatCompletionAsync(request)|};
                try { await api.Chat.CreateChatCompletionAsync(request); } catch (Exception) { }
                try { await api.Chat.CreateChatCompletionAsync(request); } catch (System.Net.Http.HttpRequestException) { }
                try { api.Chat.CreateChatCompletionAsync(request).Wait(); } catch (AggregateException) { }
                try { await {|LLM0004:api.Chat.CreateChatCompletionAsync(request)|}; } catch (InvalidOperationException) { }
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Fact]
    public Task Projects_without_an_SDK_get_nothing() => VerifyLLM0004.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            Task<string> M(HttpClient http) => http.GetStringAsync("https://example.com");
        }
        """, new TestOptions { Sdks = SdkSet.None });
}
