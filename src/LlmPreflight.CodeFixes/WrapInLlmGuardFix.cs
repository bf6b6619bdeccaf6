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
using Microsoft.CodeAnalysis.Simplification;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// The shared "wrap in LlmGuard" fix: <c>await client.CompleteChatAsync(m, o)</c> becomes
/// <c>await LlmGuard.RunAsync(ct =&gt; client.CompleteChatAsync(m, o, ct), cancellationToken)</c> — <c>Run</c> for
/// synchronous calls and <c>StreamAsync</c> for async streams. The call's own token moves to the guard, the call gets the
/// guard's, and the expression keeps its type, so the surrounding <c>await</c>, <c>ConfigureAwait</c> and
/// conversions stay as they were. The guard then supplies timeout, retry, rate limit, fallback and cost tracking.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WrapInLlmGuardFix)), Shared]
public sealed class WrapInLlmGuardFix : LlmCodeFixProvider
{
    private const string GuardTypeName = "LlmPreflight.LlmGuard";
    private static readonly string[] s_tokenNames = { "ct", "guardToken", "attemptToken", "llmToken" };

    /// <summary>Every rule whose concern the guard takes care of: timeout, fallback, rate limit, cost.</summary>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.ModelCallWithoutCancellation,
        RuleIdentifiers.UnhandledModelCallFailure,
        RuleIdentifiers.UnthrottledParallelModelCalls,
        RuleIdentifiers.ModelCallInLoop,
        RuleIdentifiers.TokenUsageNotRecorded);

    protected override string Title => "Wrap the call in LlmGuard";

    protected override string EquivalenceKey => "LLM.WrapInLlmGuard";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken) =>
        Plan(node, model, cancellationToken) is not null;

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var plan = Plan(node, editor.SemanticModel, cancellationToken);
        if (plan is not null)
        {
            editor.ReplaceNode(plan.Invocation, (current, _) => plan.Build((InvocationExpressionSyntax)current).WithTriviaFrom(current));
        }

        return Task.CompletedTask;
    }

    /// <summary>How to wrap the call at <paramref name="node"/> in the guard, or null when it cannot be done safely. Also used by the LLM0003 fix.</summary>
    internal static WrapPlan? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var invocation = ModelCallSyntax.FindInvocation(node);
        if (invocation is null
            || invocation.Parent is ConditionalAccessExpressionSyntax or MemberBindingExpressionSyntax
            || invocation.Expression is MemberBindingExpressionSyntax
            || model.Compilation.GetTypeByMetadataName(GuardTypeName) is null
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || IsInsideGuard(invocation, model, cancellationToken))
        {
            // `client?.Call()` cannot move into a lambda: the guard would await a null task.
            return null;
        }

        var entryPoint = ChooseEntryPoint(invocation, method, model);
        if (entryPoint is null)
        {
            return null;
        }

        var tokenName = s_tokenNames.FirstOrDefault(name => model.LookupSymbols(invocation.SpanStart, name: name).IsEmpty);
        if (tokenName is null)
        {
            return null;
        }

        var lambdaToken = SyntaxFactory.IdentifierName(tokenName);
        var rewriteArguments = TokenArgumentRewriter.Plan(invocation, method, lambdaToken, model);
        var outerToken = ExistingToken(invocation, method, model) ?? CancellationTokenInScope.Find(invocation, model, cancellationToken);

        var plan = new WrapPlan(invocation, entryPoint, tokenName, rewriteArguments, outerToken);
        return Binds(plan, invocation, model) ? plan : null;
    }

    /// <summary>RunAsync for tasks, StreamAsync for async streams enumerated directly, Run for synchronous results.</summary>
    private static string? ChooseEntryPoint(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model)
    {
        var returnType = method.ReturnType as INamedTypeSymbol;
        var definition = returnType?.OriginalDefinition.ToDisplayString();
        switch (definition)
        {
            case "System.Threading.Tasks.Task":
            case "System.Threading.Tasks.Task<TResult>":
                return "RunAsync";
            case "System.Collections.Generic.IAsyncEnumerable<T>":
                return "StreamAsync";
            case "System.Threading.Tasks.ValueTask":
            case "System.Threading.Tasks.ValueTask<TResult>":
            case null:
                return null;
        }

        if (returnType!.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IAsyncEnumerable<T>"))
        {
            // A concrete stream type (OpenAI's AsyncCollectionResult) becomes IAsyncEnumerable: only safe where it is just enumerated.
            return invocation.Parent is ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } ? "StreamAsync" : null;
        }

        if (method.ReturnsVoid || returnType.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IEnumerable<T>"))
        {
            // Synchronous streams send their request lazily, outside any guard.
            return null;
        }

        return "Run";
    }

    /// <summary>A real token the call already passes, which becomes the guard's token.</summary>
    private static ExpressionSyntax? ExistingToken(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel model)
    {
        var parameter = method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "System.Threading.CancellationToken");
        if (parameter is null)
        {
            return null;
        }

        var index = method.Parameters.IndexOf(parameter);
        for (var i = 0; i < invocation.ArgumentList.Arguments.Count; i++)
        {
            var argument = invocation.ArgumentList.Arguments[i];
            var matches = argument.NameColon is { } name ? name.Name.Identifier.ValueText == parameter.Name : i == index;
            if (matches)
            {
                var operation = model.GetOperation(argument.Expression);
                return operation is null || IsNoneToken(argument.Expression, model) ? null : argument.Expression.WithoutTrivia();
            }
        }

        return null;
    }

    private static bool IsNoneToken(ExpressionSyntax expression, SemanticModel model) =>
        expression is LiteralExpressionSyntax or DefaultExpressionSyntax
        || (expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "None" } access && model.GetTypeInfo(access).Type?.ToDisplayString() == "System.Threading.CancellationToken")
        || (expression is ObjectCreationExpressionSyntax creation && model.GetTypeInfo(creation).Type?.ToDisplayString() == "System.Threading.CancellationToken");

    private static bool IsInsideGuard(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(outer =>
            model.GetSymbolInfo(outer, cancellationToken).Symbol is IMethodSymbol { ContainingType: { } type }
            && type.ToDisplayString() == GuardTypeName);

    /// <summary>The wrapped call must bind to the guard and keep the type the expression had (for streams: its element type).</summary>
    private static bool Binds(WrapPlan plan, InvocationExpressionSyntax invocation, SemanticModel model)
    {
        var original = model.GetTypeInfo(invocation).Type;
        var wrapped = plan.Build(invocation);
        var info = model.GetSpeculativeTypeInfo(invocation.SpanStart, wrapped, SpeculativeBindingOption.BindAsExpression);
        var symbol = model.GetSpeculativeSymbolInfo(invocation.SpanStart, wrapped, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        if (symbol?.ContainingType.ToDisplayString() != GuardTypeName || info.Type is null || original is null)
        {
            return false;
        }

        return plan.EntryPoint == "StreamAsync"
            ? info.Type is INamedTypeSymbol { TypeArguments.Length: 1 } stream && original.AllInterfaces.Concat(original is INamedTypeSymbol n ? new[] { n } : new INamedTypeSymbol[0])
                .Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IAsyncEnumerable<T>" && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], stream.TypeArguments[0]))
            : SymbolEqualityComparer.Default.Equals(info.Type, original);
    }

    internal sealed class WrapPlan
    {
        private readonly System.Func<ArgumentListSyntax, ArgumentListSyntax>? _rewriteArguments;
        private readonly ExpressionSyntax? _outerToken;

        public WrapPlan(InvocationExpressionSyntax invocation, string entryPoint, string tokenName, System.Func<ArgumentListSyntax, ArgumentListSyntax>? rewriteArguments, ExpressionSyntax? outerToken)
        {
            Invocation = invocation;
            EntryPoint = entryPoint;
            TokenName = tokenName;
            _rewriteArguments = rewriteArguments;
            _outerToken = outerToken;
        }

        public InvocationExpressionSyntax Invocation { get; }
        public string EntryPoint { get; }
        public string TokenName { get; }

        /// <summary><c>LlmGuard.RunAsync(ct =&gt; call-with-ct, token)</c> around <paramref name="current"/>, the call as it is now.</summary>
        public ExpressionSyntax Build(InvocationExpressionSyntax current)
        {
            var inner = _rewriteArguments is null ? current : current.WithArgumentList(_rewriteArguments(current.ArgumentList));
            var lambda = SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(TokenName)), inner.WithoutTrivia());
            var guard = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                ((ExpressionSyntax)SyntaxFactory.ParseName("global::" + GuardTypeName)).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation),
                SyntaxFactory.IdentifierName(EntryPoint));
            var arguments = SyntaxFactory.SeparatedList(_outerToken is null
                ? new[] { SyntaxFactory.Argument(lambda) }
                : new[] { SyntaxFactory.Argument(lambda), SyntaxFactory.Argument(_outerToken) });
            return SyntaxFactory.InvocationExpression(guard, SyntaxFactory.ArgumentList(arguments));
        }
    }
}
