using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// Finds the CancellationToken a call at some position should pass: the innermost enclosing function's token
/// parameter first (a guard lambda's <c>ct</c> before the method's), then a token local declared before it,
/// then a <c>CancellationTokenSource</c> local's <c>Token</c>.
/// </summary>
internal static class CancellationTokenInScope
{
    public static ExpressionSyntax? Find(SyntaxNode at, SemanticModel model, CancellationToken cancellationToken)
    {
        var tokenType = model.Compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        var sourceType = model.Compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
        if (tokenType is null)
        {
            return null;
        }

        foreach (var ancestor in at.Ancestors())
        {
            if (!IsFunction(ancestor))
            {
                continue;
            }

            var function = model.GetDeclaredSymbol(ancestor, cancellationToken) as IMethodSymbol
                ?? model.GetSymbolInfo(ancestor, cancellationToken).Symbol as IMethodSymbol;
            var parameter = function?.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, tokenType));
            if (parameter is not null && !string.IsNullOrEmpty(parameter.Name) && parameter.Name != "_")
            {
                return SyntaxFactory.IdentifierName(parameter.Name);
            }

            if (IsStatic(ancestor))
            {
                break;
            }
        }

        var position = at.SpanStart;
        var locals = model.LookupSymbols(position)
            .OfType<ILocalSymbol>()
            .Where(local => local.DeclaringSyntaxReferences.All(r => r.Span.End < position))
            .ToList();

        var tokenLocal = locals.FirstOrDefault(l => SymbolEqualityComparer.Default.Equals(l.Type, tokenType));
        if (tokenLocal is not null)
        {
            return SyntaxFactory.IdentifierName(tokenLocal.Name);
        }

        var sourceLocal = sourceType is null ? null : locals.FirstOrDefault(l => SymbolEqualityComparer.Default.Equals(l.Type, sourceType));
        return sourceLocal is null
            ? null
            : SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(sourceLocal.Name), SyntaxFactory.IdentifierName("Token"));
    }

    private static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax;

    private static bool IsStatic(SyntaxNode node) => node switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.Modifiers.Any(SyntaxKind.StaticKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.StaticKeyword),
        _ => true,
    };
}
