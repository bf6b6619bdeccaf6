using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0001 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0001_ModelCallWithoutCancellation>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0001Tests
{
    [Fact]
    public Task OpenAI_chat_flags_omitted_default_and_none_tokens() => VerifyLLM0001.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<ChatMessage> messages, ChatCompletionOptions options)
            {
                await {|LLM0001:client.CompleteChatAsync(messages)|};
                await {|LLM0001:client.CompleteChatAsync(messages, options)|};
                await {|LLM0001:client.CompleteChatAsync(messages, options, default)|};
                await {|LLM0001:client.CompleteChatAsync(messages, options, default(CancellationToken))|};
                await {|LLM0001:client.CompleteChatAsync(messages, options, CancellationToken.None)|};
                await {|LLM0001:client.CompleteChatAsync(messages, options, new CancellationToken())|};
                await {|LLM0001:client.CompleteChatAsync(messages, options, new CancellationToken(false))|};
                {|LLM0001:client.CompleteChat(messages)|};
            }
        }
        """);

    [Fact]
    public Task OpenAI_chat_accepts_any_real_token() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            private readonly CancellationTokenSource _cts = new CancellationTokenSource();
            private CancellationToken Stopping => _cts.Token;

            async Task M(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await client.CompleteChatAsync(messages, cancellationToken: ct);
                await client.CompleteChatAsync(messages, null, ct);
                await client.CompleteChatAsync(messages, cancellationToken: _cts.Token);
                await client.CompleteChatAsync(messages, cancellationToken: Stopping);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await client.CompleteChatAsync(messages, cancellationToken: timeout.Token);
                var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token).Token;
                client.CompleteChat(messages, cancellationToken: linked);
                await client.CompleteChatAsync(messages, new CancellationToken(true) is var t ? null : null, t);
            }
        }
        """);

    [Fact]
    public Task OpenAI_params_overload_is_flagged_even_with_a_token_in_scope() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(new UserChatMessage("Hello"))|};
                await {|LLM0001:client.CompleteChatAsync(new SystemChatMessage("Be brief"), new UserChatMessage("Hello"))|};
                {|LLM0001:client.CompleteChat("plain text converts to a user message")|};
            }
        }
        """);

    [Fact]
    public Task OpenAI_embeddings_images_audio_moderation_and_streaming() => VerifyLLM0001.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Audio;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        using OpenAI.Images;
        using OpenAI.Moderations;

        class C
        {
            async Task M(EmbeddingClient embeddings, ImageClient images, AudioClient audio, ModerationClient moderation, ChatClient chat, List<ChatMessage> messages, Stream wav, CancellationToken ct)
            {
                await {|LLM0001:embeddings.GenerateEmbeddingAsync("text")|};
                await {|LLM0001:embeddings.GenerateEmbeddingsAsync(new[] { "a", "b" })|};
                await embeddings.GenerateEmbeddingAsync("text", cancellationToken: ct);
                await {|LLM0001:images.GenerateImageAsync("a cat")|};
                await {|LLM0001:audio.TranscribeAudioAsync(wav, "a.wav")|};
                await {|LLM0001:audio.TranscribeAudioAsync("a.wav")|};
                await {|LLM0001:moderation.ClassifyTextAsync("text")|};
                await foreach (var update in {|LLM0001:chat.CompleteChatStreamingAsync(messages)|})
                {
                }

                await foreach (var update in chat.CompleteChatStreamingAsync(messages, cancellationToken: ct))
                {
                }

                foreach (var update in {|LLM0001:chat.CompleteChatStreaming(messages)|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task OpenAI_responses_client_is_covered() => VerifyLLM0001.AnalyzerAsync("""
        #pragma warning disable OPENAI001
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Responses;

        class C
        {
            async Task M(ResponsesClient client, CancellationToken ct)
            {
                await {|LLM0001:client.CreateResponseAsync("gpt-4o-mini", "Hello")|};
                await client.CreateResponseAsync("gpt-4o-mini", "Hello", cancellationToken: ct);
                var stream = await {|LLM0001:client.CreateResponseStreamingAsync("gpt-4o-mini", "Hello")|};
            }
        }
        """);

    [Fact]
    public Task OpenAI_protocol_methods_need_request_options_with_a_token() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, BinaryContent body, RequestOptions given, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(body)|};
                await {|LLM0001:client.CompleteChatAsync(body, null)|};
                await {|LLM0001:client.CompleteChatAsync(body, new RequestOptions())|};
                await client.CompleteChatAsync(body, new RequestOptions { CancellationToken = ct });
                await client.CompleteChatAsync(body, given);
            }
        }
        """);

    [Fact]
    public Task Azure_OpenAI_2x_clients_share_the_OpenAI_surface() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using OpenAI.Chat;

        class C
        {
            async Task M(Uri endpoint, ApiKeyCredential key, CancellationToken ct)
            {
                var azure = new AzureOpenAIClient(endpoint, key);
                ChatClient chat = azure.GetChatClient("my-deployment");
                await {|LLM0001:chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") })|};
                await chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage("hi") }, cancellationToken: ct);
                await {|LLM0001:azure.GetEmbeddingClient("embed").GenerateEmbeddingAsync("text")|};
            }
        }
        """);

    [Fact]
    public Task Azure_AI_Inference_is_covered() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.AI.Inference;

        class C
        {
            async Task M(ChatCompletionsClient client, ChatCompletionsOptions options, EmbeddingsClient embeddings, EmbeddingsOptions embeddingOptions, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteAsync(options)|};
                await client.CompleteAsync(options, ct);
                {|LLM0001:client.Complete(options)|};
                await {|LLM0001:embeddings.EmbedAsync(embeddingOptions)|};
            }
        }
        """);

    [Fact]
    public Task Microsoft_Extensions_AI_interfaces_and_extensions() => VerifyLLM0001.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> embedder, List<ChatMessage> history, CancellationToken ct)
            {
                await {|LLM0001:client.GetResponseAsync("Hello")|};
                await {|LLM0001:client.GetResponseAsync(history)|};
                await {|LLM0001:client.GetResponseAsync<int[]>("Three numbers")|};
                await client.GetResponseAsync("Hello", cancellationToken: ct);
                await client.GetResponseAsync(history, new ChatOptions(), ct);
                await {|LLM0001:embedder.GenerateAsync(new[] { "a" })|};
                await {|LLM0001:embedder.GenerateVectorAsync("a")|};
                await embedder.GenerateVectorAsync("a", cancellationToken: ct);
            }
        }
        """);

    [Fact]
    public Task Streaming_is_fine_when_enumerated_with_cancellation() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task M(IChatClient client, CancellationToken ct)
            {
                await foreach (var update in client.GetStreamingResponseAsync("Hello").WithCancellation(ct))
                {
                }

                var stream = client.GetStreamingResponseAsync("Hello");
                await foreach (var update in stream.WithCancellation(ct).ConfigureAwait(false))
                {
                }

                await foreach (var update in {|LLM0001:client.GetStreamingResponseAsync("Hello")|}.WithCancellation(CancellationToken.None))
                {
                }

                await foreach (var update in {|LLM0001:client.GetStreamingResponseAsync("Hello")|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task A_users_own_IChatClient_implementation_counts() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        sealed class EchoClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
            public object GetService(Type serviceType, object serviceKey = null) => null;
            public void Dispose() { }
        }

        sealed class Derived : DelegatingChatClient
        {
            public Derived(IChatClient inner) : base(inner) { }
        }

        class C
        {
            async Task M(EchoClient echo, Derived derived, List<ChatMessage> messages, CancellationToken ct)
            {
                await {|LLM0001:echo.GetResponseAsync(messages)|};
                await echo.GetResponseAsync(messages, cancellationToken: ct);
                await {|LLM0001:derived.GetResponseAsync(messages)|};
            }
        }
        """);

    [Fact]
    public Task Semantic_Kernel_services_and_prompt_invocations() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;

        class C
        {
            async Task M(Kernel kernel, IChatCompletionService chat, KernelFunction function, ChatHistory history, CancellationToken ct)
            {
                await {|LLM0001:kernel.InvokePromptAsync("Summarize {{$input}}")|};
                await kernel.InvokePromptAsync("Summarize {{$input}}", cancellationToken: ct);
                await {|LLM0001:chat.GetChatMessageContentAsync(history)|};
                await {|LLM0001:chat.GetChatMessageContentsAsync(history)|};
                await chat.GetChatMessageContentsAsync(history, cancellationToken: ct);
                await {|LLM0001:kernel.InvokeAsync(function)|};
                await {|LLM0001:function.InvokeAsync(kernel)|};
                await function.InvokeAsync(kernel, cancellationToken: ct);
            }
        }
        """);

    [Fact]
    public Task Anthropic_messages_are_covered() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;

        class C
        {
            async Task M(IAnthropicClient client, MessageCreateParams parameters, CancellationToken ct)
            {
                await {|LLM0001:client.Messages.Create(parameters)|};
                await client.Messages.Create(parameters, ct);
                await foreach (var e in {|LLM0001:client.Messages.CreateStreaming(parameters)|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task OllamaSharp_Betalgo_and_Agents_are_covered() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Microsoft.Agents.AI;
        using OllamaSharp;
        using OllamaSharp.Models.Chat;

        class C
        {
            async Task M(IOllamaApiClient ollama, OllamaApiClient concrete, ChatRequest request, IOpenAIService betalgo, ChatCompletionCreateRequest chatRequest, AIAgent agent, CancellationToken ct)
            {
                await foreach (var chunk in {|LLM0001:ollama.ChatAsync(request)|})
                {
                }

                await foreach (var chunk in concrete.ChatAsync(request, ct))
                {
                }

                await {|LLM0001:ollama.EmbedAsync("text")|};
                await {|LLM0001:betalgo.ChatCompletion.CreateCompletion(chatRequest)|};
                await betalgo.ChatCompletion.CreateCompletion(chatRequest, cancellationToken: ct);
                await {|LLM0001:agent.RunAsync("Plan my day")|};
                await agent.RunAsync("Plan my day", cancellationToken: ct);
            }
        }
        """);

    [Fact]
    public Task Legacy_Azure_OpenAI_beta_and_OpenAI_API_are_covered() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.AI.OpenAI;
        using OpenAI_API;
        using OpenAI_API.Chat;

        class C
        {
            async Task M(OpenAIClient azure, ChatCompletionsOptions options, OpenAIAPI api, ChatRequest request, CancellationToken ct)
            {
                await {|LLM0001:azure.GetChatCompletionsAsync("deployment", options)|};
                await azure.GetChatCompletionsAsync("deployment", options, ct);
                await {|LLM0001:api.Chat.CreateChatCompletionAsync(request)|};
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    [Fact]
    public Task Csharp_forms_lambdas_local_functions_expression_bodies_conditional_access_named_arguments() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ChatClient = OpenAI.Chat.ChatClient;
        using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;
        using OpenAIMessage = OpenAI.Chat.ChatMessage;

        partial class C
        {
            private readonly IChatClient _client;
            public C(IChatClient client) => _client = client;

            Task<ChatResponse> Ask(string q) => {|LLM0001:_client.GetResponseAsync(q)|};
            Task<ChatResponse> Ask(string q, CancellationToken ct) => _client.GetResponseAsync(q, cancellationToken: ct);

            async Task M(ChatClient chat, List<OpenAIMessage> messages, IChatClient maybe, CancellationToken ct)
            {
                Func<Task> lambda = async () => await {|LLM0001:_client.GetResponseAsync("x")|};
                Func<CancellationToken, Task> withToken = async token => await _client.GetResponseAsync("x", cancellationToken: token);
                await Local();
                async Task Local() => await {|LLM0001:_client.GetResponseAsync("y")|};
                await ({|LLM0001:maybe?.GetResponseAsync("z")|} ?? Task.FromResult<ChatResponse>(null));
                await {|LLM0001:chat.CompleteChatAsync(options: new ChatCompletionOptions(), messages: messages)|};
                await chat.CompleteChatAsync(cancellationToken: ct, messages: messages);
                await {|LLM0001:chat.CompleteChatAsync(messages)|}.ConfigureAwait(false);
                var tasks = new[] { "a", "b" }.Select(q => {|LLM0001:_client.GetResponseAsync(q)|});
                Func<string, ChatOptions, CancellationToken, Task<ChatResponse>> group = _client.GetResponseAsync;
            }
        }

        partial class C
        {
            Task Other() => {|LLM0001:_client.GetResponseAsync("from the other part")|};
        }
        """);

    [Fact]
    public Task Top_level_statements() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using Microsoft.Extensions.AI;

        IChatClient client = null;
        using var cts = new CancellationTokenSource();
        await {|LLM0001:client.GetResponseAsync("Hello")|};
        await client.GetResponseAsync("Hello", cancellationToken: cts.Token);
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.Latest)]
    public Task Works_across_language_versions(LanguageVersion version) => VerifyLLM0001.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI.Chat;

        class C
        {
            async Task M(ChatClient client, List<ChatMessage> messages, CancellationToken ct)
            {
                await {|LLM0001:client.CompleteChatAsync(messages)|};
                await client.CompleteChatAsync(messages, null, ct);
            }
        }
        """, new TestOptions { LanguageVersion = version });

    [Fact]
    public Task Polly_guards_retry_but_not_timeouts_so_the_guard_token_must_be_passed() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        class C
        {
            async Task M(ResiliencePipeline pipeline, ResiliencePipeline<ChatResponse> typed, IChatClient client, CancellationToken ct)
            {
                await pipeline.ExecuteAsync(async token => await {|LLM0001:client.GetResponseAsync("x")|}, ct);
                await pipeline.ExecuteAsync(async token => await client.GetResponseAsync("x", cancellationToken: token), ct);
                await typed.ExecuteAsync(async token => await client.GetResponseAsync("x", cancellationToken: token), ct);
            }
        }
        """);

    [Fact]
    public Task A_configured_guard_that_covers_timeouts_and_passes_no_token_satisfies_the_rule() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace App
        {
            static class Resilient
            {
                public static Task<T> Run<T>(Func<Task<T>> call) => call();
                public static Task<T> RunWithToken<T>(Func<CancellationToken, Task<T>> call) => call(CancellationToken.None);
                public static Task<T> RetryOnly<T>(Func<Task<T>> call) => call();
            }

            class C
            {
                async Task M(IChatClient client)
                {
                    await Resilient.Run(() => client.GetResponseAsync("x"));
                    await Resilient.RunWithToken(ct => {|LLM0001:client.GetResponseAsync("x")|});
                    await Resilient.RetryOnly(() => {|LLM0001:client.GetResponseAsync("x")|});
                    await Resilient.Run(Local);
                    Task<ChatResponse> Local() => client.GetResponseAsync("local function passed as a method group");
                }
            }
        }
        """, new TestOptions { EditorConfig = ["llm_preflight.guard_methods = M:App.Resilient.Run|M:App.Resilient.RunWithToken``1|M:App.Resilient.RetryOnly=retry"] });

    [Fact]
    public Task Configured_model_methods_are_model_calls() => VerifyLLM0001.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        namespace App
        {
            class LlmGateway
            {
                public Task<string> AskAsync(string prompt, CancellationToken cancellationToken = default) => Task.FromResult(prompt);
            }

            class C
            {
                async Task M(LlmGateway gateway, CancellationToken ct)
                {
                    await {|LLM0001:gateway.AskAsync("x")|};
                    await gateway.AskAsync("x", ct);
                }
            }
        }
        """, new TestOptions { Sdks = SdkSet.None, EditorConfig = ["llm_preflight.model_methods = M:App.LlmGateway.AskAsync=chat"] });

    [Fact]
    public Task Without_any_SDK_nothing_is_reported() => VerifyLLM0001.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            Task<string> M(HttpClient http) => http.GetStringAsync("https://example.com");
        }
        """, new TestOptions { Sdks = SdkSet.None });

    [Fact]
    public Task Calls_that_are_not_model_calls_are_not_flagged() => VerifyLLM0001.AnalyzerAsync("""
        #pragma warning disable OPENAI001
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ChatClient = OpenAI.Chat.ChatClient;

        class C
        {
            void M(IChatClient client, ChatClient chat)
            {
                var service = client.GetService(typeof(ChatClient));
                var text = new ChatMessage(ChatRole.User, "hi").Text;
                var model = chat.Model;
                client.Dispose();
            }
        }
        """);
}

