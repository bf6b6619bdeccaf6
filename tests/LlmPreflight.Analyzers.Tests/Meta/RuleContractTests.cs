using System.Composition;
using System.Reflection;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LlmPreflight.Analyzers.Tests.Meta;

/// <summary>What every rule and fix must have: a docs page, the exact help link, a release entry, and an analyzer behind every fix.</summary>
public class RuleContractTests
{
    private static IEnumerable<DiagnosticDescriptor> AllDescriptors =>
        AnalyzerInventory.Analyzers.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id);

    [Fact]
    public void There_are_analyzers_and_fixes_to_check() =>
        Assert.True(AnalyzerInventory.Analyzers.Length >= 4 && AnalyzerInventory.CodeFixes.Length >= 1, "reflection found no analyzers or fixes");

    [Theory]
    [MemberData(nameof(AnalyzerInventory.AnalyzerNames), MemberType = typeof(AnalyzerInventory))]
    public void Analyzers_are_sealed_gated_and_declare_one_rule(string name)
    {
        var analyzer = AnalyzerInventory.Analyzer(name);
        var type = analyzer.GetType();
        Assert.True(type.IsSealed, $"{name} is not sealed");
        Assert.True(analyzer is LlmAnalyzer, $"{name} does not derive from LlmAnalyzer, so it is not gated on SDK presence");
        var descriptor = Assert.Single(analyzer.SupportedDiagnostics);
        Assert.StartsWith(descriptor.Id + "_", name);
        // No state: the only instance field allowed is the immutable SupportedDiagnostics array.
        Assert.All(
            type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public),
            field => Assert.True(field.IsInitOnly && field.FieldType == typeof(System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor>), $"{name} has state in field {field.Name}"));
    }

    [Fact]
    public void Every_rule_has_the_exact_help_link_and_a_docs_page()
    {
        foreach (var descriptor in AllDescriptors)
        {
            Assert.Equal($"https://github.com/LlmPreflight/LlmPreflight/blob/main/docs/rules/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = Path.Combine(AnalyzerInventory.RepositoryRoot, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"docs/rules/{descriptor.Id}.md is missing");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {descriptor.Id}", text);
            foreach (var section in new[] { "## Why", "## How to fix", "## Options", "## Examples" })
            {
                Assert.True(text.Contains(section, StringComparison.Ordinal), $"docs/rules/{descriptor.Id}.md lacks a '{section}' section");
            }
        }
    }

    [Fact]
    public void Every_rule_is_in_the_release_tracking_file_and_the_readme_table()
    {
        var unshipped = File.ReadAllText(Path.Combine(AnalyzerInventory.RepositoryRoot, "src", "LlmPreflight.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var readme = File.ReadAllText(Path.Combine(AnalyzerInventory.RepositoryRoot, "README.md"));
        foreach (var descriptor in AllDescriptors)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity}", unshipped);
            Assert.Contains($"[{descriptor.Id}](docs/rules/{descriptor.Id}.md)", readme);
        }
    }

    [Fact]
    public void Rule_severities_and_categories_match_the_contract()
    {
        var expected = new Dictionary<string, (string Category, DiagnosticSeverity Severity)>
        {
            ["LLM0000"] = ("Configuration", DiagnosticSeverity.Warning),
            ["LLM0001"] = ("Reliability", DiagnosticSeverity.Warning),
            ["LLM0002"] = ("Reliability", DiagnosticSeverity.Warning),
            ["LLM0003"] = ("Reliability", DiagnosticSeverity.Warning),
            ["LLM0004"] = ("Reliability", DiagnosticSeverity.Info),
            ["LLM0005"] = ("Reliability", DiagnosticSeverity.Warning),
            ["LLM0006"] = ("Reliability", DiagnosticSeverity.Warning),
            ["LLM0007"] = ("Cost", DiagnosticSeverity.Info),
            ["LLM0009"] = ("Cost", DiagnosticSeverity.Info),
            ["LLM0012"] = ("Security", DiagnosticSeverity.Error),
        };
        foreach (var descriptor in AllDescriptors)
        {
            Assert.True(expected.TryGetValue(descriptor.Id, out var contract), $"{descriptor.Id} is not in this test's copy of the contract");
            Assert.Equal(contract.Category, descriptor.Category);
            Assert.Equal(contract.Severity, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerInventory.CodeFixNames), MemberType = typeof(AnalyzerInventory))]
    public void Every_fix_is_exported_supports_fix_all_and_has_an_analyzer(string name)
    {
        var fix = AnalyzerInventory.CodeFix(name);
        var export = fix.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Equal(LanguageNames.CSharp, Assert.Single(export!.Languages));
        Assert.NotNull(fix.GetType().GetCustomAttribute<SharedAttribute>());
        Assert.NotNull(fix.GetFixAllProvider());
        foreach (var id in fix.FixableDiagnosticIds)
        {
            Assert.Contains(AllDescriptors, d => d.Id == id);
            // A fix for one rule is named after it; the guard-wrap fix is shared by several rules.
            Assert.True(name.StartsWith(id + "_", StringComparison.Ordinal) || name == nameof(LlmPreflight.CodeFixes.WrapInLlmGuardFix), $"{name} is not named after {id}");
        }
    }
}
