using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyLLM0000 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0000_InvalidConfiguration>;
using VerifyLLM0001 = LlmPreflight.Analyzers.Tests.Verifiers.Verify<LlmPreflight.Analyzers.Rules.LLM0001_ModelCallWithoutCancellation>;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0000Tests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        class C
        {
            Task M(IChatClient client) => client.GetResponseAsync("x");
        }
        """;

    private static DiagnosticResult Error(string option, string entry, string reason) =>
        new DiagnosticResult("LLM0000", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithArguments(option, entry, reason);

    [Fact]
    public Task Valid_options_are_not_reported() => VerifyLLM0000.AnalyzerAsync(Source, new TestOptions
    {
        EditorConfig =
        [
            "llm_preflight.guard_methods = M:App.Guard.Run|T:App.Guards=timeout,retry|M:App.Guard.Call(System.Func{System.Threading.Tasks.Task},System.Int32)=fallback+cost",
            "llm_preflight.model_methods = M:App.Gateway.AskAsync=chat|M:App.Gateway.EmbedAsync``1=embeddings",
        ],
    });

    [Fact]
    public Task Each_bad_entry_is_named_with_its_option_and_the_reason() => VerifyLLM0000.AnalyzerAsync(Source, new TestOptions
    {
        EditorConfig =
        [
            "llm_preflight.guard_methods = App.Guard.Run|M:App.Guard.Run=forever|M:App.Guard.Call(System.Int32|M:Guard=retry|M:App.Ok.Run=",
            "llm_preflight.model_methods = M:App.Gateway.AskAsync=chitchat|P:App.Gateway.Model|M:App.Gateway.Ask``x",
        ],
        ExpectedCompilerDiagnostics =
        [
            Error("llm_preflight.guard_methods", "App.Guard.Run", "expected a documentation-comment ID that starts with 'M:' (a method) or 'T:' (a type)"),
            Error("llm_preflight.guard_methods", "M:App.Guard.Run=forever", "'forever' is not a guard concern; use all, timeout, retry, fallback, rate-limit, cost"),
            Error("llm_preflight.guard_methods", "M:App.Guard.Call(System.Int32", "the parameter list is not closed with ')'"),
            Error("llm_preflight.guard_methods", "M:Guard=retry", "a method ID names its containing type: M:Namespace.Type.Method"),
            Error("llm_preflight.guard_methods", "M:App.Ok.Run=", "nothing follows '='"),
            Error("llm_preflight.model_methods", "M:App.Gateway.AskAsync=chitchat", "'chitchat' is not a call kind; use chat, completion, responses, embeddings, images, audio, moderation, agent-run, prompt-invocation, assistant-run, realtime, token-count, batch, custom"),
            Error("llm_preflight.model_methods", "P:App.Gateway.Model", "expected a documentation-comment ID that starts with 'M:' (a method) or 'T:' (a type)"),
            Error("llm_preflight.model_methods", "M:App.Gateway.Ask``x", "the generic arity after '``' is not a number"),
        ],
    });

    [Fact]
    public Task A_bad_entry_shared_by_many_files_is_reported_once() => VerifyLLM0000.AnalyzerAsync([Source, Source.Replace("class C", "class D")], new TestOptions
    {
        EditorConfig = ["llm_preflight.guard_methods = Nope"],
        ExpectedCompilerDiagnostics = [Error("llm_preflight.guard_methods", "Nope", "expected a documentation-comment ID that starts with 'M:' (a method) or 'T:' (a type)")],
    });

    [Fact]
    public Task Other_rules_skip_bad_entries_and_keep_the_good_ones() => VerifyLLM0001.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace App
        {
            static class Guard
            {
                public static Task<T> Run<T>(Func<Task<T>> call) => call();
            }

            class C
            {
                async Task M(IChatClient client)
                {
                    await Guard.Run(() => client.GetResponseAsync("guarded by the valid entry"));
                    await {|LLM0001:client.GetResponseAsync("unguarded")|};
                }
            }
        }
        """, new TestOptions { EditorConfig = ["llm_preflight.guard_methods = garbage(|M:App.Guard.Run=timeout|M:=|T:"] });
}
