using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// LLM0003 fix: replaces a hand-written retry loop by the runtime guard's retry. Offered for the loop shape whose
/// meaning is plain — the body is one <c>try</c> (no <c>finally</c>) whose block is <c>return [await] call;</c> or
/// <c>x = await call; break;</c> — so that nothing but the retrying goes away:
/// <code>
/// for (...) { try { return await client.X(...); } catch (...) { await Task.Delay(1000); } }
/// throw new InvalidOperationException("gave up");
/// </code>
/// becomes <c>return await LlmGuard.RunAsync(ct =&gt; client.X(..., ct), token);</c> (a give-up <c>throw</c> right after the
/// loop, now unreachable, goes too).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LLM0003_ReplaceRetryLoopWithGuardFix)), Shared]
public sealed class LLM0003_ReplaceRetryLoopWithGuardFix : LlmCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RetryLoopWithoutBackoff);

    protected override string Title => "Replace the retry loop with LlmGuard's retry";

    protected override string EquivalenceKey => RuleIdentifiers.RetryLoopWithoutBackoff + ".ReplaceRetryLoopWithGuard";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken) =>
        Plan(node, model, cancellationToken) is not null;

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = Plan(node, editor.SemanticModel, cancellationToken);
        if (plan is null)
        {
            return Task.CompletedTask;
        }

        var (loop, statement, invocation, wrap, giveUp) = plan.Value;
        var replacement = statement.ReplaceNode(invocation, wrap.Build(invocation).WithTriviaFrom(invocation));
        editor.ReplaceNode(loop, replacement.WithLeadingTrivia(loop.GetLeadingTrivia()).WithTrailingTrivia(loop.GetTrailingTrivia()));

        if (giveUp is not null)
        {
            editor.RemoveNode(giveUp);
        }

        return Task.CompletedTask;
    }

    private static (StatementSyntax Loop, SyntaxNode Statement, InvocationExpressionSyntax Invocation, WrapInLlmGuardFix.WrapPlan Wrap, StatementSyntax? GiveUp)? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        if (ModelCallSyntax.FindInvocation(node) is not { } invocation
            || invocation.FirstAncestorOrSelf<TryStatementSyntax>() is not { Finally: null } tryStatement
            || tryStatement.Parent is not BlockSyntax { Statements.Count: 1 } body
            || body.Parent is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
            || body.Parent is not StatementSyntax loop
            || WrapInLlmGuardFix.Plan(invocation, model, cancellationToken) is not { } wrap)
        {
            return null;
        }

        var statements = tryStatement.Block.Statements;
        switch (statements.Count)
        {
            // return [await] call;
            case 1 when statements[0] is ReturnStatementSyntax { Expression: { } returned } && IsTheCall(returned, invocation):
                var giveUp = NextStatement(loop) as ThrowStatementSyntax;
                if (giveUp is null && NextStatement(loop) is not null)
                {
                    // Statements after the loop would become unreachable.
                    return null;
                }

                return (loop, statements[0], invocation, wrap, giveUp);

            // x = await call; break;
            case 2 when statements[0] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: { } assigned } }
                && IsTheCall(assigned, invocation) && statements[1] is BreakStatementSyntax:
                return (loop, statements[0], invocation, wrap, null);

            default:
                return null;
        }
    }

    private static bool IsTheCall(ExpressionSyntax expression, InvocationExpressionSyntax invocation) =>
        expression == invocation
        || expression is AwaitExpressionSyntax { Expression: var awaited } && (awaited == invocation
            || awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } } && inner == invocation);

    private static StatementSyntax? NextStatement(StatementSyntax statement) =>
        statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is var index && index + 1 < block.Statements.Count
            ? block.Statements[index + 1]
            : null;
}
