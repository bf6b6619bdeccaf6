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
/// LLM0002 fix for System.ClientModel clients (OpenAI 2.x): gives the client's options
/// <c>RetryPolicy = new ClientRetryPolicy(3)</c> — exponential backoff from 0.8 s. Options written inline get the
/// property; a client built without options moves to the constructor that takes them (a raw key string becomes an
/// <c>ApiKeyCredential</c>); <c>ClientRetryPolicy(0)</c> becomes <c>ClientRetryPolicy(3)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LLM0002_UseExponentialRetryPolicyFix)), Shared]
public sealed class LLM0002_UseExponentialRetryPolicyFix : LlmCodeFixProvider
{
    private const string RetryPolicyType = "global::System.ClientModel.Primitives.ClientRetryPolicy";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ClientWithoutRetryBackoff);

    protected override string Title => "Use an exponential retry policy (ClientRetryPolicy(3))";

    protected override string EquivalenceKey => RuleIdentifiers.ClientWithoutRetryBackoff + ".UseExponentialRetryPolicy";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken) =>
        HasReason(diagnostic, LLM0002_ClientWithoutRetryBackoff.ReasonZeroDelayDefault, LLM0002_ClientWithoutRetryBackoff.ReasonRetriesOff)
        && Plan(node, model, cancellationToken, retries: 3) is not null;

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Apply(editor, node, cancellationToken, retries: 3);

    internal static bool HasReason(Diagnostic diagnostic, params string[] reasons) =>
        diagnostic.Properties.TryGetValue(LLM0002_ClientWithoutRetryBackoff.ReasonProperty, out var reason) && reasons.Contains(reason);

    /// <summary>Sets <c>RetryPolicy = new ClientRetryPolicy(retries)</c> on the client's options; shared with the switch-off fix.</summary>
    internal static Task Apply(DocumentEditor editor, SyntaxNode node, CancellationToken cancellationToken, int retries)
    {
        Plan(node, editor.SemanticModel, cancellationToken, retries)?.Apply(editor);

        return Task.CompletedTask;
    }

    internal static SyntaxEdit? Plan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, int retries)
    {
        if (node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is not { ArgumentList: { } arguments } creation
            || model.GetSymbolInfo(creation, cancellationToken).Symbol is not IMethodSymbol constructor)
        {
            return null;
        }

        var optionsParameter = constructor.Parameters.FirstOrDefault(IsOptionsParameter);
        var optionsIndex = optionsParameter is null ? -1 : optionsParameter.Ordinal;
        if (optionsIndex >= 0 && optionsIndex < arguments.Arguments.Count && arguments.Arguments.All(a => a.NameColon is null))
        {
            return PlanExistingOptions(arguments.Arguments[optionsIndex].Expression, model, cancellationToken, retries);
        }

        return optionsIndex < 0 ? PlanOptionsOverload(creation, constructor, model, retries) : null;
    }

    private static bool IsOptionsParameter(IParameterSymbol parameter)
    {
        for (var type = parameter.Type; type is not null; type = type.BaseType)
        {
            if (type.ToDisplayString() == "System.ClientModel.Primitives.ClientPipelineOptions")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Options created inline or in a local's initializer get <c>RetryPolicy</c> set (or replaced).</summary>
    private static SyntaxEdit? PlanExistingOptions(ExpressionSyntax options, SemanticModel model, CancellationToken cancellationToken, int retries)
    {
        var creation = options as BaseObjectCreationExpressionSyntax;
        if (creation is null && model.GetSymbolInfo(options, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax initial })
        {
            creation = initial;
        }

        return creation is null ? null : new SyntaxEdit(creation, current => WithRetryPolicy((BaseObjectCreationExpressionSyntax)current, retries));
    }

    private static SyntaxNode WithRetryPolicy(BaseObjectCreationExpressionSyntax creation, int retries)
    {
        var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("RetryPolicy"), NewRetryPolicy(retries));
        var initializer = creation.Initializer ?? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression);
        var existing = initializer.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "RetryPolicy" });
        initializer = existing is null
            ? initializer.AddExpressions(assignment)
            : initializer.ReplaceNode(existing, assignment.WithTriviaFrom(existing));
        return creation.WithInitializer(initializer);
    }

    /// <summary><c>new ChatClient(model, key)</c> becomes <c>new ChatClient(model, new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = ... })</c>.</summary>
    private static SyntaxEdit? PlanOptionsOverload(BaseObjectCreationExpressionSyntax creation, IMethodSymbol constructor, SemanticModel model, int retries)
    {
        var target = constructor.ContainingType.InstanceConstructors.FirstOrDefault(candidate =>
            candidate.Parameters.Length == constructor.Parameters.Length + 1
            && IsOptionsParameter(candidate.Parameters.Last())
            && constructor.Parameters.Select((p, i) => SameOrCredential(p, candidate.Parameters[i])).All(same => same));
        if (target is null || creation.ArgumentList is null || creation.ArgumentList.Arguments.Any(a => a.NameColon is not null)
            || creation.ArgumentList.Arguments.Count != constructor.Parameters.Length)
        {
            return null;
        }

        var optionsType = target.Parameters.Last().Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var wrapIndexes = constructor.Parameters.Where((p, i) => p.Type.SpecialType == SpecialType.System_String && target.Parameters[i].Type.Name == "ApiKeyCredential").Select(p => p.Ordinal).ToImmutableHashSet();
        SyntaxEdit plan = new(creation, current =>
        {
            var list = ((BaseObjectCreationExpressionSyntax)current).ArgumentList!;
            var rewritten = list.Arguments.Select((argument, i) => wrapIndexes.Contains(i)
                ? argument.WithExpression(SyntaxFactory.ObjectCreationExpression(Qualified("global::System.ClientModel.ApiKeyCredential")).WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument.Expression.WithoutTrivia())))))
                : argument);
            var options = WithRetryPolicy(SyntaxFactory.ObjectCreationExpression(Qualified(optionsType)), retries);
            return ((BaseObjectCreationExpressionSyntax)current).WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList(rewritten.Append(SyntaxFactory.Argument((ExpressionSyntax)options)))));
        });

        var speculative = (ExpressionSyntax)plan.Rewrite(creation);
        return model.GetSpeculativeSymbolInfo(creation.SpanStart, speculative, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol bound
            && SymbolEqualityComparer.Default.Equals(bound, target) ? plan : null;
    }

    private static bool SameOrCredential(IParameterSymbol current, IParameterSymbol candidate) =>
        SymbolEqualityComparer.Default.Equals(current.Type, candidate.Type)
        || (current.Type.SpecialType == SpecialType.System_String && candidate.Type.Name == "ApiKeyCredential");

    private static ExpressionSyntax NewRetryPolicy(int retries) =>
        SyntaxFactory.ObjectCreationExpression(Qualified(RetryPolicyType))
            .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(retries))))));

    private static TypeSyntax Qualified(string name) =>
        SyntaxFactory.ParseTypeName(name).WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation);
}
