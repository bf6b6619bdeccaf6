using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// A planned rewrite of one node. It is validated on the original tree, then applied to the node as it is when
/// the editor gets there, so fixes that nest inside each other compose under Fix All.
/// </summary>
internal sealed class SyntaxEdit
{
    private readonly Func<SyntaxNode, SyntaxNode> _rewrite;

    public SyntaxEdit(SyntaxNode target, Func<SyntaxNode, SyntaxNode> rewrite)
    {
        Target = target;
        _rewrite = rewrite;
    }

    public SyntaxNode Target { get; }

    public SyntaxNode Rewrite(SyntaxNode current) => _rewrite(current);

    public void Apply(DocumentEditor editor) =>
        editor.ReplaceNode(Target, (current, _) => Rewrite(current).WithTriviaFrom(current));
}
