using System.Collections.Immutable;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Tests.Meta;

/// <summary>No analyzer may throw (AD0001) on empty, broken or odd source, and none may work where no SDK is referenced.</summary>
public class RobustnessTests
{
    private static readonly Dictionary<string, string> s_sources = new()
    {
        ["empty"] = "",
        ["only a using"] = "using OpenAI.Chat;",
        ["unclosed class"] = "class {",
        ["half a call"] = "using OpenAI.Chat; class C { void M(ChatClient c) { c.CompleteChat( } }",
        ["call with missing arguments"] = "using OpenAI.Chat; class C { async System.Threading.Tasks.Task M(ChatClient c) { await c.CompleteChatAsync(); c.CompleteChat(cancellationToken: ); } }",
        ["unknown types"] = "class C { async System.Threading.Tasks.Task M(Nope c) { await c.CompleteChatAsync(x, y, z); var k = new ApiKeyCredential(); } }",
        ["key literal in broken code"] = "class C { string k = \"sk-proj-abc\" +; new System.ClientModel.ApiKeyCredential(\"sk-\"",
        ["top-level garbage"] = "await ; using var = ; Microsoft.Extensions.AI.IChatClient c = null; await c.GetResponseAsync(",
        ["async void lambda soup"] = "using Microsoft.Extensions.AI; class C { void M(IChatClient c) { System.Action a = async () => await c.GetResponseAsync(\"x\").Result; c.GetResponseAsync(\"y\").Wait(; } }",
    };

    public static TheoryData<string, string> BrokenSources()
    {
        var data = new TheoryData<string, string>();
        foreach (var analyzer in AnalyzerInventory.Analyzers)
        {
            foreach (var label in s_sources.Keys)
            {
                data.Add(analyzer.GetType().Name, label);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Analyzers_do_not_crash_on_broken_source(string analyzerName, string sourceLabel)
    {
        var analyzer = AnalyzerInventory.Analyzer(analyzerName);
        var exceptions = new List<Exception>();
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(s_sources[sourceLabel], new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs")],
            [.. SdkReferences.Framework, .. SdkReferences.For(SdkSet.Current)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task Without_an_LLM_SDK_no_analyzer_registers_operation_work()
    {
        var compilation = CSharpCompilation.Create(
            "NoSdk",
            [CSharpSyntaxTree.ParseText("using System.Threading.Tasks; class C { async Task<string> M(System.Net.Http.HttpClient h) => await h.GetStringAsync(\"https://example.com\"); }")],
            SdkReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var withAnalyzers = compilation.WithAnalyzers([.. AnalyzerInventory.Analyzers], new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());

        foreach (var analyzer in AnalyzerInventory.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            Assert.Equal(0, telemetry.OperationActionsCount + telemetry.OperationBlockActionsCount + telemetry.OperationBlockStartActionsCount + telemetry.SymbolActionsCount + telemetry.SemanticModelActionsCount);
        }
    }
}
