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
        var plan = Plan(node, diagnostic, editor.SemanticModel, cancellationToken);
        if (plan is not null)
        {
            editor.ReplaceNode(plan.Invocation.ArgumentList, (current, _) => plan.Rewrite((ArgumentListSyntax)current).WithTriviaFrom(current));
        }

        return Task.CompletedTask;
    }

    private static RewritePlan? Plan(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (ModelCallSyntax.FindInvocation(node) is not { } invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || CancellationTokenInScope.Find(invocation, model, cancellationToken) is not { } token)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(LLM0001_ModelCallWithoutCancellation.ReasonProperty, out var reason);
        return reason switch
        {
            LLM0001_ModelCallWithoutCancellation.ReasonOmitted or LLM0001_ModelCallWithoutCancellation.ReasonNoneToken
                => PlanTokenArgument(invocation, method, token, model),
            LLM0001_ModelCallWithoutCancellation.ReasonParamsOverload => PlanCollectionOverload(invocation, method, token, model),
            LLM0001_ModelCallWithoutCancellation.ReasonRequestOptions => PlanRequestOptions(invocation, method, token, model),
            _ => null,
        };
    }

    private static RewritePlan? PlanTokenArgument(InvocationExpressionSyntax invocation, IMethodSymbol method, ExpressionSyntax token, SemanticModel model)
    {
        var parameter = method.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "System.Threading.CancellationToken");
        return parameter is null ? null : Verified(invocation, model, list => SetArgument(list, method, parameter, token));
    }

    private static RewritePlan? PlanRequestOptions(InvocationExpressionSyntax invocation, IMethodSymbol method, ExpressionSyntax token, SemanticModel model)
    {
        var parameter = method.Parameters.FirstOrDefault(p => p.Type.Name is "RequestOptions" or "RequestContext");
        if (parameter is null)
        {
            return null;
        }

        var options = SyntaxFactory.ObjectCreationExpression(
                ((TypeSyntax)SyntaxFactory.ParseTypeName(parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation))
            .WithInitializer(SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("CancellationToken"), token))));
        return Verified(invocation, model, list => SetArgument(list, method, parameter, options));
    }

    /// <summary><c>CompleteChat(a, b)</c> on the params overload becomes <c>CompleteChat(new ChatMessage[] { a, b }, cancellationToken: ct)</c>.</summary>
    private static RewritePlan? PlanCollectionOverload(InvocationExpressionSyntax invocation, IMethodSymbol method, ExpressionSyntax token, SemanticModel model)
    {
        var paramsParameter = method.Parameters.LastOrDefault();
        if (paramsParameter is not { IsParams: true, Type: IArrayTypeSymbol arrayType } || method.Parameters.Length != 1)
        {
            return null;
        }

        var elementType = ((TypeSyntax)SyntaxFactory.ParseTypeName(arrayType.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        // Decided on the original tree: in Fix All the rewrite runs on nodes the semantic model has never seen.
        var passesArray = invocation.ArgumentList.Arguments.Count == 1
            && model.GetTypeInfo(invocation.ArgumentList.Arguments[0].Expression).Type is IArrayTypeSymbol;
        return Verified(invocation, model, list =>
        {
            var arguments = list.Arguments;
            ExpressionSyntax collection;
            if (passesArray)
            {
                collection = arguments[0].Expression;
            }
            else
            {
                collection = SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.ArrayType(elementType, SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                    SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(arguments.Select(a => a.Expression.WithoutTrivia()))));
            }

            return SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(collection),
                SyntaxFactory.Argument(SyntaxFactory.NameColon("cancellationToken"), default, token),
            }));
        });
    }

    /// <summary>Puts <paramref name="value"/> in <paramref name="parameter"/>'s place: replaces an explicit argument, or appends one (named when earlier optional arguments were left out).</summary>
    private static ArgumentListSyntax SetArgument(ArgumentListSyntax list, IMethodSymbol method, IParameterSymbol parameter, ExpressionSyntax value)
    {
        for (var i = 0; i < list.Arguments.Count; i++)
        {
            var argument = list.Arguments[i];
            var matches = argument.NameColon is { } name
                ? name.Name.Identifier.ValueText == parameter.Name
                : i == method.Parameters.IndexOf(parameter) && list.Arguments.Take(i).All(a => a.NameColon is null);
            if (matches)
            {
                return list.ReplaceNode(argument, argument.WithExpression(value.WithTriviaFrom(argument.Expression)));
            }
        }

        var positional = list.Arguments.Count == method.Parameters.IndexOf(parameter) && list.Arguments.All(a => a.NameColon is null);
        var added = positional
            ? SyntaxFactory.Argument(value)
            : SyntaxFactory.Argument(SyntaxFactory.NameColon(parameter.Name), default, value);
        return list.AddArguments(added);
    }

    /// <summary>Keeps a rewrite only if the new call still binds, to an overload that takes the token.</summary>
    private static RewritePlan? Verified(InvocationExpressionSyntax invocation, SemanticModel model, System.Func<ArgumentListSyntax, ArgumentListSyntax> rewrite)
    {
        if (invocation.Expression is MemberBindingExpressionSyntax)
        {
            // `client?.Call(...)`: the binding cannot be checked on its own; the same rewrite is checked on `client.Call(...)` forms.
            return new RewritePlan(invocation, rewrite);
        }

        var candidate = invocation.WithArgumentList(rewrite(invocation.ArgumentList));
        var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, candidate, SpeculativeBindingOption.BindAsExpression);
        return info.Symbol is IMethodSymbol bound && bound.Parameters.Any(p => p.Type.Name is "CancellationToken" or "RequestOptions" or "RequestContext")
            ? new RewritePlan(invocation, rewrite)
            : null;
    }

    private sealed class RewritePlan
    {
        private readonly System.Func<ArgumentListSyntax, ArgumentListSyntax> _rewrite;

        public RewritePlan(InvocationExpressionSyntax invocation, System.Func<ArgumentListSyntax, ArgumentListSyntax> rewrite)
        {
            Invocation = invocation;
            _rewrite = rewrite;
        }

        public InvocationExpressionSyntax Invocation { get; }

        public ArgumentListSyntax Rewrite(ArgumentListSyntax current) => _rewrite(current);
    }
}
