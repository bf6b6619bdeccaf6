using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Analyzers;
using LlmPreflight.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// LLM0001 fix: passes the CancellationToken in scope to the model call. A <c>params</c> overload that cannot
/// take one is switched to its collection overload; a protocol method gets <c>new RequestOptions { CancellationToken = ct }</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LLM0001_PassCancellationTokenFix)), Shared]
public sealed class LLM0001_PassCancellationTokenFix : LlmCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ModelCallWithoutCancellation);

    protected override string Title => "Pass the CancellationToken in scope";

    protected override string EquivalenceKey => RuleIdentifiers.ModelCallWithoutCancellation + ".PassCancellationToken";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken) =>
        Plan(node, diagnostic, model, cancellationToken) is not null;

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        Plan(node, diagnostic, editor.SemanticModel, cancellationToken)?.Apply(editor);

        return Task.CompletedTask;
    }

    private static SyntaxEdit? Plan(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (ModelCallSyntax.FindInvocation(node) is not { } invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || CancellationTokenInScope.Find(invocation, model, cancellationToken) is not { } token)
        {
            return null;
        }

        var rewrite = TokenArgumentRewriter.Plan(invocation, method, token, model);
        return rewrite is null ? null : Verified(invocation, model, rewrite);
    }

    /// <summary>Keeps a rewrite only if the new call still binds, to an overload that takes the token.</summary>
    private static SyntaxEdit? Verified(InvocationExpressionSyntax invocation, SemanticModel model, System.Func<ArgumentListSyntax, ArgumentListSyntax> rewrite)
    {
        if (invocation.Expression is MemberBindingExpressionSyntax)
        {
            // `client?.Call(...)`: the binding cannot be checked on its own; the same rewrite is checked on `client.Call(...)` forms.
            return Edit(invocation, rewrite);
        }

        var candidate = invocation.WithArgumentList(rewrite(invocation.ArgumentList));
        var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, candidate, SpeculativeBindingOption.BindAsExpression);
        return info.Symbol is IMethodSymbol bound && bound.Parameters.Any(p => p.Type.Name is "CancellationToken" or "RequestOptions" or "RequestContext")
            ? Edit(invocation, rewrite)
            : null;
    }

    private static SyntaxEdit Edit(InvocationExpressionSyntax invocation, System.Func<ArgumentListSyntax, ArgumentListSyntax> rewrite) =>
        new(invocation.ArgumentList, current => rewrite((ArgumentListSyntax)current));
}
