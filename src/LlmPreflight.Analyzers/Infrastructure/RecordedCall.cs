using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>
/// Calls that are written but never made against a model: mocking libraries record them. Moq's
/// <c>Setup(c =&gt; c.GetResponseAsync(...))</c> and FakeItEasy's <c>A.CallTo(() =&gt; ...)</c> take expression trees;
/// NSubstitute records <c>sub.GetResponseAsync(...).Returns(...)</c> and <c>sub.Received().GetResponseAsync(...)</c>.
/// Flagging those would flood test projects with warnings about code that never reaches a model.
/// </summary>
internal static class RecordedCall
{
    public static bool IsRecordedNotMade(IInvocationOperation invocation) =>
        IsInExpressionTree(invocation) || IsNSubstituteRecording(invocation);

    private static bool IsInExpressionTree(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                var conversion = current.Parent;
                while (conversion is IDelegateCreationOperation or IConversionOperation)
                {
                    if (IsExpressionType(conversion.Type))
                    {
                        return true;
                    }

                    conversion = conversion.Parent;
                }
            }
        }

        return false;
    }

    private static bool IsExpressionType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Expression", Arity: 1 } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Linq.Expressions";

    private static bool IsNSubstituteRecording(IInvocationOperation invocation)
    {
        if (invocation.Instance is IInvocationOperation receiver && IsNSubstitute(receiver.TargetMethod))
        {
            return true;
        }

        var parent = invocation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation consumer } && IsNSubstitute(consumer.TargetMethod);
    }

    private static bool IsNSubstitute(IMethodSymbol method)
    {
        var ns = method.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns?.Name == "NSubstitute";
    }
}
