using System.Collections.Immutable;
using LlmPreflight.Analyzers.Tests.Meta;
using LlmPreflight.Analyzers.Tests.Verifiers;
using LlmPreflight.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LlmPreflight.Analyzers.Tests.Rules;

/// <summary>
/// Applies the guard-wrap fix to every call it is offered for in a corpus of call forms across the SDKs, one fix at a
/// time as a user would, and compiles the result against the real runtime and SDK assemblies: no new errors, and no
/// diagnostic the guard covers left on a wrapped call.
/// </summary>
public class WrapFixCorpusTests
{
    private static readonly string[] s_wrapIds = ["LLM0001", "LLM0004", "LLM0006", "LLM0007", "LLM0009"];

    [Fact]
    public async Task Wrapping_every_call_in_the_corpus_compiles_with_no_new_errors()
    {
        var path = Path.Combine(AnalyzerInventory.RepositoryRoot, "tests", "LlmPreflight.Analyzers.Tests", "Corpus", "CallForms.cs.txt");
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Corpus", "Corpus", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: [.. SdkReferences.Framework, .. SdkReferences.For(SdkSet.Current)]));
        var document = workspace.AddDocument(project.Id, "CallForms.cs", SourceText.From(await File.ReadAllTextAsync(path)));

        Assert.Empty(await ErrorsAsync(document.Project));
        var analyzers = AnalyzerInventory.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => s_wrapIds.Contains(d.Id))).ToImmutableArray();
        var fix = new WrapInLlmGuardFix();

        var wrapped = 0;
        var declined = new HashSet<string>();
        for (var step = 0; step < 200; step++)
        {
            var diagnostics = await DiagnosticsAsync(document.Project, analyzers);
            var next = await FirstFixAsync(document, diagnostics.Where(d => !declined.Contains(Key(d))), fix);
            if (next is null)
            {
                break;
            }

            var operations = await next.Value.Action.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var errorsBefore = (await ErrorsAsync(document.Project)).Length;
            var candidate = changed.GetDocument(document.Id)!;
            var newErrors = await ErrorsAsync(candidate.Project);
            Assert.True(newErrors.Length <= errorsBefore, $"wrapping '{next.Value.Diagnostic.Location.SourceTree!.GetText().ToString(next.Value.Diagnostic.Location.SourceSpan)}' introduced: {string.Join("; ", newErrors)}");
            document = candidate;
            wrapped++;
        }

        Assert.Empty(await ErrorsAsync(document.Project));
        Assert.True(wrapped >= 25, $"only {wrapped} calls were wrapped");

        var text = (await document.GetTextAsync()).ToString();
        Assert.Contains("using LlmPreflight;", text);
        Assert.Contains("LlmGuard.Run(", text);
        Assert.Contains("LlmGuard.StreamAsync(", text);

        // What is left is what the fix declines on purpose: the conditional access `maybe?.GetResponseAsync(...)`.
        var remaining = await DiagnosticsAsync(document.Project, analyzers);
        Assert.All(remaining, d => Assert.Contains("?.", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
    }

    private static string Key(Diagnostic diagnostic) => diagnostic.Id + diagnostic.Location.SourceSpan;

    private static async Task<ImmutableArray<Diagnostic>> ErrorsAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync();
        return [.. compilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = await project.GetCompilationAsync();
        return await compilation!.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }

    private static async Task<(CodeAction Action, Diagnostic Diagnostic)?> FirstFixAsync(Document document, IEnumerable<Diagnostic> diagnostics, CodeFixProvider fix)
    {
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            var actions = new List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            if (actions.Count > 0)
            {
                return (actions[0], diagnostic);
            }
        }

        return null;
    }
}
