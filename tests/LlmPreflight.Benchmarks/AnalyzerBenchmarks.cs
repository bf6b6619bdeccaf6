using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Benchmarks;

/// <summary>
/// Analyzer cost on a 100-file project, against an analyzer that does nothing (the harness's own cost).
/// "NoSdk" references only the framework: the analyzers should cost about nothing there.
/// "WithSdk" references OpenAI and Microsoft.Extensions.AI and makes model calls in every file.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private const int FileCount = 100;

    private CSharpCompilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _llmPreflight;
    private ImmutableArray<DiagnosticAnalyzer> _emptyAnalyzer;

    [Params("NoSdk", "WithSdk")]
    public string Project { get; set; } = "NoSdk";

    [GlobalSetup]
    public void Setup()
    {
        var withSdk = Project == "WithSdk";
        var trees = Enumerable.Range(0, FileCount)
            .Select(i => CSharpSyntaxTree.ParseText(SyntheticSource.File(i, withSdk), path: $"File{i}.cs"))
            .ToList();
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToList();
        if (withSdk)
        {
            references.AddRange(new[] { typeof(OpenAI.Chat.ChatClient), typeof(System.ClientModel.ApiKeyCredential), typeof(Microsoft.Extensions.AI.IChatClient), typeof(Microsoft.Extensions.AI.OpenAIClientExtensions) }
                .Select(t => MetadataReference.CreateFromFile(t.Assembly.Location)));
        }

        _compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _llmPreflight = [.. typeof(LlmAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];
        _emptyAnalyzer = [new EmptyAnalyzer()];
    }

    [Benchmark(Baseline = true)]
    public Task<ImmutableArray<Diagnostic>> DoNothingAnalyzer() => Run(_emptyAnalyzer);

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> AllLlmPreflightAnalyzers() => Run(_llmPreflight);

    // A fresh compilation each time, so no run reuses another's bound trees.
    private Task<ImmutableArray<Diagnostic>> Run(ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        _compilation.Clone().WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new("BENCH0000", "Empty", "Empty", "Bench", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [s_rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        }
    }
}

internal static class SyntheticSource
{
    public static string File(int index, bool withSdk)
    {
        var text = new StringBuilder();
        text.AppendLine("using System; using System.Collections.Generic; using System.Linq; using System.Net.Http; using System.Threading; using System.Threading.Tasks;");
        if (withSdk)
        {
            text.AppendLine("using Microsoft.Extensions.AI; using OpenAI.Chat;");
        }

        text.AppendLine($"namespace App{index % 7};");
        text.AppendLine($"public sealed class Service{index}");
        text.AppendLine("{");
        text.AppendLine("    private readonly HttpClient _http = new();");
        for (var m = 0; m < 10; m++)
        {
            text.AppendLine($"    public async Task<int> Work{m}Async(string input, CancellationToken ct)");
            text.AppendLine("    {");
            text.AppendLine("        var words = input.Split(' ').Where(w => w.Length > 3).Select(w => w.ToUpperInvariant()).ToList();");
            text.AppendLine("        var body = await _http.GetStringAsync(\"https://example.com/\" + words.Count, ct);");
            text.AppendLine("        var total = 0; foreach (var w in words) { total += w.Length + body.Length; }");
            text.AppendLine($"        return total + {m};");
            text.AppendLine("    }");
        }

        if (withSdk)
        {
            text.AppendLine("    public async Task<string> AskAsync(IChatClient client, ChatClient chat, List<OpenAI.Chat.ChatMessage> messages, CancellationToken ct)");
            text.AppendLine("    {");
            text.AppendLine("        var a = await client.GetResponseAsync(\"hello\", cancellationToken: ct);");
            text.AppendLine("        var b = await client.GetResponseAsync(\"hello\");");
            text.AppendLine("        ChatCompletion c = await chat.CompleteChatAsync(messages, cancellationToken: ct);");
            text.AppendLine("        ChatCompletion d = chat.CompleteChat(messages, cancellationToken: ct);");
            text.AppendLine("        return a.Text + b.Text + c.Content[0].Text + d.Content[0].Text;");
            text.AppendLine("    }");
        }

        text.AppendLine("}");
        return text.ToString();
    }
}
