using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>Whether an operation runs inside a <c>try</c> whose <c>catch</c> handles given exception types.</summary>
internal static class ExceptionHandling
{
    /// <summary>
    /// True when a <c>try</c> around <paramref name="operation"/> (in its function or an enclosing one of the same
    /// member) has a catch that covers one of <paramref name="failureTypes"/>: the type itself, a base of it
    /// (<c>Exception</c>), a type derived from it, <c>AggregateException</c>, or an untyped catch. A <c>when</c> filter still counts.
    /// With no known failure types any catch counts, except one for cancellation.
    /// </summary>
    public static bool IsCaught(IOperation operation, ImmutableArray<INamedTypeSymbol> failureTypes)
    {
        for (var current = operation; current.Parent is not null; current = current.Parent)
        {
            if (current.Parent is ITryOperation tryOperation
                && current == tryOperation.Body
                && tryOperation.Catches.Any(c => Covers(c.ExceptionType, failureTypes)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="operation"/> runs in a catch clause (the handler of another failure).</summary>
    public static bool IsInCatchClause(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ICatchClauseOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Covers(ITypeSymbol? caught, ImmutableArray<INamedTypeSymbol> failureTypes)
    {
        if (caught is null || caught.SpecialType == SpecialType.System_Object || IsSystem(caught, "Exception") || IsSystem(caught, "AggregateException"))
        {
            // AggregateException is what .Result, .Wait() and Task.WaitAll wrap the SDK's exception in.
            return true;
        }

        if (failureTypes.IsEmpty)
        {
            return !DerivesFrom(caught, "OperationCanceledException");
        }

        return failureTypes.Any(f => Inherits(f, caught) || Inherits(caught, f));
    }

    private static bool IsSystem(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace?.ToDisplayString() == "System";

    private static bool Inherits(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
