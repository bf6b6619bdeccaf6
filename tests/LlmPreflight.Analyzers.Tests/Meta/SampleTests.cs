using System.Text.RegularExpressions;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Tests.Meta;

/// <summary>
/// The bundled sample marks every line that deserves a diagnostic with "// expect: LLMnnnn". The analyzers must
/// report exactly those, and nothing on the lines written the safe way.
/// </summary>
public partial class SampleTests
{
    [GeneratedRegex(@"//\s*expect:\s*(?<ids>LLM\d{4}(\s*,\s*LLM\d{4})*)")]
    private static partial Regex ExpectMarker();

    [Fact]
    public async Task The_sample_gets_exactly_the_diagnostics_its_comments_expect()
    {
        var folder = Path.Combine(AnalyzerInventory.RepositoryRoot, "docs", "samples", "ChatSample");
        var files = Directory.GetFiles(folder, "*.cs").Order().ToArray();
        Assert.NotEmpty(files);

        var expected = new SortedSet<string>();
        var trees = new List<SyntaxTree>();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            trees.Add(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: file));
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = ExpectMarker().Match(lines[i]);
                foreach (var id in marker.Success ? marker.Groups["ids"].Value.Split(',') : [])
                {
                    expected.Add($"{Path.GetFileName(file)}:{i + 1}:{id.Trim()}");
                }
            }
        }

        var compilation = CSharpCompilation.Create(
            "ChatSample",
            trees,
            [.. SdkReferences.Framework, .. SdkReferences.For(SdkSet.Current)],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation
            .WithAnalyzers([.. AnalyzerInventory.Analyzers])
            .GetAnalyzerDiagnosticsAsync();
        var actual = new SortedSet<string>(diagnostics.Select(d =>
            $"{Path.GetFileName(d.Location.SourceTree!.FilePath)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Id}"));

        Assert.Equal(expected, actual);
        foreach (var id in new[] { "LLM0001", "LLM0002", "LLM0003", "LLM0004", "LLM0005", "LLM0006", "LLM0007", "LLM0009", "LLM0012" })
        {
            Assert.Contains(expected, e => e.EndsWith(id, StringComparison.Ordinal));
        }
    }
}
