using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0005Tests
{
    private static Task Analyze(string source, TestOptions? options = null) =>
        Verify<LLM0005_BlockingModelCallInAsyncCode>.AnalyzerAsync(source, options);

    private static Task Analyze(string[] sources, TestOptions? options = null) =>
        Verify<LLM0005_BlockingModelCallInAsyncCode>.AnalyzerAsync(sources, options);

    private static DiagnosticResult Diagnostic(int markupKey) =>
        new DiagnosticResult(Descriptors.LLM0005_BlockingModelCallInAsyncCode).WithLocation(markupKey);

    // ---- (a) synchronous forms in async functions -------------------------------------------------------------

    [Fact]
    public Task OpenAI_sync_chat_embeddings_images_in_async_method_are_flagged() => Analyze("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        using OpenAI.Images;

        class C
        {
            async Task<string> M(ChatClient chat, EmbeddingClient embeddings, ImageClient images, List<ChatMessage> messages)
            {
                await Task.Yield();
                ChatCompletion completion = {|LLM0005:chat.CompleteChat(messages)|};
                var vectors = {|LLM0005:embeddings.GenerateEmbeddings(new[] { "a", "b" })|};
                var single = {|LLM0005:embeddings.GenerateEmbedding("a")|};
                var image = {|LLM0005:images.GenerateImage("a cat")|};
                return completion.Content[0].Text + vectors.Value.Count + single.Value.Index + image.Value.ImageUri;
            }
        }
        """);

    [Fact]
    public Task OpenAI_async_forms_awaited_are_not_flagged() => Analyze("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class C
        {
            async Task M(ChatClient chat, EmbeddingClient embeddings, List<ChatMessage> messages, CancellationToken ct)
            {
                var completion = await chat.CompleteChatAsync(messages, cancellationToken: ct);
                var vectors = await embeddings.GenerateEmbeddingsAsync(new[] { "a" }, cancellationToken: ct).ConfigureAwait(false);
                await foreach (var update in chat.CompleteChatStreamingAsync(messages, cancellationToken: ct))
                {
                }
            }
        }
        """);

    [Fact]
    public Task Sync_calls_in_sync_code_are_not_flagged() => Analyze("""
        using System.Collections.Generic;
        using OpenAI.Chat;

        class C
        {
            string M(ChatClient chat, List<ChatMessage> messages)
            {
                ChatCompletion completion = chat.CompleteChat(messages);
                foreach (var update in chat.CompleteChatStreaming(messages))
                {
                }

                return completion.Content[0].Text;
            }

            string Property => new ChatClient("gpt-4o", "key").CompleteChat("hi").Value.Content[0].Text;
        }
        """);

    [Fact]
    public async Task Message_names_the_sync_form_and_its_async_counterpart()
    {
        await Verify<LLM0005_BlockingModelCallInAsyncCode>.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class C
            {
                async Task M(ChatClient chat, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    {|#0:chat.CompleteChat(messages)|};
                    foreach (var update in {|#1:chat.CompleteChatStreaming(messages)|})
                    {
                    }
                }
            }
            """,
            new TestOptions
            {
                ExpectedCompilerDiagnostics =
                [
                    Diagnostic(0).WithArguments("'ChatClient.CompleteChat' is the synchronous form in an async method", "; use 'CompleteChatAsync' and await it"),
                    Diagnostic(1).WithArguments("'ChatClient.CompleteChatStreaming' is the synchronous form in an async method", "; use 'CompleteChatStreamingAsync' with 'await foreach'"),
                ],
            });
    }

    [Fact]
    public async Task Message_names_the_blocking_member_and_what_to_do()
    {
        await Verify<LLM0005_BlockingModelCallInAsyncCode>.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class C
            {
                string Sync(ChatClient chat, List<ChatMessage> messages) =>
                    {|#0:chat.CompleteChatAsync(messages)|}.Result.Value.Content[0].Text;

                async Task Async(ChatClient chat, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    {|#1:chat.CompleteChatAsync(messages)|}.Wait();
                    {|#2:chat.CompleteChatAsync(messages)|}.ConfigureAwait(false).GetAwaiter().GetResult();
                }
            }
            """,
            new TestOptions
            {
                ExpectedCompilerDiagnostics =
                [
                    Diagnostic(0).WithArguments("'.Result' on 'ChatClient.CompleteChatAsync'", "; make the caller async and await the call"),
                    Diagnostic(1).WithArguments("'.Wait()' on 'ChatClient.CompleteChatAsync'", "; await the call instead"),
                    Diagnostic(2).WithArguments("'.GetAwaiter().GetResult()' on 'ChatClient.CompleteChatAsync'", "; await the call instead"),
                ],
            });
    }

    [Fact]
    public async Task Message_names_the_kind_of_async_function()
    {
        await Verify<LLM0005_BlockingModelCallInAsyncCode>.AnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using OpenAI.Embeddings;

            class C
            {
                void M(EmbeddingClient embeddings)
                {
                    Func<Task> lambda = async () => { await Task.Yield(); {|#0:embeddings.GenerateEmbedding("a")|}; };
                    Func<Task> anonymous = async delegate { await Task.Yield(); {|#1:embeddings.GenerateEmbedding("b")|}; };

                    async Task Local()
                    {
                        await Task.Yield();
                        {|#2:embeddings.GenerateEmbedding("c")|};
                    }
                }
            }
            """,
            new TestOptions
            {
                ExpectedCompilerDiagnostics =
                [
                    Diagnostic(0).WithArguments("'EmbeddingClient.GenerateEmbedding' is the synchronous form in an async lambda", "; use 'GenerateEmbeddingAsync' and await it"),
                    Diagnostic(1).WithArguments("'EmbeddingClient.GenerateEmbedding' is the synchronous form in an async anonymous method", "; use 'GenerateEmbeddingAsync' and await it"),
                    Diagnostic(2).WithArguments("'EmbeddingClient.GenerateEmbedding' is the synchronous form in an async local function", "; use 'GenerateEmbeddingAsync' and await it"),
                ],
            });
    }

    [Fact]
    public async Task Message_for_top_level_statements()
    {
        await Verify<LLM0005_BlockingModelCallInAsyncCode>.AnalyzerAsync("""
            using System.Threading.Tasks;
            using OpenAI.Chat;

            var chat = new ChatClient("gpt-4o", System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
            await Task.Yield();
            {|#0:chat.CompleteChat("Hello")|};
            """,
            new TestOptions
            {
                OutputKind = OutputKind.ConsoleApplication,
                ExpectedCompilerDiagnostics =
                [
                    Diagnostic(0).WithArguments("'ChatClient.CompleteChat' is the synchronous form in top-level statements that use await", "; use 'CompleteChatAsync' and await it"),
                ],
            });
    }

    [Fact]
    public Task Sync_streaming_and_responses_in_async_method_are_flagged() => Analyze("""
        #pragma warning disable OPENAI001
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenAI.Responses;

        class C
        {
            async Task M(ChatClient chat, ResponsesClient responses, List<ChatMessage> messages)
            {
                await Task.Yield();
                foreach (var update in {|LLM0005:chat.CompleteChatStreaming(messages)|})
                {
                }

                var response = {|LLM0005:responses.CreateResponse("gpt-4.1", "Say hi")|};
                var fine = await responses.CreateResponseAsync("gpt-4.1", "Say hi");
            }
        }
        """);

    [Fact]
    public Task Nearest_function_decides_async_lambda_flagged_sync_lambda_not() => Analyze("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> messages)
            {
                // A sync lambda run on the pool inside an async method is the usual offloading idiom.
                var offloaded = await Task.Run(() => chat.CompleteChat(messages));

                Func<Task<string>> asyncLambda = async () =>
                {
                    await Task.Yield();
                    return {|LLM0005:chat.CompleteChat(messages)|}.Value.Content[0].Text;
                };

                Func<Task> asyncExpressionLambda = async () => {|LLM0005:chat.CompleteChat(messages)|};
                Func<Task> anonymous = async delegate { {|LLM0005:chat.CompleteChat(messages)|}; await Task.Yield(); };
            }

            void Sync(ChatClient chat, List<ChatMessage> messages)
            {
                Func<Task> asyncLambdaInSyncMethod = async () => { {|LLM0005:chat.CompleteChat(messages)|}; await Task.Yield(); };
            }
        }
        """);

    [Fact]
    public Task Local_functions_follow_their_own_async_modifier() => Analyze("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> messages)
            {
                await Task.Yield();
                Complete();
                await CompleteAsync();

                ChatCompletion Complete() => chat.CompleteChat(messages);

                async Task<ChatCompletion> CompleteAsync()
                {
                    await Task.Yield();
                    return {|LLM0005:chat.CompleteChat(messages)|};
                }
            }

            void Sync(ChatClient chat, List<ChatMessage> messages)
            {
                async Task Local() => await Task.FromResult({|LLM0005:chat.CompleteChat(messages)|});
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_async_members_partial_classes_conditional_access_named_arguments() => Analyze(["""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        partial class C
        {
            private ChatClient _chat;

            async Task<ChatCompletion> Expression(List<ChatMessage> messages) => {|LLM0005:_chat.CompleteChat(messages)|};

            async Task<string> Conditional(ChatClient maybe, List<ChatMessage> messages)
            {
                await Task.Yield();
                return maybe?{|LLM0005:.CompleteChat(messages)|}.Value.Content[0].Text;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        partial class C
        {
            async Task Named(List<ChatMessage> messages, CancellationToken ct)
            {
                await Task.Yield();
                {|LLM0005:_chat.CompleteChat(cancellationToken: ct, options: new ChatCompletionOptions(), messages: messages)|};
            }
        }
        """]);

    [Fact]
    public Task Top_level_statements_with_await_count_as_async() => Analyze("""
        using System.Threading.Tasks;
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        await Task.Yield();
        var completion = {|LLM0005:chat.CompleteChat("Hello")|};
        System.Console.WriteLine(completion.Value.Content[0].Text);
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Top_level_statements_without_await_are_sync() => Analyze("""
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        var completion = chat.CompleteChat("Hello");
        var blocked = {|LLM0005:chat.CompleteChatAsync("Hello")|}.Result;
        System.Console.WriteLine(completion.Value.Content[0].Text + blocked.Value.Content[0].Text);
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Azure_openai_2x_through_its_chat_client() => Analyze("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Azure;
        using Azure.AI.OpenAI;
        using OpenAI.Chat;

        class C
        {
            async Task M(List<ChatMessage> messages)
            {
                var azure = new AzureOpenAIClient(new Uri("https://example.openai.azure.com"), new AzureKeyCredential(Environment.GetEnvironmentVariable("KEY")));
                ChatClient chat = azure.GetChatClient("my-deployment");
                await Task.Yield();
                var completion = {|LLM0005:chat.CompleteChat(messages)|};
                var direct = {|LLM0005:azure.GetChatClient("my-deployment").CompleteChat(messages)|};
                var awaited = await azure.GetChatClient("my-deployment").CompleteChatAsync(messages);
            }
        }
        """);

    [Fact]
    public Task Azure_ai_inference_sync_complete_and_embed() => Analyze("""
        using System.Threading.Tasks;
        using Azure.AI.Inference;

        class C
        {
            async Task M(ChatCompletionsClient chat, EmbeddingsClient embeddings, ChatCompletionsOptions options, EmbeddingsOptions embeddingOptions)
            {
                var completion = {|LLM0005:chat.Complete(options)|};
                var vectors = {|LLM0005:embeddings.Embed(embeddingOptions)|};
                var fine = await chat.CompleteAsync(options);
                var blocked = {|LLM0005:chat.CompleteAsync(options)|}.Result;
            }

            void Sync(ChatCompletionsClient chat, ChatCompletionsOptions options) => chat.Complete(options);
        }
        """);

    [Fact]
    public Task Azure_openai_1x_beta_via_legacy_sdks() => Analyze("""
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;

        class C
        {
            async Task M(OpenAIClient client, ChatCompletionsOptions options)
            {
                await Task.Yield();
                var completions = {|LLM0005:client.GetChatCompletions("gpt-35-turbo", options)|};
                var awaited = await client.GetChatCompletionsAsync("gpt-35-turbo", options);
            }

            ChatCompletions Blocking(OpenAIClient client, ChatCompletionsOptions options) =>
                {|LLM0005:client.GetChatCompletionsAsync("gpt-35-turbo", options)|}.GetAwaiter().GetResult();

            ChatCompletions Sync(OpenAIClient client, ChatCompletionsOptions options) => client.GetChatCompletions("gpt-35-turbo", options);
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Fact]
    public Task OpenAI_api_legacy_result() => Analyze("""
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            ChatResult M(OpenAIAPI api, ChatRequest request) => {|LLM0005:api.Chat.CreateChatCompletionAsync(request)|}.Result;

            async System.Threading.Tasks.Task<ChatResult> Fine(OpenAIAPI api, ChatRequest request) => await api.Chat.CreateChatCompletionAsync(request);
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Fact]
    public Task Meai_and_semantic_kernel_blocking_on_tasks() => Analyze("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        class C
        {
            string Meai(IChatClient client) => {|LLM0005:client.GetResponseAsync("hi")|}.Result.Text;

            void MeaiWait(IChatClient client) => {|LLM0005:client.GetResponseAsync("hi")|}.Wait();

            Embedding<float> Embeddings(IEmbeddingGenerator<string, Embedding<float>> generator) =>
                {|LLM0005:generator.GenerateAsync("hi")|}.GetAwaiter().GetResult();

            string Kernel(Kernel kernel) => {|LLM0005:kernel.InvokePromptAsync("hi")|}.Result.ToString();

            ChatMessageContent Service(IChatCompletionService service, ChatHistory history) =>
                {|LLM0005:service.GetChatMessageContentAsync(history)|}.ConfigureAwait(false).GetAwaiter().GetResult();

            async Task<string> Fine(IChatClient client, Kernel kernel)
            {
                var response = await client.GetResponseAsync("hi");
                var result = await kernel.InvokePromptAsync("hi");
                return response.Text + result;
            }
        }
        """);

    [Fact]
    public Task Anthropic_ollama_betalgo_agents_blocking_on_tasks() => Analyze("""
        using System.Threading.Tasks;
        using Anthropic.Models.Messages;
        using IMessageService = Anthropic.Services.IMessageService;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Microsoft.Agents.AI;
        using OllamaSharp;

        class C
        {
            Message Anthropic(IMessageService messages, MessageCreateParams parameters) => {|LLM0005:messages.Create(parameters)|}.Result;

            object Ollama(IOllamaApiClient ollama) => {|LLM0005:ollama.EmbedAsync("text")|}.Result;

            object Betalgo(IOpenAIService service, ChatCompletionCreateRequest request) => {|LLM0005:service.ChatCompletion.CreateCompletion(request)|}.Result;

            string Agent(AIAgent agent) => {|LLM0005:agent.RunAsync("hi")|}.GetAwaiter().GetResult().Text;

            async Task<object> Fine(IMessageService messages, MessageCreateParams parameters, IOllamaApiClient ollama, AIAgent agent, IOpenAIService service, ChatCompletionCreateRequest request)
            {
                var message = await messages.Create(parameters);
                var embedding = await ollama.EmbedAsync("text");
                var completion = await service.ChatCompletion.CreateCompletion(request);
                var run = await agent.RunAsync("hi");
                return message;
            }
        }
        """);

    [Fact]
    public Task Results_that_are_not_tasks_of_model_calls_are_not_flagged() => Analyze("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<int> M(IChatClient client)
            {
                // ChatResponse<T>.Result is a property of the response, not a blocking wait (and the call is awaited).
                var typed = await client.GetResponseAsync<int>("pick a number");
                var other = Task.FromResult(1).Result;
                Task.Delay(1).Wait();
                return typed.Result + other;
            }
        }
        """);

    [Fact]
    public Task Blocking_and_sync_forms_in_one_expression_each_get_one_diagnostic() => Analyze("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> messages)
            {
                await Task.Yield();
                var text = {|LLM0005:chat.CompleteChatAsync(messages)|}.Result.Value.Content[0].Text + {|LLM0005:chat.CompleteChat(messages)|}.Value.Content[0].Text;
            }
        }
        """);

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.Latest)]
    public Task Works_across_language_versions(LanguageVersion version) => Analyze("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task<string> M(ChatClient chat, List<ChatMessage> messages)
            {
                await Task.Yield();
                ChatCompletion completion = {|LLM0005:chat.CompleteChat(messages)|};
                return completion.Content[0].Text;
            }

            string Blocking(ChatClient chat, List<ChatMessage> messages)
            {
                return {|LLM0005:chat.CompleteChatAsync(messages)|}.Result.Value.Content[0].Text;
            }

            string Sync(ChatClient chat, List<ChatMessage> messages)
            {
                return chat.CompleteChat(messages).Value.Content[0].Text;
            }
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task Configured_model_methods_count() => Analyze("""
        using System.Threading.Tasks;

        namespace App
        {
            class Llm
            {
                public string Ask(string prompt) => prompt;
                public Task<string> AskAsync(string prompt) => Task.FromResult(prompt);
            }

            class C
            {
                async Task<string> M(Llm llm)
                {
                    await Task.Yield();
                    return {|LLM0005:llm.Ask("hi")|} + {|LLM0005:llm.AskAsync("hi")|}.Result;
                }
            }
        }
        """, new TestOptions
    {
        Sdks = SdkSet.None,
        // One entry: .editorconfig treats what follows ';' on a line as a comment.
        EditorConfig = ["llm_preflight.model_methods = T:App.Llm"],
    });

    [Fact]
    public Task No_sdk_no_diagnostics() => Analyze("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> M()
            {
                await Task.Yield();
                return Task.FromResult(1).Result;
            }
        }
        """, new TestOptions { Sdks = SdkSet.None });
}
