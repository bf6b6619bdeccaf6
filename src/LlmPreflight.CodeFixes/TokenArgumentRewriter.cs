using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// Rewrites a model call's arguments so that it passes a given token: the CancellationToken argument is replaced or
/// appended, a protocol method gets <c>new RequestOptions { CancellationToken = token }</c>, and a
/// <c>params ChatMessage[]</c> overload is switched to the collection overload. Shared by the LLM0001 fix and the
/// wrap-in-guard fix, which passes the guard lambda's token.
/// </summary>
internal static class TokenArgumentRewriter
{
    /// <summary>
    /// The argument-list rewrite, or null when <paramref name="method"/> has no way to take a token that this
    /// call could use (a protocol call that already passes its own RequestOptions, the OpenAI_API 1.x surface).
    /// </summary>
    public static Func<ArgumentListSyntax, ArgumentListSyntax>? Plan(InvocationExpressionSyntax invocation, IMethodSymbol method, ExpressionSyntax token, SemanticModel model)
    {
        var tokenParameter = method.Parameters.FirstOrDefault(p => IsType(p.Type, "System.Threading.CancellationToken"));
        if (tokenParameter is not null)
        {
            return list => SetArgument(list, method, tokenParameter, token);
        }

        var optionsParameter = method.Parameters.FirstOrDefault(p => IsType(p.Type, "System.ClientModel.Primitives.RequestOptions") || IsType(p.Type, "Azure.RequestContext"));
        if (optionsParameter is not null)
        {
            return PassesOwnValue(invocation, method, optionsParameter, model) ? null : list => SetArgument(list, method, optionsParameter, NewRequestOptions(optionsParameter.Type, token));
        }

        return PlanCollectionOverload(invocation, method, token, model);
    }

    private static bool IsType(ITypeSymbol type, string fullName) => type.ToDisplayString() == fullName;

    /// <summary>True when the call passes a RequestOptions value of its own, which a rewrite must not discard.</summary>
    private static bool PassesOwnValue(InvocationExpressionSyntax invocation, IMethodSymbol method, IParameterSymbol parameter, SemanticModel model)
    {
        var index = method.Parameters.IndexOf(parameter);
        for (var i = 0; i < invocation.ArgumentList.Arguments.Count; i++)
        {
            var argument = invocation.ArgumentList.Arguments[i];
            var matches = argument.NameColon is { } name ? name.Name.Identifier.ValueText == parameter.Name : i == index;
            if (matches)
            {
                var constant = model.GetConstantValue(argument.Expression);
                return !(argument.Expression.IsKind(SyntaxKind.DefaultLiteralExpression) || argument.Expression is DefaultExpressionSyntax || (constant.HasValue && constant.Value is null));
            }
        }

        return false;
    }

    private static ExpressionSyntax NewRequestOptions(ITypeSymbol type, ExpressionSyntax token) =>
        SyntaxFactory.ObjectCreationExpression(
                ((TypeSyntax)SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation))
            .WithInitializer(SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("CancellationToken"), token))));

    /// <summary><c>CompleteChat(a, b)</c> on the params overload becomes <c>CompleteChat(new ChatMessage[] { a, b }, cancellationToken: ct)</c>.</summary>
    private static Func<ArgumentListSyntax, ArgumentListSyntax>? PlanCollectionOverload(InvocationExpressionSyntax invocation, IMethodSymbol method, ExpressionSyntax token, SemanticModel model)
    {
        if (method.Parameters.Length != 1 || method.Parameters[0] is not { IsParams: true, Type: IArrayTypeSymbol arrayType }
            || !method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Any(m => m.Parameters.Any(p => IsType(p.Type, "System.Threading.CancellationToken"))))
        {
            return null;
        }

        var elementType = ((TypeSyntax)SyntaxFactory.ParseTypeName(arrayType.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .WithAdditionalAnnotations(Simplifier.Annotation);

        // Decided on the original tree: in Fix All the rewrite runs on nodes the semantic model has never seen.
        var passesArray = invocation.ArgumentList.Arguments.Count == 1
            && model.GetTypeInfo(invocation.ArgumentList.Arguments[0].Expression).Type is IArrayTypeSymbol;
        return list =>
        {
            var arguments = list.Arguments;
            var collection = passesArray
                ? arguments[0].Expression
                : SyntaxFactory.ArrayCreationExpression(
                    SyntaxFactory.ArrayType(elementType, SyntaxFactory.SingletonList(SyntaxFactory.ArrayRankSpecifier(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SyntaxFactory.OmittedArraySizeExpression())))),
                    SyntaxFactory.InitializerExpression(SyntaxKind.ArrayInitializerExpression, SyntaxFactory.SeparatedList(arguments.Select(a => a.Expression.WithoutTrivia()))));
            return SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(collection),
                SyntaxFactory.Argument(SyntaxFactory.NameColon("cancellationToken"), default, token),
            }));
        };
    }

    /// <summary>Puts <paramref name="value"/> in <paramref name="parameter"/>'s place: replaces an explicit argument, or appends one (named when earlier optional arguments were left out).</summary>
    private static ArgumentListSyntax SetArgument(ArgumentListSyntax list, IMethodSymbol method, IParameterSymbol parameter, ExpressionSyntax value)
    {
        var index = method.Parameters.IndexOf(parameter);
        for (var i = 0; i < list.Arguments.Count; i++)
        {
            var argument = list.Arguments[i];
            var matches = argument.NameColon is { } name
                ? name.Name.Identifier.ValueText == parameter.Name
                : i == index && list.Arguments.Take(i).All(a => a.NameColon is null);
            if (matches)
            {
                return list.ReplaceNode(argument, argument.WithExpression(value.WithTriviaFrom(argument.Expression)));
            }
        }

        var positional = list.Arguments.Count == index && list.Arguments.All(a => a.NameColon is null);
        var added = positional
            ? SyntaxFactory.Argument(value)
            : SyntaxFactory.Argument(SyntaxFactory.NameColon(parameter.Name), default, value);
        return list.AddArguments(added);
    }
}
