using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Analyzers;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Infrastructure;
using LlmPreflight.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// LLM0005: switches a synchronous model call to its async twin and awaits it (<c>foreach</c> over a sync stream
/// becomes <c>await foreach</c> over the async one), or replaces <c>.Result</c>, <c>.Wait()</c> and
/// <c>.GetAwaiter().GetResult()</c> with <c>await</c>. Offered where <c>await</c> is legal: an async function,
/// top-level statements, or a synchronous <c>static void/int Main</c>, which becomes <c>static async Task(&lt;int&gt;) Main</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LLM0005_UseAsyncModelCallFix)), Shared]
public sealed class LLM0005_UseAsyncModelCallFix : LlmCodeFixProvider
{
    private enum Host
    {
        None,
        AsyncFunction,
        TopLevelStatements,
        SynchronousMain,
    }

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.BlockingModelCallInAsyncCode);

    protected override string Title => "Use the async model call and await it";

    protected override string EquivalenceKey => RuleIdentifiers.BlockingModelCallInAsyncCode + ".UseAsyncModelCall";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        var invocation = FindInvocation(node, diagnostic);
        if (invocation is null || FindHost(invocation, out _) == Host.None || IsInConditionalAccessChain(invocation))
        {
            return false;
        }

        if (IsSyncForm(diagnostic))
        {
            return CanSwitchToAsync(invocation, model, cancellationToken);
        }

        return FindBlockingExpression(invocation, diagnostic) is not null;
    }

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var invocation = FindInvocation(node, diagnostic)!;
        if (!IsSyncForm(diagnostic))
        {
            var blocking = FindBlockingExpression(invocation, diagnostic)!;
            var depth = BlockingDepth(diagnostic);
            var parenthesize = NeedsParentheses(blocking);
            editor.ReplaceNode(blocking, (current, _) => Await(Peel(current, depth), current, parenthesize));
        }
        else if (IsAsyncStreamForeach(invocation, editor.SemanticModel, cancellationToken))
        {
            editor.ReplaceNode(invocation.Parent!, (current, _) =>
            {
                var loop = (CommonForEachStatementSyntax)current;
                return loop
                    .WithAwaitKeyword(SyntaxFactory.Token(loop.ForEachKeyword.LeadingTrivia, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
                    .WithForEachKeyword(loop.ForEachKeyword.WithLeadingTrivia())
                    .WithExpression(RenameToAsync((InvocationExpressionSyntax)loop.Expression));
            });
        }
        else
        {
            var parenthesize = NeedsParentheses(invocation);
            editor.ReplaceNode(invocation, (current, _) => Await(RenameToAsync((InvocationExpressionSyntax)current), current, parenthesize));
        }

        // Last, so that the edits inside the method are tracked first; idempotent across Fix All.
        if (FindHost(invocation, out var method) == Host.SynchronousMain)
        {
            var taskName = TaskTypeName(method!, editor.SemanticModel, cancellationToken);
            editor.ReplaceNode(method!, (current, _) => MakeAsyncMain((MethodDeclarationSyntax)current, taskName));
            if (taskName == "Task" && !IsTaskInScope(method!, editor.SemanticModel, cancellationToken))
            {
                editor.ReplaceNode(editor.OriginalRoot, (current, _) => AddTasksUsing((CompilationUnitSyntax)current));
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsSyncForm(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(LLM0005_BlockingModelCallInAsyncCode.FormProperty, out var form) && form == LLM0005_BlockingModelCallInAsyncCode.FormSync;

    private static InvocationExpressionSyntax? FindInvocation(SyntaxNode node, Diagnostic diagnostic) =>
        node.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == diagnostic.Location.SourceSpan);

    /// <summary>
    /// <c>a?.Call()</c> or <c>a?.B.Call().Result</c>: the call runs only when <c>a</c> is not null, and awaiting the
    /// null task the chain yields otherwise would throw, so the fix leaves such chains alone.
    /// </summary>
    private static bool IsInConditionalAccessChain(ExpressionSyntax expression)
    {
        for (SyntaxNode current = expression; current.Parent is ExpressionSyntax parent; current = parent)
        {
            if (parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == current)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the call sits decides whether <c>await</c> may be written there.</summary>
    private static Host FindHost(SyntaxNode node, out MethodDeclarationSyntax? synchronousMain)
    {
        synchronousMain = null;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax @lock when @lock.Statement.Span.Contains(node.Span):
                case QueryBodySyntax:
                    return Host.None;
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) ? Host.AsyncFunction : Host.None;
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword) ? Host.AsyncFunction : Host.None;
                case MethodDeclarationSyntax method when method.Modifiers.Any(SyntaxKind.AsyncKeyword):
                    return Host.AsyncFunction;
                case MethodDeclarationSyntax method when IsConvertibleMain(method):
                    synchronousMain = method;
                    return Host.SynchronousMain;
                case GlobalStatementSyntax:
                    return Host.TopLevelStatements;
                case MemberDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return Host.None;
            }
        }

        return Host.None;
    }

    private static bool IsConvertibleMain(MethodDeclarationSyntax method) =>
        method.Identifier.ValueText == "Main"
        && method.Modifiers.Any(SyntaxKind.StaticKeyword)
        && method.TypeParameterList is null
        && method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword or (int)SyntaxKind.IntKeyword }
        && ((CSharpParseOptions)method.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp7_1;

    private static MethodDeclarationSyntax MakeAsyncMain(MethodDeclarationSyntax method, string taskName)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return method;
        }

        var returnsInt = ((PredefinedTypeSyntax)method.ReturnType).Keyword.IsKind(SyntaxKind.IntKeyword);
        var task = SyntaxFactory.ParseTypeName(returnsInt ? taskName + "<int>" : taskName).WithTriviaFrom(method.ReturnType);
        return method
            .WithModifiers(method.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space)))
            .WithReturnType(task);
    }

    /// <summary>"Task" when that name means (or, once imported, will mean) System.Threading.Tasks.Task at Main; else the full name.</summary>
    private static string TaskTypeName(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        var visible = model.LookupNamespacesAndTypes(method.SpanStart, name: "Task");
        return visible.IsEmpty || IsTaskInScope(method, model, cancellationToken) ? "Task" : "System.Threading.Tasks.Task";
    }

    private static bool IsTaskInScope(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var task = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        return model.LookupNamespacesAndTypes(method.SpanStart, name: "Task").Any(s => SymbolEqualityComparer.Default.Equals(s, task));
    }

    /// <summary>Adds <c>using System.Threading.Tasks;</c> among the file's usings (System namespaces first, then by name).</summary>
    private static CompilationUnitSyntax AddTasksUsing(CompilationUnitSyntax root)
    {
        const string tasks = "System.Threading.Tasks";
        if (root.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == tasks))
        {
            return root;
        }

        var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!newLine.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            newLine = SyntaxFactory.CarriageReturnLineFeed;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(tasks))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(root.Usings.Count == 0 ? SyntaxFactory.TriviaList(newLine, newLine) : SyntaxFactory.TriviaList(newLine));
        var index = 0;
        while (index < root.Usings.Count && SortsBefore(root.Usings[index], tasks))
        {
            index++;
        }

        if (index == 0 && root.Usings.Count > 0)
        {
            // Take over the first using's leading trivia (a file header, say), so the new line goes below it.
            var first = root.Usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            root = root.ReplaceNode(first, first.WithLeadingTrivia());
        }

        return root.WithUsings(root.Usings.Insert(index, directive));
    }

    private static bool SortsBefore(UsingDirectiveSyntax existing, string name)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
        {
            return false;
        }

        var text = existing.Name.ToString();
        var isSystem = text == "System" || text.StartsWith("System.", System.StringComparison.Ordinal);
        return isSystem && string.CompareOrdinal(text, name) < 0;
    }

    /// <summary>The async twin binds here with the same parameter types, and its result can be awaited or <c>await foreach</c>ed.</summary>
    private static bool CanSwitchToAsync(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol original
            || invocation.Expression is not (MemberAccessExpressionSyntax or SimpleNameSyntax))
        {
            return false;
        }

        var renamed = RenameToAsync(invocation);
        var bound = model.GetSpeculativeSymbolInfo(invocation.SpanStart, renamed, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        if (bound is null || bound.Name != original.Name + AsyncCounterpart.Suffix || !AsyncCounterpart.HasSameSignature(original, bound))
        {
            return false;
        }

        var types = new WellKnownTypes(model.Compilation);
        if (types.IsTaskLike(bound.ReturnType))
        {
            return true;
        }

        return types.IsAsyncEnumerable(bound.ReturnType)
            && IsForeachCollection(invocation)
            && ((CSharpParseOptions)invocation.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp8;
    }

    private static bool IsForeachCollection(InvocationExpressionSyntax invocation) =>
        invocation.Parent is CommonForEachStatementSyntax loop && loop.Expression == invocation && !loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);

    private static bool IsAsyncStreamForeach(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!IsForeachCollection(invocation))
        {
            return false;
        }

        var bound = model.GetSpeculativeSymbolInfo(invocation.SpanStart, RenameToAsync(invocation), SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        return bound is not null && !new WellKnownTypes(model.Compilation).IsTaskLike(bound.ReturnType);
    }

    private static InvocationExpressionSyntax RenameToAsync(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => invocation.WithExpression(access.WithName(RenameToAsync(access.Name))),
        SimpleNameSyntax name => invocation.WithExpression(RenameToAsync(name)),
        _ => invocation,
    };

    private static SimpleNameSyntax RenameToAsync(SimpleNameSyntax name) =>
        name.WithIdentifier(SyntaxFactory.Identifier(name.Identifier.LeadingTrivia, name.Identifier.ValueText + AsyncCounterpart.Suffix, name.Identifier.TrailingTrivia));

    /// <summary>How many member-access-plus-call layers the blocking form wraps around the task.</summary>
    private static int BlockingDepth(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(LLM0005_BlockingModelCallInAsyncCode.FormProperty, out var form) && form == LLM0005_BlockingModelCallInAsyncCode.FormGetResult ? 2 : 1;

    /// <summary>
    /// The whole blocking expression around the call (<c>call.Result</c>, <c>call.Wait()</c>,
    /// <c>call.ConfigureAwait(false).GetAwaiter().GetResult()</c>), or null when its shape is not one the fix rewrites.
    /// </summary>
    private static ExpressionSyntax? FindBlockingExpression(InvocationExpressionSyntax invocation, Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(LLM0005_BlockingModelCallInAsyncCode.FormProperty, out var form);
        ExpressionSyntax task = invocation;
        if (MemberCall(task, "ConfigureAwait", anyArguments: true) is { } configured)
        {
            task = configured;
        }

        switch (form)
        {
            case LLM0005_BlockingModelCallInAsyncCode.FormResult:
                return task.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result && result.Expression == task ? result : null;
            case LLM0005_BlockingModelCallInAsyncCode.FormWait:
                return MemberCall(task, "Wait", anyArguments: false);
            case LLM0005_BlockingModelCallInAsyncCode.FormGetResult:
                return MemberCall(task, "GetAwaiter", anyArguments: false) is { } awaiter ? MemberCall(awaiter, "GetResult", anyArguments: false) : null;
            default:
                return null;
        }
    }

    /// <summary><c>receiver.name(...)</c> when <paramref name="receiver"/> is the receiver of such a call.</summary>
    private static InvocationExpressionSyntax? MemberCall(ExpressionSyntax receiver, string name, bool anyArguments) =>
        receiver.Parent is MemberAccessExpressionSyntax access
        && access.Expression == receiver
        && access.Name.Identifier.ValueText == name
        && access.Parent is InvocationExpressionSyntax call
        && (anyArguments || call.ArgumentList.Arguments.Count == 0)
            ? call
            : null;

    /// <summary>Strips <paramref name="depth"/> blocking layers (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>) off the task.</summary>
    private static ExpressionSyntax Peel(SyntaxNode blocking, int depth)
    {
        var expression = (ExpressionSyntax)blocking;
        for (var i = 0; i < depth; i++)
        {
            if (expression is InvocationExpressionSyntax call)
            {
                expression = call.Expression;
            }

            expression = ((MemberAccessExpressionSyntax)expression).Expression;
        }

        return expression;
    }

    private static ExpressionSyntax Await(ExpressionSyntax task, SyntaxNode replaced, bool parenthesize)
    {
        var awaited = SyntaxFactory.AwaitExpression(
            SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
            task.WithoutTrivia());
        ExpressionSyntax result = parenthesize ? SyntaxFactory.ParenthesizedExpression(awaited) : awaited;
        return result.WithLeadingTrivia(replaced.GetLeadingTrivia()).WithTrailingTrivia(replaced.GetTrailingTrivia());
    }

    /// <summary>An <c>await</c> that ends up as the receiver of a member access, call or index needs parentheses.</summary>
    private static bool NeedsParentheses(ExpressionSyntax replaced) => replaced.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == replaced,
        ConditionalAccessExpressionSyntax conditional => conditional.Expression == replaced,
        ElementAccessExpressionSyntax element => element.Expression == replaced,
        InvocationExpressionSyntax call => call.Expression == replaced,
        PostfixUnaryExpressionSyntax => true,
        _ => false,
    };
}
