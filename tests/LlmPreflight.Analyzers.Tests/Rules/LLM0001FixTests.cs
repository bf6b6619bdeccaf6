using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using LlmPreflight.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyFix = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0001_ModelCallWithoutCancellation, LlmPreflight.CodeFixes.LLM0001_PassCancellationTokenFix>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0001FixTests
{
    [Fact]
    public Task Appends_the_methods_token_positionally_or_by_name_and_replaces_none_tokens() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken cancellationToken)
            {
                await {|LLM0001:client.CompleteChatAsync(messages, options)|};
                await {|LLM0001:client.CompleteChatAsync(messages)|};
                await {|LLM0001:client.CompleteChatAsync(messages, options, CancellationToken.None)|}; // keep this comment
                await {|LLM0001:client.CompleteChatAsync(options: options, messages: messages, cancellationToken: default)|};
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options, CancellationToken cancellationToken)
            {
                await client.CompleteChatAsync(messages, options, cancellationToken);
                await client.CompleteChatAsync(messages, cancellationToken: cancellationToken);
                await client.CompleteChatAsync(messages, options, cancellationToken); // keep this comment
                await client.CompleteChatAsync(options: options, messages: messages, cancellationToken: cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Prefers_the_guard_lambdas_token_over_the_methods() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        class C
        {
            async Task M(ResiliencePipeline pipeline, IChatClient client, CancellationToken ct)
            {
                await pipeline.ExecuteAsync(async token => await {|LLM0001:client.GetResponseAsync("x")|}, ct);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        class C
        {
            async Task M(ResiliencePipeline pipeline, IChatClient client, CancellationToken ct)
            {
                await pipeline.ExecuteAsync(async token => await client.GetResponseAsync("x", cancellationToken: token), ct);
            }
        }
        """);

    [Fact]
    public Task Switches_a_params_overload_to_the_collection_overload() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, ChatMessage[] history, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(new SystemChatMessage("Be brief"), new UserChatMessage("Hello"))|};
                await {|LLM0001:client.CompleteChatAsync(history)|};
                {|LLM0001:client.CompleteChat(new UserChatMessage("Hello"))|};
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, ChatMessage[] history, CancellationToken ct)
            {
                await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage("Be brief"), new UserChatMessage("Hello") }, cancellationToken: ct);
                await client.CompleteChatAsync(history, cancellationToken: ct);
                client.CompleteChat(new ChatMessage[] { new UserChatMessage("Hello") }, cancellationToken: ct);
            }
        }
        """);

    [Fact]
    public Task Gives_protocol_methods_request_options_with_the_token() => VerifyFix.CodeFixAsync("""
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, BinaryContent body, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(body)|};
            }
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, BinaryContent body, CancellationToken ct)
            {
                await client.CompleteChatAsync(body, new RequestOptions { CancellationToken = ct });
            }
        }
        """);

    [Fact]
    public Task Uses_a_token_local_or_a_token_source_in_top_level_statements() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using Microsoft.Extensions.AI;

        IChatClient client = null;
        using var cts = new CancellationTokenSource();
        await {|LLM0001:client.GetResponseAsync("Hello")|};
        await {|LLM0001:client?.GetResponseAsync("Hello")|};
        """, """
        using System.Threading;
        using Microsoft.Extensions.AI;

        IChatClient client = null;
        using var cts = new CancellationTokenSource();
        await client.GetResponseAsync("Hello", cancellationToken: cts.Token);
        await client?.GetResponseAsync("Hello", cancellationToken: cts.Token);
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Is_not_offered_when_no_token_is_in_scope_or_the_method_cannot_take_one() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            Task M(IChatClient client) => {|LLM0001:client.GetResponseAsync("Hello")|};
        }
        """, """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            Task M(IChatClient client) => {|LLM0001:client.GetResponseAsync("Hello")|};
        }
        """);

    [Fact]
    public Task Is_not_offered_for_the_legacy_OpenAI_API_library() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            Task M(OpenAIAPI api, ChatRequest request, CancellationToken ct) => {|LLM0001:api.Chat.CreateChatCompletionAsync(request)|};
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            Task M(OpenAIAPI api, ChatRequest request, CancellationToken ct) => {|LLM0001:api.Chat.CreateChatCompletionAsync(request)|};
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp10)]
    public Task Fix_all_across_sdks_and_nested_lambdas(LanguageVersion version) => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.SemanticKernel;

        class C
        {
            async Task M(IAnthropicClient anthropic, MessageCreateParams parameters, Kernel kernel, CancellationToken cancellationToken)
            {
                await {|LLM0001:anthropic.Messages.Create(parameters)|};
                await {|LLM0001:kernel.InvokePromptAsync("Hello")|};
                Func<CancellationToken, Task> run = async inner => await {|LLM0001:kernel.InvokePromptAsync("Nested")|};
                await run(cancellationToken);
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.SemanticKernel;

        class C
        {
            async Task M(IAnthropicClient anthropic, MessageCreateParams parameters, Kernel kernel, CancellationToken cancellationToken)
            {
                await anthropic.Messages.Create(parameters, cancellationToken);
                await kernel.InvokePromptAsync("Hello", cancellationToken: cancellationToken);
                Func<CancellationToken, Task> run = async inner => await kernel.InvokePromptAsync("Nested", cancellationToken: inner);
                await run(cancellationToken);
            }
        }
        """, new TestOptions { LanguageVersion = version });
}
