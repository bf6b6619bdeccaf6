using LlmPreflight.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>
/// Base of every LlmPreflight analyzer: concurrent, skips generated code, and registers its actions only in
/// compilations that reference an LLM SDK (or configure model methods), with the shared per-compilation context.
/// </summary>
public abstract class LlmAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var llm = LlmCompilationContext.TryGet(start.Compilation, start.Options);
            if (llm is not null)
            {
                OnCompilationStart(start, llm);
            }
            else
            {
                OnCompilationStartWithoutSdk(start);
            }
        });
    }

    /// <summary>
    /// Work that must run even where no LLM SDK is referenced. Only the provider-key scan of LLM0012 does this:
    /// a leaked key is just as leaked in a project that calls the API over raw HTTP.
    /// </summary>
#pragma warning disable RS1012 // The default registers nothing on purpose: most rules have no work without an SDK.
    private protected virtual void OnCompilationStartWithoutSdk(CompilationStartAnalysisContext context)
    {
    }
#pragma warning restore RS1012

    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, LlmCompilationContext llm);
}
