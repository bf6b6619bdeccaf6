using System.Collections.Immutable;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0005: a model call that blocks its thread in async code — the synchronous form of the call inside an async
/// function, or <c>.Result</c>, <c>.Wait()</c> or <c>.GetAwaiter().GetResult()</c> on the task of an async call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0005_BlockingModelCallInAsyncCode : ModelCallAnalyzer
{
    /// <summary>Diagnostic property naming the blocking form; the code fix reads it.</summary>
    public const string FormProperty = "Form";

    /// <summary>The synchronous form of the call inside an async function.</summary>
    public const string FormSync = "Sync";
    public const string FormResult = "Result";
    public const string FormWait = "Wait";
    public const string FormGetResult = "GetResult";

    /// <summary>The name C# gives the method synthesized for top-level statements.</summary>
    internal const string TopLevelEntryPointName = "<Main>$";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0005_BlockingModelCallInAsyncCode);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var (invocation, call, llm) = (context.Invocation, context.Call, context.Llm);
        var function = EnclosingFunction.Of(invocation, context.ContainingSymbol);
        var callName = $"'{call.Method.ContainingType.Name}.{call.Method.Name}'";
        string form;
        string subject;
        string advice;
        if (!call.IsAsync)
        {
            var functionKind = DescribeAsyncFunction(function, llm);
            if (functionKind is null)
            {
                return;
            }

            form = FormSync;
            subject = $"{callName} is the synchronous form in {functionKind}";
            advice = AdviseAsyncForm(call.Method, llm);
        }
        else
        {
            var blocking = FindBlockingForm(invocation, llm);
            if (blocking is null || !llm.Types.IsTaskLike(invocation.TargetMethod.ReturnType))
            {
                return;
            }

            form = blocking;
            subject = $"'{Spell(blocking)}' on {callName}";
            advice = DescribeAsyncFunction(function, llm) is null
                ? "; make the caller async and await the call"
                : "; await the call instead";
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LLM0005_BlockingModelCallInAsyncCode,
            invocation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form),
            subject,
            advice));
    }

    /// <summary>
    /// "an async method", "an async lambda", ... for the nearest enclosing function when it is async (top-level
    /// statements count when they await); null when it is synchronous.
    /// </summary>
    private static string? DescribeAsyncFunction(EnclosingFunction function, LlmCompilationContext llm)
    {
        switch (function.Operation)
        {
            case IAnonymousFunctionOperation lambda:
                return function.IsAsync ? (lambda.Syntax is AnonymousMethodExpressionSyntax ? "an async anonymous method" : "an async lambda") : null;
            case ILocalFunctionOperation:
                return function.IsAsync ? "an async local function" : null;
        }

        if (function.Symbol is { Name: TopLevelEntryPointName } entryPoint)
        {
            return function.IsAsync || llm.Types.IsTaskLike(entryPoint.ReturnType) ? "top-level statements that use await" : null;
        }

        return function.IsAsync ? "an async method" : null;
    }

    private static string AdviseAsyncForm(IMethodSymbol method, LlmCompilationContext llm)
    {
        var counterpart = AsyncCounterpart.Find(method);
        if (counterpart is null)
        {
            return "; call an asynchronous API instead and await it";
        }

        return llm.Types.IsAsyncEnumerable(counterpart.ReturnType)
            ? $"; use '{counterpart.Name}' with 'await foreach'"
            : $"; use '{counterpart.Name}' and await it";
    }

    /// <summary>
    /// Which blocking member is applied to the task <paramref name="invocation"/> returns, directly or through
    /// <c>.ConfigureAwait(...)</c>: <see cref="FormResult"/>, <see cref="FormWait"/>, <see cref="FormGetResult"/>, or null.
    /// </summary>
    private static string? FindBlockingForm(IInvocationOperation invocation, LlmCompilationContext llm)
    {
        IOperation task = invocation;
        var parent = ParentSkippingConversions(task);
        if (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configureAwait && IsReceiver(configureAwait, task))
        {
            task = configureAwait;
            parent = ParentSkippingConversions(task);
        }

        switch (parent)
        {
            case IPropertyReferenceOperation { Property.Name: "Result" } result when IsReceiver(result, task) && llm.Types.IsTaskLike(result.Property.ContainingType):
                return FormResult;
            case IInvocationOperation { TargetMethod.Name: "Wait" } wait when IsReceiver(wait, task) && llm.Types.IsTaskLike(wait.TargetMethod.ContainingType):
                return FormWait;
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter when IsReceiver(getAwaiter, task)
                && ParentSkippingConversions(getAwaiter) is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult
                && IsReceiver(getResult, getAwaiter):
                return FormGetResult;
            default:
                return null;
        }
    }

    private static IOperation? ParentSkippingConversions(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }

    private static bool IsReceiver(IOperation member, IOperation receiver)
    {
        var instance = member switch
        {
            IInvocationOperation invocation => invocation.Instance,
            IPropertyReferenceOperation property => property.Instance,
            _ => null,
        };

        return instance is not null && CancellationTokenArguments.SkipConversions(instance) == receiver;
    }

    private static string Spell(string form) => form switch
    {
        FormResult => ".Result",
        FormWait => ".Wait()",
        _ => ".GetAwaiter().GetResult()",
    };
}