public class LLM0001MockingTests
{
    [Fact]
    public Task Calls_recorded_by_mocking_libraries_are_not_model_calls() => Verify<LLM0001_ModelCallWithoutCancellation>.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using FakeItEasy;
        using Microsoft.Extensions.AI;
        using Moq;
        using NSubstitute;

        class Tests
        {
            async Task Moq_setup_and_verify()
            {
                var mock = new Mock<IChatClient>();
                mock.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), null, default)).ReturnsAsync(new ChatResponse());
                await {|LLM0001:mock.Object.GetResponseAsync(new List<ChatMessage>())|};
                mock.Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), null, default), Moq.Times.Once());
            }

            async Task NSubstitute_returns_and_received()
            {
                var client = Substitute.For<IChatClient>();
                client.GetResponseAsync(Arg.Any<IEnumerable<ChatMessage>>(), null, default).Returns(new ChatResponse());
                await {|LLM0001:client.GetResponseAsync(new List<ChatMessage>())|};
                await client.Received(1).GetResponseAsync(Arg.Any<IEnumerable<ChatMessage>>(), null, default);
            }

            async Task FakeItEasy_call_to()
            {
                var client = A.Fake<IChatClient>();
                A.CallTo(() => client.GetResponseAsync(A<IEnumerable<ChatMessage>>._, null, default)).Returns(new ChatResponse());
                await {|LLM0001:client.GetResponseAsync(new List<ChatMessage>())|};
            }
        }
        """);

    [Fact]
    public Task A_model_call_that_cannot_take_a_token_is_accepted_inside_a_timeout_guard() => Verify<LLM0001_ModelCallWithoutCancellation>.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenAI_API;
        using OpenAI_API.Chat;

        namespace App
        {
            static class Guard
            {
                public static Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken token) => call(token);
            }

            class C
            {
                async Task M(OpenAIAPI api, ChatRequest request, CancellationToken ct)
                {
                    await Guard.RunAsync(token => api.Chat.CreateChatCompletionAsync(request), ct);
                    await {|LLM0001:api.Chat.CreateChatCompletionAsync(request)|};
                }
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy, EditorConfig = ["llm_preflight.guard_methods = M:App.Guard.RunAsync"] });
}

public class LLM0001GuardTests
{
    [Fact]
    public Task Polly_v7_policies_are_guards_for_retry_only_so_their_token_must_be_passed() => Verify<LLM0001_ModelCallWithoutCancellation>.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Polly;

        class C
        {
            async Task M(IChatClient client, CancellationToken cancellationToken)
            {
                var policy = Policy.Handle<Exception>().WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));
                await policy.ExecuteAsync(async ct => await {|LLM0001:client.GetResponseAsync("x")|}, cancellationToken);
                await policy.ExecuteAsync(async ct => await client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                IAsyncPolicy asInterface = policy;
                await asInterface.ExecuteAsync(() => {|LLM0001:client.GetResponseAsync("x")|});
            }
        }
        """);

    [Fact]
    public Task The_runtime_guard_covers_timeouts_but_its_token_must_still_be_passed() => Verify<LLM0001_ModelCallWithoutCancellation>.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;
        using ChatClient = OpenAI.Chat.ChatClient;
        using UserChatMessage = OpenAI.Chat.UserChatMessage;

        class C
        {
            async Task M(IChatClient client, ChatClient chat, CancellationToken cancellationToken)
            {
                await LlmGuard.RunAsync(ct => client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                await LlmGuard.RunAsync("cheap", ct => client.GetResponseAsync("x", cancellationToken: ct), cancellationToken);
                await LlmGuard.RunAsync(ct => {|LLM0001:client.GetResponseAsync("x")|}, cancellationToken);
                LlmGuard.Run(ct => chat.CompleteChat(new[] { (OpenAI.Chat.ChatMessage)new UserChatMessage("x") }, cancellationToken: ct));
                await foreach (var update in LlmGuard.StreamAsync(ct => client.GetStreamingResponseAsync("x", cancellationToken: ct), cancellationToken))
                {
                }
            }
        }
        """);
}
