using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers.Catalog;

/// <summary>
/// A documentation-comment ID as written in the catalog or in <c>.editorconfig</c>:
/// <c>T:Ns.Type</c> (every method of the type), <c>M:Ns.Type.Method(System.String)</c> (one overload), or
/// <c>M:Ns.Type.Method</c> / <c>M:Ns.Type.Method``1</c> (every overload of that name, like BannedApiAnalyzers).
/// </summary>
internal sealed class SymbolPattern
{
    private SymbolPattern(string text, bool isType, string typeName, string memberName, int? arity, bool hasParameters)
    {
        Text = text;
        IsType = isType;
        TypeName = typeName;
        MemberName = memberName;
        Arity = arity;
        HasParameters = hasParameters;
    }

    public string Text { get; }
    public bool IsType { get; }

    /// <summary>The containing type in documentation-ID form (<c>Ns.Type`1</c>).</summary>
    public string TypeName { get; }

    /// <summary>The method name without generic arity; empty for a type pattern.</summary>
    public string MemberName { get; }
    public int? Arity { get; }
    public bool HasParameters { get; }

    public static bool TryParse(string text, out SymbolPattern? pattern, out string? error)
    {
        pattern = null;
        text = text.Trim();
        if (text.Length < 3 || text[1] != ':' || (text[0] != 'M' && text[0] != 'T'))
        {
            error = "expected a documentation-comment ID that starts with 'M:' (a method) or 'T:' (a type)";
            return false;
        }

        var body = text.Substring(2);
        if (body.Any(char.IsWhiteSpace))
        {
            error = "a documentation-comment ID contains no spaces";
            return false;
        }

        var parenthesis = body.IndexOf('(');
        if (parenthesis >= 0 && (text[0] == 'T' || !body.EndsWith(")", System.StringComparison.Ordinal)))
        {
            error = "the parameter list is not closed with ')'";
            return false;
        }

        var name = parenthesis >= 0 ? body.Substring(0, parenthesis) : body;
        if (name.Length == 0 || name.StartsWith(".", System.StringComparison.Ordinal) || name.EndsWith(".", System.StringComparison.Ordinal) || name.Contains(".."))
        {
            error = "the name is empty or has an empty part";
            return false;
        }

        if (text[0] == 'T')
        {
            error = null;
            pattern = new SymbolPattern(text, isType: true, name, string.Empty, arity: null, hasParameters: false);
            return true;
        }

        var lastDot = name.LastIndexOf('.');
        if (lastDot <= 0)
        {
            error = "a method ID names its containing type: M:Namespace.Type.Method";
            return false;
        }

        var member = name.Substring(lastDot + 1);
        int? arity = null;
        var arityMarker = member.IndexOf("``", System.StringComparison.Ordinal);
        if (arityMarker >= 0)
        {
            if (!int.TryParse(member.Substring(arityMarker + 2), out var parsedArity))
            {
                error = "the generic arity after '``' is not a number";
                return false;
            }

            arity = parsedArity;
            member = member.Substring(0, arityMarker);
        }

        error = null;
        pattern = new SymbolPattern(text, isType: false, name.Substring(0, lastDot), member, arity, parenthesis >= 0);
        return true;
    }

    /// <summary>The methods this pattern names in <paramref name="compilation"/>; empty when it names nothing there.</summary>
    public ImmutableArray<IMethodSymbol> ResolveMethods(Compilation compilation)
    {
        if (HasParameters)
        {
            return DocumentationCommentId.GetSymbolsForDeclarationId(Text, compilation).OfType<IMethodSymbol>().ToImmutableArray();
        }

        // Every type of that name: SDKs declare same-named public types in different assemblies (Microsoft.Agents.AI
        // has its own Microsoft.Extensions.AI.ChatClientExtensions), where GetTypeByMetadataName answers null.
        var types = ResolveTypes(compilation, TypeName);
        IEnumerable<IMethodSymbol> methods = IsType
            ? types.SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary)
            : types.SelectMany(t => t.GetMembers(MemberName)).OfType<IMethodSymbol>();
        if (Arity is int arity)
        {
            methods = methods.Where(m => m.Arity == arity);
        }

        return methods.ToImmutableArray();
    }

    /// <summary>Resolves a type written in documentation-ID form, where nested types are separated by '.' too.</summary>
    public static INamedTypeSymbol? ResolveType(Compilation compilation, string documentationTypeName)
    {
        var types = ResolveTypes(compilation, documentationTypeName);
        return types.Length == 1 ? types[0] : null;
    }

    /// <summary>Every type of that name across the compilation and its references.</summary>
    public static ImmutableArray<INamedTypeSymbol> ResolveTypes(Compilation compilation, string documentationTypeName)
    {
        var metadataName = documentationTypeName;
        while (true)
        {
            var types = compilation.GetTypesByMetadataName(metadataName);
            if (!types.IsEmpty)
            {
                return types;
            }

            var lastDot = metadataName.LastIndexOf('.');
            if (lastDot < 0)
            {
                return ImmutableArray<INamedTypeSymbol>.Empty;
            }

            metadataName = metadataName.Substring(0, lastDot) + "+" + metadataName.Substring(lastDot + 1);
        }
    }

    public override string ToString() => Text;
}
