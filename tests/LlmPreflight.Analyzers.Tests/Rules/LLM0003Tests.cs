using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using VerifyLLM0003 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0003_RetryLoopWithoutBackoff>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0003Tests
{
    [Fact]
    public Task Retry_loops_with_no_delay_or_a_constant_delay_are_flagged() => VerifyLLM0003.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C
        {
            private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

            async Task<ChatCompletion> NoDelay(ChatClient client, List<OpenAI.Chat.ChatMessage> messages, CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await {|LLM0003:client.CompleteChatAsync(messages, cancellationToken: ct)|};
                    }
                    catch (ClientResultException)
                    {
                    }
                }

                throw new InvalidOperationException("gave up");
            }

            async Task<ChatResponse> ConstantDelay(IChatClient client, CancellationToken ct)
            {
                var attempts = 0;
                while (true)
                {
                    try
                    {
                        return await {|LLM0003:client.GetResponseAsync("hi", cancellationToken: ct)|};
                    }
                    catch (Exception) when (attempts++ < 5)
                    {
                        await Task.Delay(1000, ct);
                    }
                }
            }

            ChatResponse SleepingSync(IChatClient client, CancellationToken ct)
            {
                ChatResponse result = null;
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        result = {|LLM0003:client.GetResponseAsync("hi", cancellationToken: ct)|}.GetAwaiter().GetResult();
                        break;
                    }
                    catch (Exception)
                    {
                        if (i == 2) throw;
                        Thread.Sleep(Pause);
                    }
                }

                return result;
            }
        }
        """);

    [Fact]
    public Task Growing_delays_retry_after_and_loops_that_are_not_retries_are_not_flagged() => VerifyLLM0003.AnalyzerAsync("""
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<ChatResponse> Exponential(IChatClient client, CancellationToken ct)
            {
                var delay = TimeSpan.FromMilliseconds(500);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        return await client.GetResponseAsync("hi", cancellationToken: ct);
                    }
                    catch (Exception) when (attempt < 4)
                    {
                        await Task.Delay(delay, ct);
                        delay *= 2;
                    }
                }
            }

            async Task<ChatResponse> ByAttempt(IChatClient client, CancellationToken ct)
            {
                for (var attempt = 1; attempt <= 4; attempt++)
                {
                    try
                    {
                        return await client.GetResponseAsync("hi", cancellationToken: ct);
                    }
                    catch (Exception) when (attempt < 4)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), ct);
                    }
                }

                return null;
            }

            async Task<ChatResponse> HonoursRetryAfter(IChatClient client, CancellationToken ct)
            {
                while (true)
                {
                    try
                    {
                        return await client.GetResponseAsync("hi", cancellationToken: ct);
                    }
                    catch (ClientResultException e) when (e.Status == 429)
                    {
                        var header = e.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true ? value : "1";
                        await Task.Delay(TimeSpan.FromSeconds(int.Parse(header)), ct);
                    }
                }
            }

            async Task PerItemLoop(IChatClient client, IEnumerable<string> questions, CancellationToken ct)
            {
                foreach (var question in questions)
                {
                    try
                    {
                        await client.GetResponseAsync(question, cancellationToken: ct);
                    }
                    catch (Exception)
                    {
                    }
                }
            }

            async Task RethrowingCatch(IChatClient client, CancellationToken ct)
            {
                for (var i = 0; i < 3; i++)
                {
                    try
                    {
                        await client.GetResponseAsync("hi", cancellationToken: ct);
                        return;
                    }
                    catch (Exception)
                    {
                        throw;
                    }
                }
            }
        }
        """);

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.Latest)]
    public Task Covers_other_sdks_and_language_versions(LanguageVersion version) => VerifyLLM0003.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Exceptions;
        using Anthropic.Models.Messages;
        using Microsoft.SemanticKernel;

        class C
        {
            async Task<Message> Anthropic(IAnthropicClient client, MessageCreateParams parameters, CancellationToken ct)
            {
                while (true)
                {
                    try
                    {
                        return await {|LLM0003:client.Messages.Create(parameters, ct)|};
                    }
                    catch (AnthropicRateLimitException)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), ct);
                    }
                }
            }

            async Task<FunctionResult> Kernel(Kernel kernel, CancellationToken ct)
            {
                for (int i = 0; i < 3; i++)
                {
                    try
                    {
                        return await {|LLM0003:kernel.InvokePromptAsync("hi", cancellationToken: ct)|};
                    }
                    catch (HttpOperationException)
                    {
                        continue;
                    }
                }

                return null;
            }
        }
        """, new TestOptions { LanguageVersion = version });
}
