using System;
using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0006: model calls fanned out with no limit — in a <c>Parallel.For/ForEach(Async)</c> body, or as tasks
/// collected in a loop or a <c>Select</c> and awaited with <c>Task.WhenAll</c>/<c>WhenAny</c> — with no
/// SemaphoreSlim, rate limiter, MaxDegreeOfParallelism or rate-limiting guard.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0006_UnthrottledParallelModelCalls : ModelCallAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0006_UnthrottledParallelModelCalls);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var (invocation, call) = (context.Invocation, context.Call);
        var root = CallResult.Root(invocation);
        var fanOut = FindParallelBody(invocation) ?? FindTaskFanOut(invocation, context.ContainingSymbol, call.IsAsync, root);
        if (fanOut is null
            || Loops.HasLimiter(root, countDelays: false)
            || GuardedScope.Of(invocation, context.Llm, context.Configuration).Covers(GuardConcerns.RateLimit))
        {
            return;
        }

        context.ReportOnCall(Descriptors.LLM0006_UnthrottledParallelModelCalls, fanOut);
    }

    /// <summary>"in a Parallel.ForEach body" when the call runs in the body of an unbounded Parallel loop.</summary>
    private static string? FindParallelBody(IOperation call)
    {
        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation lambda || DelegateTarget(lambda) is not { } target)
            {
                continue;
            }

            if (target.TargetMethod.ContainingType?.Name == "Parallel"
                && target.TargetMethod.ContainingType.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
                && target.TargetMethod.Name is "For" or "ForEach" or "ForAsync" or "ForEachAsync")
            {
                return BoundsParallelism(target) ? null : $"in a 'Parallel.{target.TargetMethod.Name}' body";
            }
        }

        return null;
    }

    /// <summary>A ParallelOptions argument that sets MaxDegreeOfParallelism (or that comes from elsewhere, unknown: trusted).</summary>
    private static bool BoundsParallelism(IInvocationOperation parallel)
    {
        var options = parallel.Arguments.FirstOrDefault(a => a.Parameter?.Type.Name == "ParallelOptions");
        if (options is null || options.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return false;
        }

        var value = Skip(options.Value);
        if (value is ILocalReferenceOperation local)
        {
            value = CallResult.Root(parallel).Descendants().OfType<IVariableDeclaratorOperation>()
                .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local))?.Initializer?.Value is { } initializer
                ? Skip(initializer)
                : null;
            if (value is null || SetsMaxDegree(CallResult.Root(parallel)))
            {
                return true;
            }
        }

        return value is not IObjectCreationOperation creation || SetsMaxDegree(creation);
    }

    private static bool SetsMaxDegree(IOperation scope) =>
        scope.Descendants().OfType<ISimpleAssignmentOperation>().Any(a =>
            a.Target is IPropertyReferenceOperation { Property.Name: "MaxDegreeOfParallelism" }
            && a.Value.ConstantValue is not { HasValue: true, Value: -1 });

    /// <summary>
    /// "as tasks collected in a loop and awaited with Task.WhenAll" / "as tasks from a Select ..." when the call's task
    /// (or the async lambda or Task.Run around it) is gathered that way.
    /// </summary>
    private static string? FindTaskFanOut(IInvocationOperation invocation, ISymbol containingSymbol, bool isAsync, IOperation root)
    {
        IOperation? task = null;
        var function = EnclosingFunction.Of(invocation, containingSymbol);
        if (function.Operation is IAnonymousFunctionOperation lambda && DelegateTarget(lambda) is { } target)
        {
            if (target.TargetMethod.Name == "Select")
            {
                return SelectReachesWhenAll(target, root) ? "as tasks from a 'Select' awaited together with 'Task.WhenAll'/'WhenAny'" : null;
            }

            if (target.TargetMethod.ContainingType?.Name is "Task" or "TaskFactory" && target.TargetMethod.Name is "Run" or "StartNew")
            {
                task = target;
            }
        }

        if (task is null)
        {
            var value = CallResult.Outermost(invocation, out var awaited);
            if (!isAsync || awaited)
            {
                return null;
            }

            task = value;
        }

        return Loops.PerIteration(task) is { } loop && CollectedFor(task, loop, root)
            ? "as tasks collected in a loop and awaited together with 'Task.WhenAll'/'WhenAny'"
            : null;
    }

    /// <summary>
    /// The task goes into a collection (<c>tasks.Add(task)</c>, directly or through a local, or <c>tasks[i] = task</c>)
    /// that reaches Task.WhenAll/WhenAny.
    /// </summary>
    private static bool CollectedFor(IOperation task, ILoopOperation loop, IOperation root)
    {
        if (task.Parent is ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } assignment
            && assignment.Value == task
            && Symbol(Skip(element.ArrayReference)) is { } array)
        {
            return ReachesWhenAll(array, root);
        }

        var adds = loop.Body.DescendantsAndSelf().OfType<IInvocationOperation>()
            .Where(i => i.TargetMethod.Name is "Add" or "Enqueue" or "Push" && i.Instance is not null);
        var local = CallResult.StoredInLocal(task);
        foreach (var add in adds)
        {
            var argument = add.Arguments.FirstOrDefault();
            if (argument is null)
            {
                continue;
            }

            var added = Skip(argument.Value);
            var isOurs = added == Skip(task) || Skip(task).Parent == argument || local is not null && added is ILocalReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Local, local);
            if (isOurs && Symbol(Skip(add.Instance!)) is { } collection && ReachesWhenAll(collection, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Select's result, possibly through ToList/ToArray and a local, is an argument of Task.WhenAll/WhenAny, and its source is not already batched.</summary>
    private static bool SelectReachesWhenAll(IInvocationOperation select, IOperation root)
    {
        var source = select.Instance ?? select.Arguments.FirstOrDefault()?.Value;
        if (source is not null && IsBatched(source, root))
        {
            return false;
        }

        IOperation current = select;
        while (true)
        {
            var parent = current.Parent;
            if (parent is IConversionOperation or IParenthesizedOperation
                || parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable" } }
                || parent is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable" } instance && instance.Instance == current)
            {
                current = parent is IArgumentOperation ? parent.Parent! : parent;
                continue;
            }

            if (parent is IArgumentOperation { Parent: IInvocationOperation whenAll } && IsWhenAll(whenAll))
            {
                return true;
            }

            return CallResult.StoredInLocal(current) is { } local && ReachesWhenAll(local, root);
        }
    }

    /// <summary>Fan-out over a batch (<c>.Chunk(n)</c>, <c>.Take(n)</c>, or a foreach variable over chunks) is bounded by the batch size.</summary>
    private static bool IsBatched(IOperation source, IOperation root)
    {
        if (SaysBatch(source.Syntax.ToString()))
        {
            return true;
        }

        return Skip(source) is ILocalReferenceOperation local
            && root.Descendants().OfType<IForEachLoopOperation>().Any(l => l.Locals.Contains(local.Local, SymbolEqualityComparer.Default) && SaysBatch(l.Collection.Syntax.ToString()));
    }

    private static bool SaysBatch(string text) =>
        text.IndexOf(".Chunk(", StringComparison.Ordinal) >= 0
        || text.IndexOf(".Take(", StringComparison.Ordinal) >= 0
        || text.IndexOf("Batch", StringComparison.Ordinal) >= 0;

    private static bool ReachesWhenAll(ISymbol collection, IOperation root) =>
        root.Descendants().OfType<IInvocationOperation>().Where(IsWhenAll).Any(w =>
            w.Arguments.Any(a => a.Value.DescendantsAndSelf().Any(o => SymbolEqualityComparer.Default.Equals(Symbol(o), collection))));

    private static bool IsWhenAll(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "WhenAll" or "WhenAny" or "WhenEach" or "WaitAll" or "WaitAny"
        && invocation.TargetMethod.ContainingType?.Name == "Task";

    private static IInvocationOperation? DelegateTarget(IAnonymousFunctionOperation lambda)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation } ? invocation : null;
    }

    private static ISymbol? Symbol(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static IOperation Skip(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
