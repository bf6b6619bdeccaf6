using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// Base of the LlmPreflight code fixes. One routine, <see cref="FixAsync"/>, serves the single fix and Fix All:
/// Fix All hands it every diagnostic of a document at once, innermost first, on one <see cref="DocumentEditor"/>.
/// A fix is registered only when <see cref="CanFix"/> says the diagnostic's code can be rewritten safely.
/// </summary>
public abstract class LlmCodeFixProvider : CodeFixProvider
{
    /// <summary>The code action's title, also shown in Fix All's menu.</summary>
    protected abstract string Title { get; }

    /// <summary>Prefixed with the rule ID, so that Fix All only ever merges fixes of one kind.</summary>
    protected abstract string EquivalenceKey { get; }

    public sealed override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!CanFix(node, diagnostic, model, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                diagnostic);
        }
    }

    private async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (CanFix(node, diagnostic, editor.SemanticModel, cancellationToken))
            {
                await FixAsync(editor, node, diagnostic, cancellationToken).ConfigureAwait(false);
            }
        }

        // Fixes write fully qualified type names with these annotations; this adds the `using`s and shortens the names.
        var changed = editor.GetChangedDocument();
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates, against the original document, that the fix applies to this diagnostic.</summary>
    protected abstract bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites one diagnostic's code. Edits go through <paramref name="editor"/>, using the replacement-callback
    /// forms where an edit may nest inside another fix's edit, so that Fix All composes.
    /// </summary>
    protected abstract Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken);
}
