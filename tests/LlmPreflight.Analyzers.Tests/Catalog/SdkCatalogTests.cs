using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Configuration;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Tests.Catalog;

/// <summary>The catalog's data, bound against the real SDK assemblies: every line must name something that exists.</summary>
public class SdkCatalogTests
{
    private static LlmCompilationContext Bind(SdkSet set)
    {
        var compilation = CSharpCompilation.Create("Catalog", [CSharpSyntaxTree.ParseText("class C { }")], [.. SdkReferences.Framework, .. SdkReferences.For(set)]);
        return LlmCompilationContext.TryGet(compilation, new AnalyzerOptions([])) ?? throw new InvalidOperationException("no SDK found");
    }

    private static Compilation CompilationOf(LlmCompilationContext context) => context.Compilation;

    [Fact]
    public void Every_call_line_resolves_to_methods_in_the_sdk_it_names()
    {
        var current = CompilationOf(Bind(SdkSet.Current));
        var legacy = CompilationOf(Bind(SdkSet.Legacy));
        var unresolved = CatalogData.Instance.Calls
            .Where(c => c.Pattern.ResolveMethods(current).IsEmpty && c.Pattern.ResolveMethods(legacy).IsEmpty)
            .Select(c => c.Pattern.Text)
            .ToList();
        Assert.Empty(unresolved);
        Assert.True(CatalogData.Instance.Calls.Length > 150);
    }

    [Fact]
    public void Every_options_result_failure_and_guard_line_names_a_real_type()
    {
        var compilations = new[] { CompilationOf(Bind(SdkSet.Current)), CompilationOf(Bind(SdkSet.Legacy)) };
        bool Exists(string typeName) => compilations.Any(c => !SymbolPattern.ResolveTypes(c, typeName).IsEmpty);

        Assert.Empty(CatalogData.Instance.Options.Where(o => !Exists(o.TypeName)).Select(o => o.TypeName));
        Assert.Empty(CatalogData.Instance.Results.Where(r => !Exists(r.TypeName)).Select(r => r.TypeName));
        Assert.Empty(CatalogData.Instance.Failures.Where(f => !Exists(f.ExceptionTypeName)).Select(f => f.ExceptionTypeName));
        Assert.Empty(CatalogData.Instance.Guards.Where(g => compilations.All(c => g.Pattern.ResolveMethods(c).IsEmpty)).Select(g => g.Pattern.Text));
        foreach (var options in CatalogData.Instance.Options)
        {
            var type = compilations.SelectMany(c => SymbolPattern.ResolveTypes(c, options.TypeName)).First();
            Assert.True(type.GetMembers(options.OutputTokenProperty).OfType<IPropertySymbol>().Any(), $"{options.TypeName} has no property {options.OutputTokenProperty}");
        }
    }

    [Theory]
    [InlineData("M:OpenAI.Chat.ChatClient.CompleteChatAsync(System.Collections.Generic.IEnumerable{OpenAI.Chat.ChatMessage},OpenAI.Chat.ChatCompletionOptions,System.Threading.CancellationToken)", "openai", "Chat", true, false, "MaxOutputTokenCount", "OpenAI.Chat.ChatCompletion", "Usage")]
    [InlineData("M:OpenAI.Chat.ChatClient.CompleteChat(OpenAI.Chat.ChatMessage[])", "openai", "Chat", false, false, null, "OpenAI.Chat.ChatCompletion", "Usage")]
    [InlineData("M:OpenAI.Chat.ChatClient.CompleteChatStreamingAsync(System.Collections.Generic.IEnumerable{OpenAI.Chat.ChatMessage},OpenAI.Chat.ChatCompletionOptions,System.Threading.CancellationToken)", "openai", "Chat", true, true, "MaxOutputTokenCount", "OpenAI.Chat.StreamingChatCompletionUpdate", "Usage")]
    [InlineData("M:Microsoft.Extensions.AI.IChatClient.GetResponseAsync(System.Collections.Generic.IEnumerable{Microsoft.Extensions.AI.ChatMessage},Microsoft.Extensions.AI.ChatOptions,System.Threading.CancellationToken)", "meai", "Chat", true, false, "MaxOutputTokens", "Microsoft.Extensions.AI.ChatResponse", "Usage")]
    [InlineData("M:Anthropic.Services.IMessageService.Create(Anthropic.Models.Messages.MessageCreateParams,System.Threading.CancellationToken)", "anthropic", "Chat", true, false, "MaxTokens", "Anthropic.Models.Messages.Message", "Usage")]
    [InlineData("M:OpenAI.Embeddings.EmbeddingClient.GenerateEmbeddingsAsync(System.Collections.Generic.IEnumerable{System.String},OpenAI.Embeddings.EmbeddingGenerationOptions,System.Threading.CancellationToken)", "openai", "Embeddings", true, false, null, "OpenAI.Embeddings.OpenAIEmbeddingCollection", "Usage")]
    public void A_call_is_described_from_its_catalog_line_and_signature(string id, string sdk, string kind, bool isAsync, bool isStreaming, string? outputBound, string resultType, string usageMember)
    {
        var context = Bind(SdkSet.Current);
        var method = Assert.IsAssignableFrom<IMethodSymbol>(DocumentationCommentId.GetFirstSymbolForDeclarationId(id, context.Compilation));
        var call = context.GetModelCall(method, ResolvedConfiguration.Empty);

        Assert.NotNull(call);
        Assert.Equal(sdk, call!.Sdk!.Id);
        Assert.Equal(kind, call.Kind.ToString());
        Assert.Equal(isAsync, call.IsAsync);
        Assert.Equal(isStreaming, call.IsStreaming);
        Assert.Equal(outputBound, call.Options?.OutputTokenProperty);
        Assert.Equal(resultType, call.ResultType?.OriginalDefinition.ToDisplayString());
        Assert.Equal(usageMember, call.Result?.UsageMember);
    }

    [Fact]
    public void Sdk_retry_defaults_follow_the_verified_facts()
    {
        var retry = CatalogData.Instance.Sdks.ToDictionary(s => s.Id, s => s.Retry);
        Assert.Equal(RetryDefault.ZeroDelay, retry["openai"]);
        Assert.Equal(RetryDefault.Backoff, retry["azure-openai"]);
        Assert.Equal(RetryDefault.Backoff, retry["anthropic"]);
        Assert.Equal(RetryDefault.None, retry["ollama"]);
        Assert.Equal(RetryDefault.None, retry["betalgo"]);
        Assert.Equal(RetryDefault.NotApplicable, retry["llamasharp"]);
    }

    [Fact]
    public void A_compilation_without_sdks_gets_no_context()
    {
        var compilation = CSharpCompilation.Create("Plain", [CSharpSyntaxTree.ParseText("class C { }")], SdkReferences.Framework);
        Assert.Null(LlmCompilationContext.TryGet(compilation, new AnalyzerOptions([])));
    }

    [Fact]
    public void Malformed_catalog_lines_fail_loudly_with_their_line_number()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CatalogData.Parse("sdk\tx\tX\tX\tbackoff\tX\ncall\tx\tchitchat\tM:A.B.C\n"));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("chitchat", error.Message);
    }
}
