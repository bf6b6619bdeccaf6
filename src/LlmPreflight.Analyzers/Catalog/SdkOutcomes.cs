using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmPreflight.Analyzers.Catalog;

/// <summary>
/// The catalog's <c>failure</c> and <c>result</c> lines bound to one compilation: which exceptions a model call
/// throws, which result types carry token usage, and what reading that usage looks like in source.
/// </summary>
internal sealed class SdkOutcomes
{
    private readonly Dictionary<SdkInfo, ImmutableArray<INamedTypeSymbol>> _failures = new();
    private readonly ImmutableArray<INamedTypeSymbol> _resultTypesWithUsage;
    private readonly Lazy<bool> _compilationUsesOpenTelemetry;

    public SdkOutcomes(Compilation compilation, ImmutableArray<SdkInfo> referencedSdks)
    {
        foreach (var group in CatalogData.Instance.Failures.Where(f => referencedSdks.Contains(f.Sdk)).GroupBy(f => f.Sdk))
        {
            _failures[group.Key] = group
                .Select(f => compilation.GetTypeByMetadataName(f.ExceptionTypeName))
                .Where(t => t is not null)
                .ToImmutableArray()!;
        }

        AllFailureTypes = _failures.Values.SelectMany(t => t).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).ToImmutableArray();

        var results = CatalogData.Instance.Results.Where(r => referencedSdks.Contains(r.Sdk) && r.UsageMember.Length > 0).ToList();
        _resultTypesWithUsage = results
            .Select(r => compilation.GetTypeByMetadataName(r.TypeName))
            .Where(t => t is not null)
            .ToImmutableArray()!;

        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var keys = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var member = result.UsageMember;
            var bracket = member.IndexOf("[\"", StringComparison.Ordinal);
            if (bracket >= 0)
            {
                keys.Add(member.Substring(bracket + 2).TrimEnd(']', '"'));
            }
            else
            {
                names.Add(member.Substring(member.LastIndexOf('.') + 1));
            }
        }

        UsageNames = names.ToImmutable();
        UsageKeys = keys.ToImmutable();
        _compilationUsesOpenTelemetry = new Lazy<bool>(() => compilation.SyntaxTrees.Any(MentionsOpenTelemetry));
    }

    /// <summary>Every failure type of every referenced SDK.</summary>
    public ImmutableArray<INamedTypeSymbol> AllFailureTypes { get; }

    /// <summary>Property or content-type names whose mention reads token usage (<c>Usage</c>, <c>UsageContent</c>, <c>EvalCount</c>, ...).</summary>
    public ImmutableHashSet<string> UsageNames { get; }

    /// <summary>Metadata keys that hold usage (Semantic Kernel's <c>Metadata["Usage"]</c>).</summary>
    public ImmutableHashSet<string> UsageKeys { get; }

    /// <summary>The exception types the SDK throws for failed calls; empty when the catalog names none.</summary>
    public ImmutableArray<INamedTypeSymbol> FailureTypes(SdkInfo? sdk) =>
        sdk is not null && _failures.TryGetValue(sdk, out var types) ? types : ImmutableArray<INamedTypeSymbol>.Empty;

    /// <summary>
    /// True when what a call returns carries token usage: the result (unwrapped from Task, ValueTask,
    /// ClientResult&lt;T&gt; or Azure's Response&lt;T&gt;), or for a stream or list, its element or a type derived from it.
    /// </summary>
    public bool CarriesUsage(ITypeSymbol? returnType)
    {
        var type = Unwrap(returnType);
        if (type is null)
        {
            return false;
        }

        if (IsOrDerivesFromResult(type))
        {
            return true;
        }

        var element = ElementType(type);
        return element is not null
            && (IsOrDerivesFromResult(element) || _resultTypesWithUsage.Any(r => DerivesFrom(r, element)));
    }

    /// <summary>
    /// True when the compilation adds OpenTelemetry to a Microsoft.Extensions.AI pipeline somewhere (usually in the
    /// DI setup), which records the token usage of every call through that pipeline.
    /// </summary>
    public bool CompilationUsesOpenTelemetry => _compilationUsesOpenTelemetry.Value;

    public static bool IsOpenTelemetryName(string name) =>
        name is "UseOpenTelemetry" or "OpenTelemetryChatClient" or "OpenTelemetryEmbeddingGenerator" or "OpenTelemetryAgent";

    private static bool MentionsOpenTelemetry(SyntaxTree tree)
    {
        var text = tree.GetText().ToString();
        return text.IndexOf("OpenTelemetry", StringComparison.Ordinal) >= 0
            && tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => IsOpenTelemetryName(n.Identifier.ValueText));
    }

    private bool IsOrDerivesFromResult(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_resultTypesWithUsage.Any(r => SymbolEqualityComparer.Default.Equals(r, current.OriginalDefinition)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static ITypeSymbol? Unwrap(ITypeSymbol? type)
    {
        while (type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.Name is "Task" or "ValueTask" or "ClientResult" or "Response"
            && named.ContainingNamespace?.ToDisplayString() is "System.Threading.Tasks" or "System.ClientModel" or "Azure")
        {
            type = named.TypeArguments[0];
        }

        return type;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate is INamedTypeSymbol { TypeArguments.Length: 1 } named
                && named.Name is "IEnumerable" or "IAsyncEnumerable"
                && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
            {
                return named.TypeArguments[0];
            }
        }

        return null;
    }
}
