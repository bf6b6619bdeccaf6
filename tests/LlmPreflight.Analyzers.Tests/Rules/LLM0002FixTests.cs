using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using VerifyFix = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0002_ClientWithoutRetryBackoff, LlmPreflight.CodeFixes.LLM0002_UseExponentialRetryPolicyFix>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0002FixTests
{
    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.Latest)]
    public Task Sets_an_exponential_policy_on_inline_local_and_missing_options(LanguageVersion version) => VerifyFix.CodeFixAsync("""
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            void M(ApiKeyCredential key, string rawKey)
            {
                var a = {|LLM0002:new ChatClient("gpt-4o", key)|};
                var b = {|LLM0002:new ChatClient("gpt-4o", rawKey)|};
                var c = {|LLM0002:new ChatClient("gpt-4o", key, new OpenAIClientOptions { Endpoint = new Uri("https://example.test") })|};
                var d = {|LLM0002:new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};
                var options = new OpenAIClientOptions();
                var e = {|LLM0002:new OpenAIClient(key, options)|};
            }
        }
        """, """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            void M(ApiKeyCredential key, string rawKey)
            {
                var a = new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
                var b = new ChatClient("gpt-4o", new ApiKeyCredential(rawKey), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
                var c = new ChatClient("gpt-4o", key, new OpenAIClientOptions { Endpoint = new Uri("https://example.test"), RetryPolicy = new ClientRetryPolicy(3) });
                var d = new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
                var options = new OpenAIClientOptions() { RetryPolicy = new ClientRetryPolicy(3) };
                var e = new OpenAIClient(key, options);
            }
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task Adds_the_usings_it_needs_and_is_not_offered_for_sdks_without_retry_options() => VerifyFix.CodeFixAsync("""
        using OllamaSharp;
        using OpenAI.Responses;

        class C
        {
            void M(string key)
            {
        #pragma warning disable OPENAI001
                var responses = {|LLM0002:new ResponsesClient(key)|};
                var ollama = {|LLM0002:new OllamaApiClient("http://localhost:11434")|};
            }
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OllamaSharp;
        using OpenAI.Responses;

        class C
        {
            void M(string key)
            {
        #pragma warning disable OPENAI001
                var responses = new ResponsesClient(new ApiKeyCredential(key), new ResponsesClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
                var ollama = {|LLM0002:new OllamaApiClient("http://localhost:11434")|};
            }
        }
        """);
}

public class LLM0002GuardedPipelineTests
{
    [Fact]
    public Task Clients_used_only_behind_the_guard_must_not_retry_themselves() => Verify<LlmPreflight.Analyzers.Rules.LLM0002_ClientWithoutRetryBackoff>.AnalyzerAsync("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using LlmPreflight;
        using Microsoft.Extensions.AI;
        using OllamaSharp;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            void M(ApiKeyCredential key)
            {
                IChatClient multiplied = {|LLM0002:new ChatClient("gpt-4o", key)|}.AsIChatClient().AsBuilder().UseLlmPreflight().Build();
                var sdkRetriesOff = new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                IChatClient guarded = sdkRetriesOff.AsIChatClient().AsBuilder().UseLlmPreflight("cheap").Build();
                IChatClient wrapped = new LlmGuardChatClient(new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).AsIChatClient());
                IChatClient ollama = ((IChatClient)new OllamaApiClient("http://localhost:11434")).AsBuilder().UseLlmPreflight().Build();
                var usedElsewhere = {|LLM0002:new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};
                IChatClient alsoGuarded = usedElsewhere.AsIChatClient().AsBuilder().UseLlmPreflight().Build();
                usedElsewhere.CompleteChat("direct, unguarded");
            }
        }
        """);

    [Fact]
    public Task The_switch_off_fix_sets_zero_sdk_retries() => Verify<LlmPreflight.Analyzers.Rules.LLM0002_ClientWithoutRetryBackoff, LlmPreflight.CodeFixes.LLM0002_SwitchSdkRetriesOffFix>.CodeFixAsync("""
        using System.ClientModel;
        using LlmPreflight;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C
        {
            IChatClient M(ApiKeyCredential key) => {|LLM0002:new ChatClient("gpt-4o", key)|}.AsIChatClient().AsBuilder().UseLlmPreflight().Build();
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using LlmPreflight;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            IChatClient M(ApiKeyCredential key) => new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }).AsIChatClient().AsBuilder().UseLlmPreflight().Build();
        }
        """);
}
