using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// The catalog's <c>credential</c> records bound to one compilation: parameters and properties that take an API key.
/// A record whose type (or namespace) the compilation does not have is dropped. When several records match one
/// parameter, the most specific wins (an exact type over a namespace, a longer namespace over a shorter one), so the
/// catalog can give, say, Semantic Kernel's Azure extensions the Azure SDK's environment variable.
/// </summary>
internal sealed class CredentialSinkSet
{
    private readonly Dictionary<string, ImmutableArray<BoundSink>> _byParameter;
    private readonly Dictionary<string, ImmutableArray<BoundSink>> _byProperty;
    private readonly Dictionary<string, SdkInfo> _sdkByAssembly;

    private CredentialSinkSet(List<BoundSink> sinks)
    {
        _byParameter = Index(sinks.Where(s => !s.Sink.IsProperty), s => s.Sink.ParameterName);
        _byProperty = Index(sinks.Where(s => s.Sink.IsProperty), s => s.Sink.Member);
        _sdkByAssembly = new Dictionary<string, SdkInfo>(StringComparer.Ordinal);
        foreach (var sdk in CatalogData.Instance.Sdks)
        {
            foreach (var assembly in sdk.AssemblyNames)
            {
                if (!_sdkByAssembly.ContainsKey(assembly))
                {
                    _sdkByAssembly.Add(assembly, sdk);
                }
            }
        }
    }

    public bool IsEmpty => _byParameter.Count == 0 && _byProperty.Count == 0;

    public static CredentialSinkSet Create(Compilation compilation)
    {
        var bound = new List<BoundSink>();
        foreach (var sink in CatalogData.Instance.CredentialSinks)
        {
            if (sink.ContainingType.EndsWith(".*", StringComparison.Ordinal))
            {
                var ns = sink.ContainingType.Substring(0, sink.ContainingType.Length - 2);
                if (HasNamespace(compilation, ns))
                {
                    bound.Add(new BoundSink(sink, null, ns));
                }
            }
            else if (compilation.GetTypeByMetadataName(sink.ContainingType) is { } type)
            {
                bound.Add(new BoundSink(sink, type, null));
            }
        }

        return new CredentialSinkSet(bound);
    }

    /// <summary>The sink <paramref name="parameter"/> is, or null.</summary>
    public CredentialSink? MatchParameter(IParameterSymbol parameter)
    {
        if (!_byParameter.TryGetValue(parameter.Name, out var candidates) || parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return null;
        }

        method = (method.ReducedFrom ?? method).OriginalDefinition;
        return Best(candidates, method.ContainingType, sink => sink.Member switch
        {
            "*" => true,
            ".ctor" => method.MethodKind == MethodKind.Constructor,
            var name => method.Name == name,
        });
    }

    /// <summary>The sink <paramref name="property"/> is (or overrides), or null.</summary>
    public CredentialSink? MatchProperty(IPropertySymbol property)
    {
        if (!_byProperty.TryGetValue(property.Name, out var candidates))
        {
            return null;
        }

        for (var current = property; current is not null; current = current.OverriddenProperty)
        {
            if (Best(candidates, current.OriginalDefinition.ContainingType, _ => true) is { } sink)
            {
                return sink;
            }
        }

        return null;
    }

    /// <summary>The catalog SDK that ships <paramref name="symbol"/>'s assembly, or null.</summary>
    public SdkInfo? SdkOf(ISymbol symbol) =>
        symbol.ContainingAssembly is { } assembly && _sdkByAssembly.TryGetValue(assembly.Name, out var sdk) ? sdk : null;

    private static CredentialSink? Best(ImmutableArray<BoundSink> candidates, INamedTypeSymbol type, Func<CredentialSink, bool> memberMatches)
    {
        CredentialSink? best = null;
        var bestScore = -1;
        string? typeNamespace = null;
        foreach (var candidate in candidates)
        {
            if (!memberMatches(candidate.Sink))
            {
                continue;
            }

            int score;
            if (candidate.Type is not null)
            {
                if (!SymbolEqualityComparer.Default.Equals(candidate.Type, type))
                {
                    continue;
                }

                score = int.MaxValue;
            }
            else
            {
                typeNamespace ??= type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
                var ns = candidate.Namespace!;
                if (!(typeNamespace == ns || typeNamespace.StartsWith(ns + ".", StringComparison.Ordinal)))
                {
                    continue;
                }

                score = ns.Length;
            }

            if (score > bestScore)
            {
                best = candidate.Sink;
                bestScore = score;
            }
        }

        return best;
    }

    private static bool HasNamespace(Compilation compilation, string name)
    {
        INamespaceSymbol? current = compilation.GlobalNamespace;
        foreach (var part in name.Split('.'))
        {
            current = current.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (current is null)
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, ImmutableArray<BoundSink>> Index(IEnumerable<BoundSink> sinks, Func<BoundSink, string> key) =>
        sinks.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

    private sealed record BoundSink(CredentialSink Sink, INamedTypeSymbol? Type, string? Namespace);
}
