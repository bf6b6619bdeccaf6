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
using Microsoft.CodeAnalysis.Formatting;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// LLM0012: replaces a hard-coded key with <c>Environment.GetEnvironmentVariable("…") ?? throw new InvalidOperationException("…")</c>.
/// Not offered where a constant is required (attribute arguments, parameter defaults, case labels and patterns,
/// const declarations that cannot become non-const), nor for UTF-8 literals or strings that hold more than the key.
/// A <c>const</c> local or field with one declarator and no constant-context use in the document becomes a
/// plain local or a <c>static readonly</c> field.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LLM0012_ReadCredentialFromEnvironmentFix)), Shared]
public sealed class LLM0012_ReadCredentialFromEnvironmentFix : LlmCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.HardCodedCredential);

    protected override string Title => "Read the key from an environment variable";

    protected override string EquivalenceKey => "LLM0012_ReadCredentialFromEnvironment";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        if (node is not ExpressionSyntax expression
            || !diagnostic.Properties.TryGetValue(LLM0012_HardCodedCredential.ReplaceableProperty, out var replaceable) || replaceable != "true"
            || !diagnostic.Properties.TryGetValue(LLM0012_HardCodedCredential.EnvironmentVariableProperty, out var variable) || string.IsNullOrEmpty(variable)
            || expression.IsKind(SyntaxKind.Utf8StringLiteralExpression)
            || IsInConstantContext(expression))
        {
            return false;
        }

        var declaration = ConstDeclarationOf(expression);
        return declaration is null || CanDropConst(declaration, model, cancellationToken);
    }

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var variable = diagnostic.Properties[LLM0012_HardCodedCredential.EnvironmentVariableProperty]!;
        var credential = diagnostic.Properties.TryGetValue(LLM0012_HardCodedCredential.CredentialProperty, out var described) && described is not null
            ? described
            : "API key";
        var expression = (ExpressionSyntax)node;
        var declaration = ConstDeclarationOf(expression);
        var qualifier = SystemQualifier(editor, expression);

        editor.ReplaceNode(expression, (current, _) => ReadFromEnvironment(variable, credential, qualifier, expression).WithTriviaFrom(current));
        if (declaration is not null)
        {
            editor.ReplaceNode(declaration, (current, _) => DropConst(current));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// How to name System's types at <paramref name="expression"/>: "" where they already bind (a using, a global or
    /// implicit using) or where this fix adds <c>using System;</c>; otherwise "System." (or "global::System.").
    /// </summary>
    private static string SystemQualifier(DocumentEditor editor, ExpressionSyntax expression)
    {
        var model = editor.SemanticModel;
        var position = expression.SpanStart;
        var environment = model.Compilation.GetTypeByMetadataName("System.Environment");
        var exception = model.Compilation.GetTypeByMetadataName("System.InvalidOperationException");
        var boundEnvironment = model.LookupNamespacesAndTypes(position, name: "Environment");
        var boundException = model.LookupNamespacesAndTypes(position, name: "InvalidOperationException");
        if (IsOnly(boundEnvironment, environment) && IsOnly(boundException, exception))
        {
            return string.Empty;
        }

        if (boundEnvironment.IsEmpty && boundException.IsEmpty && TryAddUsingSystem(editor))
        {
            return string.Empty;
        }

        var system = model.LookupNamespacesAndTypes(position, name: "System");
        return system.Length == 1 && system[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true } ? "System." : "global::System.";
    }

    private static bool IsOnly(ImmutableArray<ISymbol> symbols, INamedTypeSymbol? type) =>
        type is not null && symbols.Length == 1 && SymbolEqualityComparer.Default.Equals(symbols[0], type);

    /// <summary>
    /// Adds <c>using System;</c> among the file's top-level usings (System ones first, then ordinal), once however many
    /// keys Fix All replaces. A file with no top-level using gets qualified names instead.
    /// </summary>
    private static bool TryAddUsingSystem(DocumentEditor editor)
    {
        if (editor.OriginalRoot is not CompilationUnitSyntax { Usings.Count: > 0 } original)
        {
            return false;
        }

        var changed = (CompilationUnitSyntax)editor.GetChangedRoot();
        if (changed.Usings.Any(IsUsingSystem))
        {
            return true;
        }

        var usingSystem = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName("System"))
            .WithTrailingTrivia(original.Usings[0].GetTrailingTrivia());
        var plain = original.Usings.Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None)).ToList();
        var after = plain.FirstOrDefault(u => SortKey(u.Name?.ToString() ?? string.Empty).CompareTo(SortKey("System")) > 0);
        if (after is not null)
        {
            // Inserted before the first using, the new one takes over the file header (Roslyn moves leading trivia).
            editor.InsertBefore(after, usingSystem);
        }
        else
        {
            editor.InsertAfter(original.Usings.Last(), usingSystem);
        }

        return true;
    }

    private static bool IsUsingSystem(UsingDirectiveSyntax directive) =>
        directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == "System";

    private static (int, string) SortKey(string name) =>
        (name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal) ? 0 : 1, name);

    /// <summary>The replacement, parenthesized unless it stands where a <c>??</c> expression needs no parentheses.</summary>
    private static ExpressionSyntax ReadFromEnvironment(string variable, string credential, string qualifier, ExpressionSyntax original)
    {
        var message = $"Set the {variable} environment variable to your {credential}.";
        var replacement = SyntaxFactory.ParseExpression(
            $"{qualifier}Environment.GetEnvironmentVariable({Literal(variable)}) ?? throw new {qualifier}InvalidOperationException({Literal(message)})");
        if (NeedsParentheses(original))
        {
            replacement = SyntaxFactory.ParenthesizedExpression(replacement);
        }

        return replacement.WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static string Literal(string value) => SyntaxFactory.Literal(value).Text;

    private static bool NeedsParentheses(ExpressionSyntax original) => original.Parent switch
    {
        ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax
            or ParenthesizedExpressionSyntax or InitializerExpressionSyntax or AnonymousObjectMemberDeclaratorSyntax
            or ExpressionStatementSyntax or YieldStatementSyntax => false,
        AssignmentExpressionSyntax assignment => assignment.Right != original,
        ConditionalExpressionSyntax conditional => conditional.Condition == original,
        BinaryExpressionSyntax binary => !(binary.IsKind(SyntaxKind.CoalesceExpression) && binary.Right == original),
        _ => true,
    };

    private static bool IsInConstantContext(SyntaxNode node)
    {
        foreach (var ancestor in node.AncestorsAndSelf())
        {
            switch (ancestor)
            {
                case AttributeArgumentSyntax:
                case CaseSwitchLabelSyntax:
                case PatternSyntax:
                case EqualsValueClauseSyntax { Parent: ParameterSyntax }:
                    return true;
                case StatementSyntax:
                case MemberDeclarationSyntax:
                case AnonymousFunctionExpressionSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The <c>const</c> local or field declaration whose initializer holds <paramref name="expression"/>, or null.</summary>
    private static SyntaxNode? ConstDeclarationOf(ExpressionSyntax expression)
    {
        var declarator = expression.FirstAncestorOrSelf<EqualsValueClauseSyntax>()?.Parent as VariableDeclaratorSyntax;
        return declarator?.Parent?.Parent switch
        {
            LocalDeclarationStatementSyntax local when local.IsConst => local,
            FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword) => field,
            _ => null,
        };
    }

    /// <summary>A const declaration can become non-const when it declares one name that no constant context in the document uses.</summary>
    private static bool CanDropConst(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var variables = declaration is LocalDeclarationStatementSyntax local ? local.Declaration.Variables : ((FieldDeclarationSyntax)declaration).Declaration.Variables;
        if (variables.Count != 1 || model.GetDeclaredSymbol(variables[0], cancellationToken) is not { } symbol)
        {
            return false;
        }

        var root = declaration.SyntaxTree.GetRoot(cancellationToken);
        foreach (var identifier in root.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == symbol.Name
                && (IsInConstantContext(identifier) || ConstDeclarationOf(identifier) is not null)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
            {
                return false;
            }
        }

        return true;
    }

    private static SyntaxNode DropConst(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case LocalDeclarationStatementSyntax local when local.IsConst:
                var constKeyword = local.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                var withoutConst = local.WithModifiers(local.Modifiers.Remove(constKeyword));
                return withoutConst.Modifiers.Count == 0
                    ? withoutConst.WithLeadingTrivia(constKeyword.LeadingTrivia)
                    : withoutConst;
            case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword):
                var index = field.Modifiers.IndexOf(SyntaxKind.ConstKeyword);
                var old = field.Modifiers[index];
                var modifiers = field.Modifiers.RemoveAt(index).InsertRange(index, new[]
                {
                    SyntaxFactory.Token(old.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                    SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, old.TrailingTrivia),
                });
                return field.WithModifiers(modifiers);
            default:
                return declaration;
        }
    }
}
