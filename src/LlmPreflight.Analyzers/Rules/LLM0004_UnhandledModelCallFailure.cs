using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0004: a model call whose failure nothing handles — no enclosing <c>try</c> with a catch for the SDK's
/// exception, no guard with fallback, and for Betalgo (which does not throw) no check of <c>Successful</c>/<c>Error</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0004_UnhandledModelCallFailure : ModelCallAnalyzer
{
    private const string BetalgoSdkId = "betalgo";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0004_UnhandledModelCallFailure);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var (invocation, call, llm) = (context.Invocation, context.Call, context.Llm);
        if (GuardedScope.Of(invocation, llm, context.Configuration).Covers(GuardConcerns.Fallback)
            || ExceptionHandling.IsInCatchClause(invocation)
            || IsForwardingImplementation(context))
        {
            // A call in a catch clause is itself the fallback of another failure; a model method that forwards to
            // another (a DelegatingChatClient, a decorator) leaves failures to its own callers.
            return;
        }

        string problem;
        var advice = string.Empty;
        if (call.Sdk?.Id == BetalgoSdkId)
        {
            var root = CallResult.Root(invocation);
            if (ReadsBetalgoOutcome(root) || CallResult.IsPassedOn(CallResult.Outermost(invocation, out _), root))
            {
                return;
            }

            problem = "does not throw on HTTP errors, and this member never reads the response's 'Successful' or 'Error'";
            advice = ", or check 'Successful' and handle 'Error'";
        }
        else
        {
            var failureTypes = llm.Outcomes.FailureTypes(call.Sdk);
            if (failureTypes.IsEmpty)
            {
                failureTypes = llm.Outcomes.AllFailureTypes;
            }

            if (ExceptionHandling.IsCaught(invocation, failureTypes))
            {
                return;
            }

            var names = llm.Outcomes.FailureTypes(call.Sdk);
            problem = names.IsEmpty
                ? "is not inside a try/catch or a guard with fallback, so its failures reach the caller unhandled"
                : $"is not inside a try/catch for '{string.Join("' or '", names.Select(t => t.Name))}' or a guard with fallback, so its failures reach the caller unhandled";
            advice = names.IsEmpty ? ", or catch the failure and degrade gracefully" : $", or catch '{names[0].Name}' and degrade gracefully";
        }

        context.ReportOnCall(Descriptors.LLM0004_UnhandledModelCallFailure, problem, advice);
    }

    private static bool IsForwardingImplementation(ModelCallContext context)
    {
        for (var member = context.ContainingSymbol as IMethodSymbol; member is not null; member = member.OverriddenMethod)
        {
            if (context.Llm.GetModelCall(member, context.Configuration) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Betalgo reports failures in the response: reading <c>Successful</c> or <c>Error</c> is the handling.</summary>
    private static bool ReadsBetalgoOutcome(IOperation root) =>
        root.Descendants().OfType<IPropertyReferenceOperation>().Any(p =>
            p.Property.Name is "Successful" or "Error"
            && p.Property.ContainingType.ContainingNamespace?.ToDisplayString().StartsWith("Betalgo", System.StringComparison.Ordinal) == true);
}
