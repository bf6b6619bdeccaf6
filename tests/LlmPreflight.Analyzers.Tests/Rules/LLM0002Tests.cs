using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0002 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0002_ClientWithoutRetryBackoff>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0002Tests
{
    [Fact]
    public Task OpenAI_clients_on_the_default_zero_delay_policy_are_flagged() => VerifyLLM0002.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;

        class C
        {
            private static readonly ChatClient Shared = {|LLM0002:new ChatClient("gpt-4o-mini", Environment.GetEnvironmentVariable("OPENAI_API_KEY"))|};

            void M(ApiKeyCredential key)
            {
                var openAi = {|LLM0002:new OpenAIClient(key)|};
                var chat = {|LLM0002:new ChatClient("gpt-4o", key, new OpenAIClientOptions { Endpoint = new Uri("https://example.test") })|};
                var embeddings = {|LLM0002:new EmbeddingClient("text-embedding-3-small", key, null)|};
                var options = new OpenAIClientOptions();
                var viaLocal = {|LLM0002:new ChatClient("gpt-4o", key, options)|};
                var fromFactory = openAi.GetChatClient("gpt-4o");
            }
        }
        """);

    [Fact]
    public Task OpenAI_clients_with_an_explicit_policy_or_unknown_options_are_not_flagged() => VerifyLLM0002.AnalyzerAsync("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            private readonly OpenAIClientOptions _configured = new OpenAIClientOptions();

            void M(ApiKeyCredential key, OpenAIClientOptions fromCaller, PipelinePolicy custom)
            {
                new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
                new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = custom });
                new ChatClient("gpt-4o", key, fromCaller);
                new ChatClient("gpt-4o", key, _configured);
                var options = new OpenAIClientOptions();
                options.RetryPolicy = new ClientRetryPolicy(maxRetries: 5);
                new ChatClient("gpt-4o", key, options);
                new ChatClient("gpt-4o", key, new OpenAIClientOptions { ClientLoggingOptions = new ClientLoggingOptions() });
            }
        }
        """);

    [Fact]
    public Task Retries_switched_off_are_flagged_unless_a_guard_retries() => VerifyLLM0002.AnalyzerAsync("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI;
        using OpenAI.Chat;
        using Polly;

        class C
        {
            async Task M(ApiKeyCredential key, ResiliencePipeline pipeline, CancellationToken ct)
            {
                var bare = {|LLM0002:new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};
                await pipeline.ExecuteAsync(async token =>
                {
                    var guarded = new ChatClient("gpt-4o", key, new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                    await guarded.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }, cancellationToken: token);
                }, ct);
            }
        }
        """);

    [Fact]
    public Task Azure_OpenAI_and_Anthropic_back_off_by_default() => VerifyLLM0002.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using Anthropic;
        using Azure.AI.OpenAI;

        class C
        {
            void M(Uri endpoint, ApiKeyCredential key)
            {
                var azure = new AzureOpenAIClient(endpoint, key);
                var chat = azure.GetChatClient("deployment");
                var anthropic = new AnthropicClient();
            }
        }
        """);

    [Fact]
    public Task SDKs_without_retries_are_flagged_unless_given_an_HttpClient_from_elsewhere() => VerifyLLM0002.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Managers;
        using OllamaSharp;

        class C
        {
            void M(IHttpClientFactory factory, HttpClient resilient)
            {
                var local = {|LLM0002:new OllamaApiClient("http://localhost:11434")|};
                var withNewHttp = {|LLM0002:new OllamaApiClient(new HttpClient { BaseAddress = new Uri("http://localhost:11434") })|};
                var withFactoryHttp = new OllamaApiClient(factory.CreateClient("ollama"));
                var betalgo = {|LLM0002:new OpenAIService(new OpenAIOptions { ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") })|};
                var betalgoResilient = new OpenAIService(new OpenAIOptions(), resilient);
            }
        }
        """);

    [Fact]
    public Task Legacy_OpenAI_API_never_retries() => VerifyLLM0002.AnalyzerAsync("""
        using OpenAI_API;

        class C
        {
            OpenAIAPI M() => {|LLM0002:new OpenAIAPI(APIAuthentication.LoadFromEnv())|};
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Fact]
    public Task Semantic_Kernel_builders_that_switch_sdk_retries_off() => VerifyLLM0002.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;
        using OpenAI;

        class C
        {
            void M(IKernelBuilder builder, IServiceCollection services, OpenAIClient client, AzureOpenAIClient azure, HttpClient resilient, string key)
            {
                {|LLM0002:builder.AddOpenAIChatCompletion("gpt-4o", key)|};
                {|LLM0002:builder.AddAzureOpenAIChatCompletion("deployment", "https://x.openai.azure.com", key)|};
                {|LLM0002:services.AddOpenAIChatCompletion("gpt-4o", key)|};
                builder.AddOpenAIChatCompletion("gpt-4o", client);
                builder.AddAzureOpenAIChatCompletion("deployment", azure);
                builder.AddOpenAIChatCompletion("gpt-4o", key, httpClient: resilient);
                var service = {|LLM0002:new OpenAIChatCompletionService("gpt-4o", key)|};
                var fromClient = new OpenAIChatCompletionService("gpt-4o", client);
            }
        }
        """);

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.Latest)]
    public Task Works_in_old_and_new_language_versions(LanguageVersion version) => VerifyLLM0002.AnalyzerAsync("""
        using System.ClientModel;
        using OpenAI.Chat;

        class C
        {
            ChatClient M(ApiKeyCredential key)
            {
                return {|LLM0002:new ChatClient("gpt-4o", key)|};
            }
        }
        """, new TestOptions { LanguageVersion = version });
}
