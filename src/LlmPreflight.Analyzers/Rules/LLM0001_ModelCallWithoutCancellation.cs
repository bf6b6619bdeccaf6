using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>LLM0001: a model call that cannot be cancelled or timed out.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0001_ModelCallWithoutCancellation : ModelCallAnalyzer
{
    /// <summary>Diagnostic property naming why the call has no token; the code fix reads it.</summary>
    public const string ReasonProperty = "Reason";

    public const string ReasonOmitted = "Omitted";
    public const string ReasonNoneToken = "NoneToken";
    public const string ReasonParamsOverload = "ParamsOverload";
    public const string ReasonNoTokenParameter = "NoTokenParameter";
    public const string ReasonRequestOptions = "RequestOptions";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0001_ModelCallWithoutCancellation);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var (invocation, call, llm, configuration) = (context.Invocation, context.Call, context.Llm, context.Configuration);
        var reason = FindMissingCancellation(invocation, call, llm);
        if (reason is null)
        {
            return;
        }

        var guard = GuardedScope.Of(invocation, llm, configuration);
        if (guard.Covers(GuardConcerns.Timeout) && (reason == ReasonNoTokenParameter || !DelegateTakesToken(guard.InnermostGuardedDelegate, llm)))
        {
            // The guard enforces the timeout, and either it hands the delegate no token or the method cannot take
            // one: the call is as cancellable as it can be.
            return;
        }

        if (call.IsStreaming && reason is ReasonOmitted or ReasonNoneToken && IsEnumeratedWithCancellation(invocation, llm))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LLM0001_ModelCallWithoutCancellation,
            ModelCallLocation.Of(invocation.Syntax),
            ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, reason),
            $"{call.Method.ContainingType.Name}.{call.Method.Name}",
            call.SdkName,
            Explain(reason)));
    }

    private static string? FindMissingCancellation(IInvocationOperation invocation, ModelCall call, LlmCompilationContext llm)
    {
        if (call.CancellationTokenParameter is { } tokenParameter)
        {
            var argument = CancellationTokenArguments.FindArgument(invocation, tokenParameter);
            if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                return ReasonOmitted;
            }

            return CancellationTokenArguments.IsNoneToken(argument.Value, llm.Types) ? ReasonNoneToken : null;
        }

        if (call.RequestOptionsParameter is { } optionsParameter)
        {
            var argument = CancellationTokenArguments.FindArgument(invocation, optionsParameter);
            return CancellationTokenArguments.IsRequestOptionsWithoutToken(argument) ? ReasonRequestOptions : null;
        }

        return HasOverloadWithToken(call, llm) ? ReasonParamsOverload : ReasonNoTokenParameter;
    }

    /// <summary>A sibling overload that takes a token, such as the collection overload beside a <c>params ChatMessage[]</c> one.</summary>
    internal static bool HasOverloadWithToken(ModelCall call, LlmCompilationContext llm) =>
        call.Method.ContainingType.GetMembers(call.Method.Name)
            .OfType<IMethodSymbol>()
            .Any(m => m.Parameters.Any(p => llm.Types.IsCancellationToken(p.Type)));

    private static bool DelegateTakesToken(IMethodSymbol? guardedDelegate, LlmCompilationContext llm) =>
        guardedDelegate is not null && guardedDelegate.Parameters.Any(p => llm.Types.IsCancellationToken(p.Type));

    /// <summary>
    /// An async stream enumerated through <c>WithCancellation(token)</c> gets the token through its enumerator,
    /// directly (<c>call(...).WithCancellation(ct)</c>) or through a local.
    /// </summary>
    private static bool IsEnumeratedWithCancellation(IInvocationOperation invocation, LlmCompilationContext llm)
    {
        if (IsWithCancellationReceiver(invocation, llm))
        {
            return true;
        }

        if (invocation.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return false;
        }

        var root = (IOperation)declarator;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.Descendants()
            .OfType<ILocalReferenceOperation>()
            .Any(reference => SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol) && IsWithCancellationReceiver(reference, llm));
    }

    private static bool IsWithCancellationReceiver(IOperation value, LlmCompilationContext llm)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        var withCancellation = parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation extension } => extension,
            IInvocationOperation instance when instance.Instance is not null => instance,
            _ => null,
        };

        if (withCancellation is null || withCancellation.TargetMethod.Name != "WithCancellation")
        {
            return false;
        }

        var token = withCancellation.Arguments.FirstOrDefault(a => llm.Types.IsCancellationToken(a.Parameter?.Type));
        return token is not null && !CancellationTokenArguments.IsNoneToken(token.Value, llm.Types);
    }

    private static string Explain(string reason) => reason switch
    {
        ReasonNoneToken => "passes a token that can never be cancelled",
        ReasonParamsOverload => "uses a params overload that cannot take a CancellationToken (the overload that takes a collection also takes a token)",
        ReasonNoTokenParameter => "cannot take a CancellationToken at all (run it inside a guard that enforces a timeout)",
        ReasonRequestOptions => "passes no RequestOptions carrying a CancellationToken",
        _ => "passes no CancellationToken",
    };
}
