using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyWrap = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0001_ModelCallWithoutCancellation, LlmPreflight.CodeFixes.WrapInLlmGuardFix>;

namespace LlmPreflight.Analyzers.Tests.Rules;

/// <summary>
/// The shared fix that wraps a model call in the runtime guard. Each fixed source is compiled against the real
/// runtime and SDK assemblies by the testing library, and must leave no LLM0001 behind.
/// </summary>
public class WrapInLlmGuardFixTests
{
    [Fact]
    public Task Wraps_an_async_call_moving_the_token_into_the_guard() => VerifyWrap.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task<string> M(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken cancellationToken)
            {
                ChatCompletion answer = await {|LLM0001:client.CompleteChatAsync(messages, options)|};
                var again = await {|LLM0001:client.CompleteChatAsync(messages, options, CancellationToken.None)|}.ConfigureAwait(false);
                return answer.Content[0].Text + again.Value.Content[0].Text;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using OpenAI.Chat;

        class C
        {
            async Task<string> M(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken cancellationToken)
            {
                ChatCompletion answer = await LlmGuard.RunAsync(ct => client.CompleteChatAsync(messages, options, ct), cancellationToken);
                var again = await LlmGuard.RunAsync(ct => client.CompleteChatAsync(messages, options, ct), cancellationToken).ConfigureAwait(false);
                return answer.Content[0].Text + again.Value.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task Wraps_sync_calls_in_Run_and_streams_in_StreamAsync() => VerifyWrap.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAIChatClient = OpenAI.Chat.ChatClient;
        using OpenAIMessage = OpenAI.Chat.ChatMessage;

        class C
        {
            async Task M(OpenAIChatClient chat, IChatClient client, List<OpenAIMessage> messages, CancellationToken token)
            {
                var completion = {|LLM0001:chat.CompleteChat(messages)|};
                await foreach (var update in {|LLM0001:client.GetStreamingResponseAsync("Hello")|})
                {
                }

                await foreach (var update in {|LLM0001:chat.CompleteChatStreamingAsync(messages)|})
                {
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;
        using OpenAIChatClient = OpenAI.Chat.ChatClient;
        using OpenAIMessage = OpenAI.Chat.ChatMessage;

        class C
        {
            async Task M(OpenAIChatClient chat, IChatClient client, List<OpenAIMessage> messages, CancellationToken token)
            {
                var completion = LlmGuard.Run(ct => chat.CompleteChat(messages, cancellationToken: ct), token);
                await foreach (var update in LlmGuard.StreamAsync(ct => client.GetStreamingResponseAsync("Hello", cancellationToken: ct), token))
                {
                }

                await foreach (var update in LlmGuard.StreamAsync(ct => chat.CompleteChatStreamingAsync(messages, cancellationToken: ct), token))
                {
                }
            }
        }
        """);

    [Fact]
    public Task Picks_a_free_lambda_name_and_switches_params_overloads() => VerifyWrap.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(new UserChatMessage("Hello"))|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, CancellationToken ct)
            {
                await LlmGuard.RunAsync(guardToken => client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("Hello") }, cancellationToken: guardToken), ct);
            }
        }
        """);

    [Fact]
    public Task Without_a_token_in_scope_the_guard_runs_on_its_own_timeouts() => VerifyWrap.CodeFixAsync("""
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.SemanticKernel;

        class C
        {
            Task<Message> Ask(IAnthropicClient client, MessageCreateParams parameters) => {|LLM0001:client.Messages.Create(parameters)|};
            Task<FunctionResult> Prompt(Kernel kernel) => {|LLM0001:kernel.InvokePromptAsync("Summarize")|};
        }
        """, """
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using LlmPreflight;
        using Microsoft.SemanticKernel;

        class C
        {
            Task<Message> Ask(IAnthropicClient client, MessageCreateParams parameters) => LlmGuard.RunAsync(ct => client.Messages.Create(parameters, ct));
            Task<FunctionResult> Prompt(Kernel kernel) => LlmGuard.RunAsync(ct => kernel.InvokePromptAsync("Summarize", cancellationToken: ct));
        }
        """);

    [Fact]
    public Task Guards_methods_that_cannot_take_a_token() => VerifyWrap.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            Task<ChatResult> M(OpenAIAPI api, ChatRequest request, CancellationToken cancellationToken) => {|LLM0001:api.Chat.CreateChatCompletionAsync(request)|};
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            Task<ChatResult> M(OpenAIAPI api, ChatRequest request, CancellationToken cancellationToken) => LlmGuard.RunAsync(ct => api.Chat.CreateChatCompletionAsync(request), cancellationToken);
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.Latest)]
    public Task Fix_all_wraps_every_call_in_top_level_and_nested_code(LanguageVersion version) => VerifyWrap.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
            {
                var reply = await {|LLM0001:client.GetResponseAsync("Hello")|};
                var vector = await {|LLM0001:embedder.GenerateVectorAsync(reply.Text)|};
                Func<Task<ChatResponse>> later = () => {|LLM0001:client.GetResponseAsync("Later")|};
                await later();
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
            {
                var reply = await LlmGuard.RunAsync(ct => client.GetResponseAsync("Hello", cancellationToken: ct), cancellationToken);
                var vector = await LlmGuard.RunAsync(ct => embedder.GenerateVectorAsync(reply.Text, cancellationToken: ct), cancellationToken);
                Func<Task<ChatResponse>> later = () => LlmGuard.RunAsync(ct => client.GetResponseAsync("Later", cancellationToken: ct), cancellationToken);
                await later();
            }
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task Is_not_offered_for_conditional_access_or_inside_a_guard() => VerifyWrap.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, CancellationToken cancellationToken)
            {
                await ({|LLM0001:client?.GetResponseAsync("Hello")|} ?? Task.FromResult(new ChatResponse()));
                await LlmGuard.RunAsync(ct => {|LLM0001:client.GetResponseAsync("Hello")|}, cancellationToken);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, CancellationToken cancellationToken)
            {
                await ({|LLM0001:client?.GetResponseAsync("Hello")|} ?? Task.FromResult(new ChatResponse()));
                await LlmGuard.RunAsync(ct => {|LLM0001:client.GetResponseAsync("Hello")|}, cancellationToken);
            }
        }
        """);
}

/// <summary>The same fix clears the other concerns the guard covers: fallback, rate limit and cost.</summary>
public class WrapInLlmGuardFixOtherRulesTests
{
    [Fact]
    public Task Clears_an_unhandled_failure() => Verify<LlmPreflight.Analyzers.Rules.LLM0004_UnhandledModelCallFailure, LlmPreflight.CodeFixes.WrapInLlmGuardFix>.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<string> M(IChatClient client, CancellationToken cancellationToken)
            {
                var reply = await {|LLM0004:client.GetResponseAsync("Hello", cancellationToken: cancellationToken)|};
                return reply.Text + reply.Usage?.TotalTokenCount;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<string> M(IChatClient client, CancellationToken cancellationToken)
            {
                var reply = await LlmGuard.RunAsync(ct => client.GetResponseAsync("Hello", cancellationToken: ct), cancellationToken);
                return reply.Text + reply.Usage?.TotalTokenCount;
            }
        }
        """);

    [Fact]
    public Task Clears_a_call_per_loop_iteration() => Verify<LlmPreflight.Analyzers.Rules.LLM0007_ModelCallInLoop, LlmPreflight.CodeFixes.WrapInLlmGuardFix>.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, List<string> tickets, List<ChatResponse> results, CancellationToken cancellationToken)
            {
                foreach (var ticket in tickets)
                {
                    results.Add(await {|LLM0007:client.GetResponseAsync(ticket, cancellationToken: cancellationToken)|});
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, List<string> tickets, List<ChatResponse> results, CancellationToken cancellationToken)
            {
                foreach (var ticket in tickets)
                {
                    results.Add(await LlmGuard.RunAsync(ct => client.GetResponseAsync(ticket, cancellationToken: ct), cancellationToken));
                }
            }
        }
        """);

    [Fact]
    public Task Clears_unthrottled_fan_out() => Verify<LlmPreflight.Analyzers.Rules.LLM0006_UnthrottledParallelModelCalls, LlmPreflight.CodeFixes.WrapInLlmGuardFix>.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            Task<ChatResponse[]> M(IChatClient client, List<string> tickets, CancellationToken cancellationToken) =>
                Task.WhenAll(tickets.Select(t => {|LLM0006:client.GetResponseAsync(t, cancellationToken: cancellationToken)|}));
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            Task<ChatResponse[]> M(IChatClient client, List<string> tickets, CancellationToken cancellationToken) =>
                Task.WhenAll(tickets.Select(t => LlmGuard.RunAsync(ct => client.GetResponseAsync(t, cancellationToken: ct), cancellationToken)));
        }
        """);

    [Fact]
    public Task Clears_usage_never_recorded() => Verify<LlmPreflight.Analyzers.Rules.LLM0009_TokenUsageNotRecorded, LlmPreflight.CodeFixes.WrapInLlmGuardFix>.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, CancellationToken cancellationToken)
            {
                await {|LLM0009:client.GetResponseAsync("Hello", cancellationToken: cancellationToken)|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, CancellationToken cancellationToken)
            {
                await LlmGuard.RunAsync(ct => client.GetResponseAsync("Hello", cancellationToken: ct), cancellationToken);
            }
        }
        """);
}
