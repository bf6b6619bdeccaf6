using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0006 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0006_UnthrottledParallelModelCalls>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0006Tests
{
    [Fact]
    public Task Parallel_bodies_without_MaxDegreeOfParallelism_are_flagged() => VerifyLLM0006.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<string> items, ParallelOptions given, CancellationToken ct)
            {
                Parallel.ForEach(items, item => {|LLM0006:client.CompleteChat(new ChatMessage[] { new UserChatMessage(item) }, null, ct)|});
                Parallel.For(0, items.Count, i => { {|LLM0006:client.CompleteChat(new ChatMessage[] { new UserChatMessage(items[i]) }, null, ct)|}; });
                await Parallel.ForEachAsync(items, async (item, token) => await {|LLM0006:client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(item) }, null, token)|});
                await Parallel.ForEachAsync(items, new ParallelOptions { CancellationToken = ct }, async (item, token) => await {|LLM0006:client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(item) }, null, token)|});
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = -1 }, async (item, token) => await {|LLM0006:client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(item) }, null, token)|});

                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (item, token) => await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(item) }, null, token));
                var options = new ParallelOptions { MaxDegreeOfParallelism = 4 };
                Parallel.ForEach(items, options, item => client.CompleteChat(new ChatMessage[] { new UserChatMessage(item) }, null, ct));
                var later = new ParallelOptions();
                later.MaxDegreeOfParallelism = 2;
                Parallel.ForEach(items, later, item => client.CompleteChat(new ChatMessage[] { new UserChatMessage(item) }, null, ct));
                Parallel.ForEach(items, given, item => client.CompleteChat(new ChatMessage[] { new UserChatMessage(item) }, null, ct));
            }
        }
        """);

    [Fact]
    public Task Tasks_from_Select_or_collected_in_a_loop_and_awaited_together_are_flagged() => VerifyLLM0006.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Select(IChatClient client, List<string> items, CancellationToken ct)
            {
                await Task.WhenAll(items.Select(item => {|LLM0006:client.GetResponseAsync(item, cancellationToken: ct)|}));
                await Task.WhenAll(items.Select(async item => (await {|LLM0006:client.GetResponseAsync(item, cancellationToken: ct)|}).Text));
                var tasks = items.Select(item => {|LLM0006:client.GetResponseAsync(item, cancellationToken: ct)|}).ToList();
                var first = await Task.WhenAny(tasks);
            }

            async Task Loop(IChatClient client, List<string> items, CancellationToken ct)
            {
                var tasks = new List<Task<ChatResponse>>();
                foreach (var item in items)
                {
                    tasks.Add({|LLM0006:client.GetResponseAsync(item, cancellationToken: ct)|});
                }

                var running = new List<Task>();
                for (var i = 0; i < items.Count; i++)
                {
                    var task = {|LLM0006:client.GetResponseAsync(items[i], cancellationToken: ct)|};
                    running.Add(task);
                    running.Add(Task.Run(async () => await {|LLM0006:client.GetResponseAsync(items[i], cancellationToken: ct)|}));
                }

                var slots = new Task<ChatResponse>[items.Count];
                for (var i = 0; i < items.Count; i++)
                {
                    slots[i] = {|LLM0006:client.GetResponseAsync(items[i], cancellationToken: ct)|};
                }

                await Task.WhenAll(tasks);
                await Task.WhenAll(running.ToArray());
                await Task.WhenAll(slots);
            }
        }
        """);

    [Fact]
    public Task Sequential_loops_fixed_pairs_batches_and_limiters_are_not_flagged() => VerifyLLM0006.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(4);

            async Task Sequential(IChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    await client.GetResponseAsync(item, cancellationToken: ct);
                }

                await Task.WhenAll(client.GetResponseAsync("a", cancellationToken: ct), client.GetResponseAsync("b", cancellationToken: ct));
                var notAwaitedTogether = items.Select(item => client.GetResponseAsync(item, cancellationToken: ct)).ToList();
            }

            async Task Batched(IChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var batch in items.Chunk(5))
                {
                    await Task.WhenAll(batch.Select(item => client.GetResponseAsync(item, cancellationToken: ct)));
                }
            }

            async Task Semaphore(IChatClient client, List<string> items, CancellationToken ct)
            {
                await Task.WhenAll(items.Select(async item =>
                {
                    await _gate.WaitAsync(ct);
                    try
                    {
                        return await client.GetResponseAsync(item, cancellationToken: ct);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }));
            }
        }
        """);

    [Fact]
    public Task Every_SDK_is_covered() => VerifyLLM0006.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Azure.AI.OpenAI;
        using Microsoft.SemanticKernel;
        using OllamaSharp;
        using OpenAI.Chat;

        class C
        {
            async Task M(List<string> items, AzureOpenAIClient azure, Kernel kernel, IAnthropicClient anthropic, MessageCreateParams parameters, IOllamaApiClient ollama, CancellationToken ct)
            {
                var chat = azure.GetChatClient("deployment");
                await Task.WhenAll(items.Select(i => {|LLM0006:chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(i) }, null, ct)|}));
                await Task.WhenAll(items.Select(i => {|LLM0006:kernel.InvokePromptAsync(i, cancellationToken: ct)|}));
                await Task.WhenAll(items.Select(i => {|LLM0006:anthropic.Messages.Create(parameters, ct)|}));
                await Task.WhenAll(items.Select(i => {|LLM0006:ollama.EmbedAsync(i, ct)|}));
            }
        }
        """);

    [Fact]
    public Task Guards_with_rate_limiting_satisfy_the_rule_and_Polly_does_not() => VerifyLLM0006.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
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
                async Task M(ResiliencePipeline pipeline, IChatClient client, List<string> items, CancellationToken ct)
                {
                    await Task.WhenAll(items.Select(item => Guard.Run(() => client.GetResponseAsync(item, cancellationToken: ct))));
                    Parallel.ForEach(items, item => Guard.Run(() => client.GetResponseAsync(item, cancellationToken: ct)).Wait());
                    Parallel.ForEach(items, item => Guard.RetryOnly(() => {|LLM0006:client.GetResponseAsync(item, cancellationToken: ct)|}).Wait());
                    Parallel.ForEach(items, item => pipeline.Execute(() => {|LLM0006:client.GetResponseAsync(item, cancellationToken: ct)|}).Wait());
                }
            }
        }
        """, new TestOptions { EditorConfig = ["llm_preflight.guard_methods = M:App.Guard.Run|M:App.Guard.RetryOnly=retry"] });

    [Fact]
    public Task Top_level_statements_and_local_functions() => VerifyLLM0006.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        IChatClient client = null!;
        var items = new[] { "a", "b" };
        await Task.WhenAll(items.Select(i => {|LLM0006:client.GetResponseAsync(i)|}));

        async Task Local(IEnumerable<string> more)
        {
            var tasks = new List<Task>();
            foreach (var item in more)
            {
                tasks.Add({|LLM0006:client.GetResponseAsync(item)|});
            }

            await Task.WhenAll(tasks);
        }
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Csharp_7_3_and_legacy() => VerifyLLM0006.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task M(OpenAIAPI api, List<ChatRequest> requests)
            {
                var results = await Task.WhenAll(requests.Select(r => {|LLM0006:api.Chat.CreateChatCompletionAsync(r)|}));
                Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r => api.Chat.CreateChatCompletionAsync(r).Wait());
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy, LanguageVersion = LanguageVersion.CSharp7_3 });
}
