using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlmPreflight.CodeFixes;

internal static class ModelCallSyntax
{
    /// <summary>The invocation a call rule reported: the node itself, or the call inside <c>client?.Call(...)</c>.</summary>
    public static InvocationExpressionSyntax? FindInvocation(SyntaxNode reported)
    {
        var node = reported;
        while (node is ConditionalAccessExpressionSyntax conditional)
        {
            node = conditional.WhenNotNull;
        }

        return node as InvocationExpressionSyntax ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
    }
}
