using LlmPreflight.Analyzers.Tests.Verifiers;
using VerifyFix = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0003_RetryLoopWithoutBackoff, LlmPreflight.CodeFixes.LLM0003_ReplaceRetryLoopWithGuardFix>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0003FixTests
{
    [Fact]
    public Task Replaces_return_and_assign_break_loops_and_drops_the_give_up_throw() => VerifyFix.CodeFixAsync("""
        using System;
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<ChatResponse> Returning(IChatClient client, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try
                    {
                        return await {|LLM0003:client.GetResponseAsync("hi", cancellationToken: cancellationToken)|};
                    }
                    catch (ClientResultException)
                    {
                        await Task.Delay(1000, cancellationToken);
                    }
                }

                throw new InvalidOperationException("gave up");
            }

            async Task<string> Assigning(IChatClient client, CancellationToken cancellationToken)
            {
                ChatResponse reply = null;
                var attempts = 0;
                while (attempts++ < 3)
                {
                    try
                    {
                        reply = await {|LLM0003:client.GetResponseAsync("hi", cancellationToken: cancellationToken)|};
                        break;
                    }
                    catch (Exception)
                    {
                    }
                }

                return reply?.Text;
            }
        }
        """, """
        using System;
        using System.ClientModel;
        using System.Threading;
        using System.Threading.Tasks;
        using LlmPreflight;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<ChatResponse> Returning(IChatClient client, CancellationToken cancellationToken)
            {
                return await LlmGuard.RunAsync(ct => client.GetResponseAsync("hi", cancellationToken: ct), cancellationToken);
            }

            async Task<string> Assigning(IChatClient client, CancellationToken cancellationToken)
            {
                ChatResponse reply = null;
                var attempts = 0;
                reply = await LlmGuard.RunAsync(ct => client.GetResponseAsync("hi", cancellationToken: ct), cancellationToken);

                return reply?.Text;
            }
        }
        """);

    [Fact]
    public Task Is_not_offered_when_the_loop_does_more_than_retry() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<ChatResponse> M(IChatClient client, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    Console.WriteLine($"attempt {attempt}");
                    try
                    {
                        return await {|LLM0003:client.GetResponseAsync("hi", cancellationToken: cancellationToken)|};
                    }
                    catch (Exception)
                    {
                    }
                }

                return null;
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task<ChatResponse> M(IChatClient client, CancellationToken cancellationToken)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    Console.WriteLine($"attempt {attempt}");
                    try
                    {
                        return await {|LLM0003:client.GetResponseAsync("hi", cancellationToken: cancellationToken)|};
                    }
                    catch (Exception)
                    {
                    }
                }

                return null;
            }
        }
        """);
}
