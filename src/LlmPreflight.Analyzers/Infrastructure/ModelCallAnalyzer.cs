using LlmPreflight.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>Base of the rules about one model call: it finds the model-call invocations and hands each to the rule.</summary>
public abstract class ModelCallAnalyzer : LlmAnalyzer
{
    private protected sealed override void OnCompilationStart(CompilationStartAnalysisContext context, LlmCompilationContext llm)
    {
        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                var configuration = llm.GetConfiguration(c.Options, invocation.Syntax.SyntaxTree);
                var call = llm.GetModelCall(invocation, configuration);
                if (call is not null)
                {
                    AnalyzeModelCall(new ModelCallContext(c, invocation, call, llm, configuration));
                }
            },
            OperationKind.Invocation);
    }

    private protected abstract void AnalyzeModelCall(ModelCallContext context);
}

/// <summary>One model-call invocation with what a rule needs to judge it.</summary>
internal readonly struct ModelCallContext
{
    public ModelCallContext(OperationAnalysisContext operationContext, IInvocationOperation invocation, ModelCall call, LlmCompilationContext llm, ResolvedConfiguration configuration)
    {
        OperationContext = operationContext;
        Invocation = invocation;
        Call = call;
        Llm = llm;
        Configuration = configuration;
    }

    public OperationAnalysisContext OperationContext { get; }
    public IInvocationOperation Invocation { get; }
    public ModelCall Call { get; }
    public LlmCompilationContext Llm { get; }
    public ResolvedConfiguration Configuration { get; }

    public ISymbol ContainingSymbol => OperationContext.ContainingSymbol;

    public void ReportDiagnostic(Diagnostic diagnostic) => OperationContext.ReportDiagnostic(diagnostic);

    /// <summary>
    /// Reports <paramref name="descriptor"/> on the call, with the message arguments every call rule starts with
    /// ('Type.Method' and the SDK's name) followed by <paramref name="moreArguments"/>.
    /// </summary>
    public void ReportOnCall(DiagnosticDescriptor descriptor, params object[] moreArguments)
    {
        var arguments = new object[moreArguments.Length + 2];
        arguments[0] = $"{Call.Method.ContainingType.Name}.{Call.Method.Name}";
        arguments[1] = Call.SdkName;
        moreArguments.CopyTo(arguments, 2);
        ReportDiagnostic(Diagnostic.Create(descriptor, ModelCallLocation.Of(Invocation.Syntax), arguments));
    }
}
