using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>Where call rules report: the invocation, widened to <c>client?.Call(...)</c> for a conditional access.</summary>
internal static class ModelCallLocation
{
    public static Location Of(SyntaxNode invocation)
    {
        var node = invocation;
        while (node.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == node)
        {
            node = conditional;
        }

        return node.GetLocation();
    }
}
