using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>
/// The asynchronous twin of a synchronous SDK method: the same name plus <c>Async</c>, on the same type or one of
/// its bases (or, for an interface, one of its base interfaces), with the same parameter types.
/// </summary>
internal static class AsyncCounterpart
{
    public const string Suffix = "Async";

    /// <summary>The twin of <paramref name="method"/> (called or declared form), or null when the SDK has none.</summary>
    public static IMethodSymbol? Find(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var name = definition.Name + Suffix;
        foreach (var type in TypesToSearch(definition.ContainingType))
        {
            foreach (var candidate in type.GetMembers(name).OfType<IMethodSymbol>())
            {
                if (HasSameSignature(definition, candidate.OriginalDefinition))
                {
                    return candidate.OriginalDefinition;
                }
            }
        }

        return null;
    }

    /// <summary>True when both methods take the same parameters (type, ref kind) and type-parameter count.</summary>
    public static bool HasSameSignature(IMethodSymbol first, IMethodSymbol second)
    {
        if (first.Parameters.Length != second.Parameters.Length || first.TypeParameters.Length != second.TypeParameters.Length)
        {
            return false;
        }

        for (var i = 0; i < first.Parameters.Length; i++)
        {
            var a = first.Parameters[i];
            var b = second.Parameters[i];
            if (a.RefKind != b.RefKind || a.Type.ToDisplayString() != b.Type.ToDisplayString())
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<INamedTypeSymbol> TypesToSearch(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var inherited in type.AllInterfaces)
            {
                yield return inherited;
            }
        }
    }
}
