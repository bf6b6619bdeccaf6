using System.Collections.Concurrent;
using System.Collections.Immutable;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Configuration;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0000: an <c>llm_preflight.*</c> option entry the analyzers cannot use. Each bad entry is reported once per
/// compilation, however many files share the .editorconfig section, and the other rules skip it rather than crash.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0000_InvalidConfiguration : LlmAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0000_InvalidConfiguration);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, LlmCompilationContext llm)
    {
        var errors = new ConcurrentDictionary<ConfigurationError, byte>();
        context.RegisterSyntaxTreeAction(tree =>
        {
            foreach (var error in llm.GetConfiguration(tree.Options, tree.Tree).Source.Errors)
            {
                errors.TryAdd(error, 0);
            }
        });

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var error in errors.Keys)
            {
                end.ReportDiagnostic(Diagnostic.Create(Descriptors.LLM0000_InvalidConfiguration, Location.None, error.OptionName, error.Entry, error.Reason));
            }
        });
    }

}
