using System;
using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0007: a model call awaited (or made synchronously) in every iteration of a loop, with no rate limiter, cache
/// or guard. Not: tasks the loop collects for Task.WhenAll (LLM0006), retry loops (LLM0003), loops paced by
/// console input.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0007_ModelCallInLoop : ModelCallAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0007_ModelCallInLoop);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var (invocation, call) = (context.Invocation, context.Call);
        var loop = Loops.PerIteration(invocation);
        if (loop is null)
        {
            return;
        }

        CallResult.Outermost(invocation, out var awaited);
        if (call.IsAsync && !call.IsStreaming && !awaited)
        {
            // The task is kept, not waited for here: collected for Task.WhenAll (LLM0006) or awaited later.
            return;
        }

        if (GuardedScope.Of(invocation, context.Llm, context.Configuration).Covers(GuardConcerns.RateLimit)
            || Loops.HasLimiter(loop, countDelays: true)
            || IsRetryLoop(loop, invocation)
            || IsDrivenByTheResult(loop, invocation)
            || HasCacheCheck(loop)
            || IsPacedByInput(loop))
        {
            return;
        }

        context.ReportOnCall(Descriptors.LLM0007_ModelCallInLoop, Describe(loop));
    }

    /// <summary>
    /// A loop that exists to repeat a failed call (LLM0003's subject) or to fall back along a list of models or
    /// endpoints: the call sits in a try, inside the loop, that catches; and either the loop is not a foreach over
    /// items, or the try leaves the loop on success (<c>return</c>, <c>break</c>).
    /// </summary>
    private static bool IsRetryLoop(ILoopOperation loop, IOperation call)
    {
        for (var current = call; current.Parent is { } parent && current != loop; current = parent)
        {
            if (parent is ITryOperation { Catches.Length: > 0 } tryOperation && current == tryOperation.Body)
            {
                return loop is not IForEachLoopOperation || LeavesLoop(tryOperation.Body, loop);
            }
        }

        return false;
    }

    private static bool LeavesLoop(IOperation body, ILoopOperation loop) =>
        body.Descendants().Any(o => o is IReturnOperation { Kind: OperationKind.Return }
            || o is IBranchOperation { BranchKind: BranchKind.Break } branch && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel));

    /// <summary>
    /// A conversation loop (tool calls, continuation): a while/do loop that goes round again depending on the
    /// call's own answer — its condition, or a condition that leaves the loop, reads the local the result is kept in.
    /// Each round exists because the model asked for it, not because of the size of some input.
    /// </summary>
    private static bool IsDrivenByTheResult(ILoopOperation loop, IOperation call)
    {
        if (loop is not IWhileLoopOperation whileLoop
            || CallResult.StoredInLocal(CallResult.Outermost(call, out _)) is not { } result)
        {
            return false;
        }

        bool ReadsResult(IOperation? condition) =>
            condition is not null && condition.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, result));

        return ReadsResult(whileLoop.Condition)
            || loop.Body.Descendants().OfType<IConditionalOperation>().Any(c => ReadsResult(c.Condition) && LeavesLoop(c, loop));
    }

    /// <summary>
    /// A cached path: a condition in the loop that looks a key up (<c>TryGetValue</c>, <c>TryGet...</c>,
    /// <c>ContainsKey</c>) or mentions a cache (<c>if (cached is null)</c> after <c>_cache.GetStringAsync(key)</c>).
    /// Calls inside <c>GetOrCreateAsync</c>-style factories are in a lambda and never reach here.
    /// </summary>
    private static bool HasCacheCheck(ILoopOperation loop) =>
        loop.Descendants().OfType<IConditionalOperation>().Any(c => LooksLikeCacheLookup(c.Condition));

    private static bool LooksLikeCacheLookup(IOperation condition)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when invocation.TargetMethod.Name.StartsWith("TryGet", StringComparison.Ordinal)
                    || invocation.TargetMethod.Name == "ContainsKey":
                    return true;
                case ILocalReferenceOperation local when MentionsCache(local.Local.Name)
                    || local.Local.DeclaringSyntaxReferences.Any(r => MentionsCache(r.GetSyntax().ToString())):
                    return true;
                case IFieldReferenceOperation field when MentionsCache(field.Field.Name) || MentionsCache(field.Field.Type.Name):
                    return true;
                case IPropertyReferenceOperation property when MentionsCache(property.Property.Name) || MentionsCache(property.Property.Type.Name):
                    return true;
            }
        }

        return false;
    }

    private static bool MentionsCache(string text) => text.IndexOf("cache", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>
    /// A loop paced by its input rather than by a collection: an interactive loop that reads the console each round
    /// (<c>Console.ReadLine()</c>, Spectre.Console's <c>AnsiConsole.Ask/Prompt</c>), or a worker that waits for the
    /// next message (a <c>ChannelReader</c>, a queue or socket <c>Receive...Async</c>). One call per input is the point.
    /// </summary>
    private static bool IsPacedByInput(ILoopOperation loop) =>
        loop.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i =>
            IsInputRead(i.TargetMethod) || i.Instance is IPropertyReferenceOperation { Property.Name: "In", Property.ContainingType.Name: "Console" });

    private static bool IsInputRead(IMethodSymbol method)
    {
        var typeName = method.ContainingType?.Name;
        if (typeName is "Console" or "AnsiConsole")
        {
            return method.Name.StartsWith("Read", StringComparison.Ordinal) || method.Name is "Ask" or "Prompt" or "Confirm";
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name == "ChannelReader")
            {
                return true;
            }
        }

        return method.Name.StartsWith("Receive", StringComparison.Ordinal) && method.Name.EndsWith("Async", StringComparison.Ordinal);
    }

    private static string Describe(ILoopOperation loop) => loop switch
    {
        IForEachLoopOperation { IsAsynchronous: true } => "an 'await foreach' loop",
        IForEachLoopOperation => "a 'foreach' loop",
        IForLoopOperation => "a 'for' loop",
        IWhileLoopOperation { ConditionIsTop: false } => "a 'do' loop",
        _ => "a 'while' loop",
    };
}
