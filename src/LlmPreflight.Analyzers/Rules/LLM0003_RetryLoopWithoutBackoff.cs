using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0003: a model call retried by a hand-written loop — <c>for</c>/<c>while</c>/<c>do</c> whose body tries the call,
/// leaves the loop on success, and on failure catches and goes round again — with no delay or a delay that never
/// grows. Loops whose delay grows (multiplied, shifted, computed from the attempt number or anything the loop
/// changes) or that read Retry-After are fine; so are <c>foreach</c> loops, which move on to the next item rather
/// than retry the same one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0003_RetryLoopWithoutBackoff : ModelCallAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0003_RetryLoopWithoutBackoff);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var invocation = context.Invocation;
        var (tryOperation, loop) = FindRetryingTry(invocation);
        if (tryOperation is null || loop is null || GuardedScope.Of(invocation, context.Llm, context.Configuration).Covers(GuardConcerns.Retry))
        {
            return;
        }

        if (ReadsRetryAfter(loop))
        {
            return;
        }

        var delays = loop.Body.Descendants().OfType<IInvocationOperation>().Where(IsDelay).ToList();
        if (delays.Count > 0 && delays.Any(d => Grows(d, loop)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LLM0003_RetryLoopWithoutBackoff,
            ModelCallLocation.Of(invocation.Syntax),
            $"{context.Call.Method.ContainingType.Name}.{context.Call.Method.Name}",
            delays.Count == 0 ? "no delay between attempts" : "the same delay before every attempt"));
    }

    /// <summary>The try around the call, and the loop it retries in: the try must leave the loop on success and a catch must let it go round.</summary>
    private static (ITryOperation? Try, ILoopOperation? Loop) FindRetryingTry(IOperation call)
    {
        ITryOperation? innermostTry = null;
        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return (null, null);
                case ITryOperation @try when innermostTry is null && IsInside(call, @try.Body):
                    innermostTry = @try;
                    break;
                case ILoopOperation loop when innermostTry is not null:
                    return loop.LoopKind is LoopKind.For or LoopKind.While
                        && LeavesOnSuccess(innermostTry.Body, loop)
                        && innermostTry.Catches.Any(CatchGoesRoundAgain)
                        ? (innermostTry, loop)
                        : (null, null);
            }
        }

        return (null, null);
    }

    private static bool IsInside(IOperation operation, IOperation container) =>
        container.Syntax.Span.Contains(operation.Syntax.Span);

    /// <summary>A <c>return</c> or a <c>break</c> of this loop in the try body: success ends the retrying.</summary>
    private static bool LeavesOnSuccess(IBlockOperation tryBody, ILoopOperation loop) =>
        tryBody.Descendants().OfType<IBranchOperation>().Any(b => b.BranchKind == BranchKind.Break && SymbolEqualityComparer.Default.Equals(b.Target, loop.ExitLabel))
        || tryBody.Descendants().OfType<IReturnOperation>().Any();

    /// <summary>A catch that does not always leave: its last statement is not a throw, return or break.</summary>
    private static bool CatchGoesRoundAgain(ICatchClauseOperation clause)
    {
        var last = clause.Handler.Operations.LastOrDefault();
        return last is null
            || last is not (IThrowOperation or IReturnOperation or IBranchOperation { BranchKind: BranchKind.Break })
            && !(last is IExpressionStatementOperation { Operation: IThrowOperation });
    }

    private static bool IsDelay(IInvocationOperation invocation) =>
        invocation.TargetMethod is { Name: "Delay", ContainingType.Name: "Task" } or { Name: "Sleep", ContainingType.Name: "Thread" };

    /// <summary>A delay grows when its argument is not constant and depends on something the loop changes.</summary>
    private static bool Grows(IInvocationOperation delay, ILoopOperation loop)
    {
        var argument = delay.Arguments.FirstOrDefault()?.Value;
        if (argument is null || IsConstantDelay(argument))
        {
            return false;
        }

        var changed = loop.Descendants()
            .Select(o => o switch
            {
                IIncrementOrDecrementOperation { Target: ILocalReferenceOperation l } => l.Local,
                IAssignmentOperation { Target: ILocalReferenceOperation l } => l.Local,
                IVariableDeclaratorOperation d => d.Symbol,
                _ => (ILocalSymbol?)null,
            })
            .Where(l => l is not null)
            .ToImmutableHashSet(SymbolEqualityComparer.Default);
        if (loop is IForLoopOperation forLoop)
        {
            changed = changed.Union(forLoop.Locals);
        }

        return argument.DescendantsAndSelf().Any(o =>
            o is ILocalReferenceOperation local && changed.Contains(local.Local)
            || o is IInvocationOperation { TargetMethod.Name: "Pow" or "NextDouble" or "Next" });
    }

    private static bool IsConstantDelay(IOperation argument)
    {
        var value = CancellationTokenArguments.SkipConversions(argument);
        if (value.ConstantValue.HasValue)
        {
            return true;
        }

        // TimeSpan.FromSeconds(2), new TimeSpan(0, 0, 2), a static readonly field: the same pause every time.
        return value switch
        {
            IInvocationOperation { TargetMethod.ContainingType.Name: "TimeSpan" } from => from.Arguments.All(a => IsConstantDelay(a.Value)),
            IObjectCreationOperation { Type.Name: "TimeSpan" } created => created.Arguments.All(a => IsConstantDelay(a.Value)),
            IFieldReferenceOperation { Field: { IsReadOnly: true } or { IsConst: true } } => true,
            _ => false,
        };
    }

    private static bool ReadsRetryAfter(ILoopOperation loop) =>
        loop.Body.Descendants().Any(o =>
            o is IPropertyReferenceOperation { Property.Name: "RetryAfter" }
            || o is ILiteralOperation { ConstantValue.Value: string text } && text.IndexOf("retry-after", System.StringComparison.OrdinalIgnoreCase) >= 0);
}
