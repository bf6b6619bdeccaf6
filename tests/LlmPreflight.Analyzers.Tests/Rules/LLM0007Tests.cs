using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0007 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0007_ModelCallInLoop>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0007Tests
{
    [Fact]
    public Task Calls_awaited_or_made_synchronously_in_every_iteration_are_flagged() => VerifyLLM0007.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    await {|LLM0007:client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(item) }, null, ct)|};
                }

                for (var i = 0; i < items.Count; i++)
                {
                    {|LLM0007:client.CompleteChat(new ChatMessage[] { new UserChatMessage(items[i]) }, null, ct)|};
                }

                var n = 0;
                while (n++ < 3)
                {
                    var answer = (await {|LLM0007:client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("again") }, null, ct)|}.ConfigureAwait(false)).Value;
                }

                do
                {
                    await foreach (var update in {|LLM0007:client.CompleteChatStreamingAsync(new ChatMessage[] { new UserChatMessage("stream") }, null, ct)|})
                    {
                    }
                }
                while (n-- > 0);
            }
        }
        """);

    [Fact]
    public Task Calls_outside_the_loop_body_or_whose_tasks_are_collected_are_not_flagged() => VerifyLLM0007.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, List<string> items, CancellationToken ct)
            {
                await foreach (var update in client.GetStreamingResponseAsync("one stream, enumerated once", cancellationToken: ct))
                {
                }

                foreach (var line in (await client.GetResponseAsync("the collection runs once", cancellationToken: ct)).Text.Split('\n'))
                {
                }

                var tasks = new List<Task<ChatResponse>>();
                foreach (var item in items)
                {
                    tasks.Add(client.GetResponseAsync(item, cancellationToken: ct));
                }

                await Task.WhenAll(tasks);
                await Task.WhenAll(items.Select(async item => await client.GetResponseAsync(item, cancellationToken: ct)));
            }
        }
        """);

    [Fact]
    public Task Every_SDK_is_covered() => VerifyLLM0007.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Azure.AI.OpenAI;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OllamaSharp;
        using OpenAI.Chat;

        class C
        {
            async Task M(List<string> items, AzureOpenAIClient azure, IChatClient meai, Kernel kernel, IAnthropicClient anthropic, MessageCreateParams parameters,
                IOllamaApiClient ollama, IOpenAIService betalgo, ChatCompletionCreateRequest request, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    await {|LLM0007:azure.GetChatClient("deployment").CompleteChatAsync(new OpenAI.Chat.ChatMessage[] { new UserChatMessage(item) }, null, ct)|};
                    await {|LLM0007:meai.GetResponseAsync(item, cancellationToken: ct)|};
                    await {|LLM0007:kernel.InvokePromptAsync(item, cancellationToken: ct)|};
                    await {|LLM0007:anthropic.Messages.Create(parameters, ct)|};
                    await {|LLM0007:ollama.EmbedAsync(item, ct)|};
                    await {|LLM0007:betalgo.ChatCompletion.CreateCompletion(request, cancellationToken: ct)|};
                }
            }
        }
        """);

    [Fact]
    public Task Limiters_delays_and_caches_in_the_loop_are_respected() => VerifyLLM0007.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            private readonly Dictionary<string, string> _answers = new();
            private readonly SemaphoreSlim _gate = new(2);

            async Task Delay(IChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    await client.GetResponseAsync(item, cancellationToken: ct);
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
            }

            async Task Semaphore(IChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    await _gate.WaitAsync(ct);
                    try
                    {
                        await client.GetResponseAsync(item, cancellationToken: ct);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }

            async Task OwnRateLimiter(IChatClient client, TokenBucket rateLimiter, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    await rateLimiter.TakeAsync(ct);
                    await client.GetResponseAsync(item, cancellationToken: ct);
                }
            }

            public sealed class TokenBucket
            {
                public Task TakeAsync(CancellationToken ct) => Task.CompletedTask;
            }

            async Task Cached(IChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    if (!_answers.TryGetValue(item, out var answer))
                    {
                        answer = (await client.GetResponseAsync(item, cancellationToken: ct)).Text;
                        _answers[item] = answer;
                    }
                }
            }

            async Task CachedNullCheck(IChatClient client, Microsoft.Extensions.Caching.Distributed.IDistributedCache store, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    var cached = await Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions.GetStringAsync(store, item, ct);
                    if (cached is null)
                    {
                        await client.GetResponseAsync(item, cancellationToken: ct);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Retry_loops_and_interactive_loops_are_not_flagged() => VerifyLLM0007.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<ChatResponse> Retry(IChatClient client, CancellationToken ct)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await client.GetResponseAsync("x", cancellationToken: ct);
                    }
                    catch (ClientResultException) when (attempt < 3)
                    {
                        await Task.Delay(1000 * attempt, ct);
                    }
                }
            }

            async Task Chat(IChatClient client, CancellationToken ct)
            {
                while (true)
                {
                    Console.Write("> ");
                    var input = Console.ReadLine();
                    if (string.IsNullOrEmpty(input)) break;
                    Console.WriteLine((await client.GetResponseAsync(input, cancellationToken: ct)).Text);
                }
            }

            async Task<ChatResponse> FallbackAcrossClients(IEnumerable<IChatClient> clients, CancellationToken ct)
            {
                foreach (var candidate in clients)
                {
                    try
                    {
                        return await candidate.GetResponseAsync("x", cancellationToken: ct);
                    }
                    catch (ClientResultException)
                    {
                    }
                }

                throw new InvalidOperationException("every client failed");
            }

            async Task ConsoleIn(IChatClient client, CancellationToken ct)
            {
                string line;
                while ((line = await Console.In.ReadLineAsync(ct)) != null)
                {
                    await client.GetResponseAsync(line, cancellationToken: ct);
                }
            }

            async Task Worker(IChatClient client, System.Threading.Channels.ChannelReader<string> reader, CancellationToken ct)
            {
                await foreach (var message in reader.ReadAllAsync(ct))
                {
                    await client.GetResponseAsync(message, cancellationToken: ct);
                }
            }

            async Task ToolCallLoop(IChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                ChatResponse response;
                do
                {
                    response = await client.GetResponseAsync(messages, cancellationToken: ct);
                    messages.AddMessages(response);
                }
                while (response.FinishReason == ChatFinishReason.ToolCalls);

                while (true)
                {
                    var next = await client.GetResponseAsync(messages, cancellationToken: ct);
                    if (next.FinishReason != ChatFinishReason.Length)
                    {
                        break;
                    }

                    messages.Add(new ChatMessage(ChatRole.User, "continue"));
                }
            }

            async Task ResultNotDrivingTheLoop(IChatClient client, Queue<string> queue, CancellationToken ct)
            {
                while (queue.Count > 0)
                {
                    var answer = await {|LLM0007:client.GetResponseAsync(queue.Dequeue(), cancellationToken: ct)|};
                }
            }

            async Task PerItemErrorHandlingIsStillALoopOverItems(IChatClient client, List<string> items, CancellationToken ct)
            {
                foreach (var item in items)
                {
                    try
                    {
                        await {|LLM0007:client.GetResponseAsync(item, cancellationToken: ct)|};
                    }
                    catch (Exception)
                    {
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Guards_with_rate_limiting_satisfy_the_rule_and_Polly_does_not() => VerifyLLM0007.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
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
                    foreach (var item in items)
                    {
                        await Guard.Run(async () => await client.GetResponseAsync(item, cancellationToken: ct));
                        await Guard.Run(() => client.GetResponseAsync(item, cancellationToken: ct));
                    }

                    foreach (var item in items)
                    {
                        // The call runs in a lambda: the lambda, not the loop, is its function; the guard invocation is what the loop repeats.
                        await Guard.RetryOnly(() => client.GetResponseAsync(item, cancellationToken: ct));
                        await pipeline.ExecuteAsync(async token => await client.GetResponseAsync(item, cancellationToken: token), ct);
                    }
                }
            }
        }
        """, new TestOptions { EditorConfig = ["llm_preflight.guard_methods = M:App.Guard.Run|M:App.Guard.RetryOnly=retry"] });

    [Fact]
    public Task Top_level_statements_local_functions_and_lambdas() => VerifyLLM0007.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        IChatClient client = null!;
        foreach (var item in new[] { "a", "b" })
        {
            await {|LLM0007:client.GetResponseAsync(item)|};
        }

        async Task Local(IEnumerable<string> items)
        {
            foreach (var item in items)
            {
                await {|LLM0007:client.GetResponseAsync(item)|};
            }
        }

        Func<Task> lambda = async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                await {|LLM0007:client.GetResponseAsync("x")|};
            }
        };
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Csharp_7_3_and_legacy() => VerifyLLM0007.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task M(OpenAIAPI api, List<ChatRequest> requests)
            {
                foreach (var request in requests)
                {
                    var result = await {|LLM0007:api.Chat.CreateChatCompletionAsync(request)|};
                }
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy, LanguageVersion = LanguageVersion.CSharp7_3 });
}
