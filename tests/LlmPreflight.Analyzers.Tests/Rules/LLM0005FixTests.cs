using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using LlmPreflight.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0005FixTests
{
    private static Task Fix(string source, string fixedSource, TestOptions? options = null) =>
        Verify<LLM0005_BlockingModelCallInAsyncCode, LLM0005_UseAsyncModelCallFix>.CodeFixAsync(source, fixedSource, options);

    [Fact]
    public Task Sync_call_becomes_awaited_async_call_parenthesized_when_it_is_a_receiver() => Fix("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task<string> M(ChatClient chat, List<ChatMessage> messages, CancellationToken ct)
            {
                await Task.Yield();
                // keep me
                {|LLM0005:chat.CompleteChat(messages)|}; // trailing
                var named = {|LLM0005:chat.CompleteChat(cancellationToken: ct, messages: messages)|};
                return {|LLM0005:chat.CompleteChat(messages, null, ct)|}.Value.Content[0].Text + named.Value.Content.Count;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task<string> M(ChatClient chat, List<ChatMessage> messages, CancellationToken ct)
            {
                await Task.Yield();
                // keep me
                await chat.CompleteChatAsync(messages); // trailing
                var named = await chat.CompleteChatAsync(cancellationToken: ct, messages: messages);
                return (await chat.CompleteChatAsync(messages, null, ct)).Value.Content[0].Text + named.Value.Content.Count;
            }
        }
        """);

    [Fact]
    public Task Blocking_members_become_await_keeping_ConfigureAwait() => Fix("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<string> M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                {|LLM0005:client.GetResponseAsync("warm up")|}.Wait();
                var embedding = {|LLM0005:generator.GenerateAsync("x")|}.ConfigureAwait(false).GetAwaiter().GetResult();
                var response = {|LLM0005:client.GetResponseAsync("hi")|}.Result;
                return {|LLM0005:client.GetResponseAsync("again")|}.GetAwaiter().GetResult().Text + response.Text + embedding.Vector.Length;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<string> M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                await client.GetResponseAsync("warm up");
                var embedding = await generator.GenerateAsync("x").ConfigureAwait(false);
                var response = await client.GetResponseAsync("hi");
                return (await client.GetResponseAsync("again")).Text + response.Text + embedding.Vector.Length;
            }
        }
        """);

    [Fact]
    public Task Sync_stream_in_foreach_becomes_await_foreach() => Fix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> messages)
            {
                await Task.Yield();
                // stream it
                foreach (var update in {|LLM0005:chat.CompleteChatStreaming(messages)|})
                {
                    System.Console.Write(update.ContentUpdate.Count);
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient chat, List<ChatMessage> messages)
            {
                await Task.Yield();
                // stream it
                await foreach (var update in chat.CompleteChatStreamingAsync(messages))
                {
                    System.Console.Write(update.ContentUpdate.Count);
                }
            }
        }
        """);

    [Fact]
    public Task Sync_stream_not_directly_enumerated_by_foreach_gets_no_fix()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class C
            {
                async Task<int> M(ChatClient chat, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    var updates = {|LLM0005:chat.CompleteChatStreaming(messages)|};
                    foreach (var (id, role) in {|LLM0005:chat.CompleteChatStreaming(messages)|}.Select(u => (u.CompletionId, u.Role)))
                    {
                    }

                    foreach (var (id, role) in Pairs({|LLM0005:chat.CompleteChatStreaming(messages)|}))
                    {
                    }

                    return updates.Count();
                }

                static IEnumerable<(string, ChatMessageRole?)> Pairs(IEnumerable<StreamingChatCompletionUpdate> updates) => updates.Select(u => (u.CompletionId, u.Role));
            }
            """;
        return Fix(source, source);
    }

    [Fact]
    public Task Static_void_Main_becomes_async_Task_and_imports_Tasks() => Fix("""
        using Microsoft.Extensions.AI;

        static class Program
        {
            static IChatClient Client;

            static void Main(string[] args)
            {
                var response = {|LLM0005:Client.GetResponseAsync("hi")|}.Result;
                {|LLM0005:Client.GetResponseAsync("bye")|}.Wait();
                System.Console.WriteLine(response.Text);
            }
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        static class Program
        {
            static IChatClient Client;

            static async Task Main(string[] args)
            {
                var response = await Client.GetResponseAsync("hi");
                await Client.GetResponseAsync("bye");
                System.Console.WriteLine(response.Text);
            }
        }
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Static_int_Main_becomes_async_Task_of_int() => Fix("""
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;

        static class Program
        {
            static AIAgent Agent;

            static int Main() => {|LLM0005:Agent.RunAsync("hi")|}.GetAwaiter().GetResult().Text.Length;
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;

        static class Program
        {
            static AIAgent Agent;

            static async Task<int> Main() => (await Agent.RunAsync("hi")).Text.Length;
        }
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Top_level_statements_get_await() => Fix("""
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        var completion = {|LLM0005:chat.CompleteChatAsync("Hello")|}.Result;
        System.Console.WriteLine(completion.Value.Content[0].Text);
        """, """
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", System.Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        var completion = await chat.CompleteChatAsync("Hello");
        System.Console.WriteLine(completion.Value.Content[0].Text);
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task No_fix_where_await_is_not_allowed()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class C
            {
                private readonly object _gate = new object();

                string Sync(ChatClient chat, List<ChatMessage> messages) =>
                    {|LLM0005:chat.CompleteChatAsync(messages)|}.Result.Value.Content[0].Text;

                async Task InLockAndSyncLambda(ChatClient chat, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    lock (_gate)
                    {
                        {|LLM0005:chat.CompleteChat(messages)|};
                    }

                    Func<ClientResultHolder> later = () => new ClientResultHolder({|LLM0005:chat.CompleteChatAsync(messages)|}.Result.Value);
                }

                async Task<string> Conditional(ChatClient maybe, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    return maybe?{|LLM0005:.CompleteChat(messages)|}.Value.Content[0].Text;
                }

                async Task<string> ConditionalBlocking(ChatClient maybe, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    return maybe?{|LLM0005:.CompleteChatAsync(messages)|}.Result.Value.Content[0].Text;
                }

                sealed class ClientResultHolder
                {
                    public ClientResultHolder(ChatCompletion completion) => Completion = completion;
                    public ChatCompletion Completion { get; }
                }
            }
            """;
        return Fix(source, source);
    }

    [Fact]
    public Task Fix_all_composes_nested_and_mixed_forms_in_async_lambdas_and_local_functions() => Fix("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class C
        {
            async Task M(ChatClient chat, EmbeddingClient embeddings, List<ChatMessage> messages)
            {
                await Task.Yield();
                var nested = {|LLM0005:chat.CompleteChatAsync(new List<ChatMessage> { new UserChatMessage({|LLM0005:chat.CompleteChat(messages)|}.Value.Content[0].Text) })|}.Result;

                Func<Task<int>> lambda = async () => {|LLM0005:embeddings.GenerateEmbeddings(new[] { "a" })|}.Value.Count;

                async Task<ChatCompletion> Local() => {|LLM0005:chat.CompleteChat(messages)|};

                await Local();
            }
        }
        """, """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class C
        {
            async Task M(ChatClient chat, EmbeddingClient embeddings, List<ChatMessage> messages)
            {
                await Task.Yield();
                var nested = await chat.CompleteChatAsync(new List<ChatMessage> { new UserChatMessage((await chat.CompleteChatAsync(messages)).Value.Content[0].Text) });

                Func<Task<int>> lambda = async () => (await embeddings.GenerateEmbeddingsAsync(new[] { "a" })).Value.Count;

                async Task<ChatCompletion> Local() => await chat.CompleteChatAsync(messages);

                await Local();
            }
        }
        """);

    [Fact]
    public Task Azure_inference_and_images_switch_to_async() => Fix("""
        using System.Threading.Tasks;
        using Azure.AI.Inference;
        using OpenAI.Images;

        class C
        {
            async Task<object> M(ChatCompletionsClient chat, ChatCompletionsOptions options, ImageClient images)
            {
                var completion = {|LLM0005:chat.Complete(options)|};
                var image = {|LLM0005:images.GenerateImage("a cat")|};
                return completion.Value.Content + image.Value.ImageUri;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Azure.AI.Inference;
        using OpenAI.Images;

        class C
        {
            async Task<object> M(ChatCompletionsClient chat, ChatCompletionsOptions options, ImageClient images)
            {
                var completion = await chat.CompleteAsync(options);
                var image = await images.GenerateImageAsync("a cat");
                return completion.Value.Content + image.Value.ImageUri;
            }
        }
        """);

    [Fact]
    public Task Azure_openai_1x_beta_switches_to_async() => Fix("""
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;

        class C
        {
            async Task<string> M(OpenAIClient client, ChatCompletionsOptions options)
            {
                await Task.Yield();
                return {|LLM0005:client.GetChatCompletions("gpt-35-turbo", options)|}.Value.Choices[0].Message.Content;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;

        class C
        {
            async Task<string> M(OpenAIClient client, ChatCompletionsOptions options)
            {
                await Task.Yield();
                return (await client.GetChatCompletionsAsync("gpt-35-turbo", options)).Value.Choices[0].Message.Content;
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp10)]
    public Task Fixes_in_older_language_versions(LanguageVersion version) => Fix("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class Program
        {
            static ChatClient Chat;

            static void Main()
            {
                System.Console.WriteLine({|LLM0005:Chat.CompleteChatAsync("hi")|}.Result.Value.Content[0].Text);
            }

            async Task<string> M(List<ChatMessage> messages)
            {
                await Task.Yield();
                return {|LLM0005:Chat.CompleteChat(messages)|}.Value.Content[0].Text;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class Program
        {
            static ChatClient Chat;

            static async Task Main()
            {
                System.Console.WriteLine((await Chat.CompleteChatAsync("hi")).Value.Content[0].Text);
            }

            async Task<string> M(List<ChatMessage> messages)
            {
                await Task.Yield();
                return (await Chat.CompleteChatAsync(messages)).Value.Content[0].Text;
            }
        }
        """, new TestOptions { LanguageVersion = version, OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task No_await_foreach_fix_before_CSharp_8()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class C
            {
                async Task M(ChatClient chat, List<ChatMessage> messages)
                {
                    await Task.Yield();
                    foreach (var update in {|LLM0005:chat.CompleteChatStreaming(messages)|})
                    {
                    }
                }
            }
            """;
        return Fix(source, source, new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 });
    }

    [Fact]
    public Task Main_in_a_file_without_usings_gets_the_Tasks_using() => Fix("""
        static class Program
        {
            static OpenAI.Chat.ChatClient Chat;

            static void Main() => {|LLM0005:Chat.CompleteChatAsync("hi")|}.Wait();
        }
        """, """
        using System.Threading.Tasks;

        static class Program
        {
            static OpenAI.Chat.ChatClient Chat;

            static async Task Main() => await Chat.CompleteChatAsync("hi");
        }
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Async_only_sdks_blocking_on_tasks_get_await() => Fix("""
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Microsoft.SemanticKernel;
        using OllamaSharp;
        using IMessageService = Anthropic.Services.IMessageService;
        using MessageCreateParams = Anthropic.Models.Messages.MessageCreateParams;

        class C
        {
            async Task<object> M(IMessageService messages, MessageCreateParams parameters, IOllamaApiClient ollama, IOpenAIService service, ChatCompletionCreateRequest request, Kernel kernel)
            {
                var message = {|LLM0005:messages.Create(parameters)|}.Result;
                var embedding = {|LLM0005:ollama.EmbedAsync("text")|}.GetAwaiter().GetResult();
                var completion = {|LLM0005:service.ChatCompletion.CreateCompletion(request)|}.Result;
                return {|LLM0005:kernel.InvokePromptAsync("hi")|}.Result.ToString() + message.ID + embedding.Embeddings.Count + completion.Model;
            }
        }
        """, """
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Microsoft.SemanticKernel;
        using OllamaSharp;
        using IMessageService = Anthropic.Services.IMessageService;
        using MessageCreateParams = Anthropic.Models.Messages.MessageCreateParams;

        class C
        {
            async Task<object> M(IMessageService messages, MessageCreateParams parameters, IOllamaApiClient ollama, IOpenAIService service, ChatCompletionCreateRequest request, Kernel kernel)
            {
                var message = await messages.Create(parameters);
                var embedding = await ollama.EmbedAsync("text");
                var completion = await service.ChatCompletion.CreateCompletion(request);
                return (await kernel.InvokePromptAsync("hi")).ToString() + message.ID + embedding.Embeddings.Count + completion.Model;
            }
        }
        """);

    [Fact]
    public Task Legacy_openai_api_result_gets_await() => Fix("""
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task<string> M(OpenAIAPI api, ChatRequest request)
            {
                await Task.Yield();
                return {|LLM0005:api.Chat.CreateChatCompletionAsync(request)|}.Result.Choices[0].Message.TextContent;
            }
        }
        """, """
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task<string> M(OpenAIAPI api, ChatRequest request)
            {
                await Task.Yield();
                return (await api.Chat.CreateChatCompletionAsync(request)).Choices[0].Message.TextContent;
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });
}
