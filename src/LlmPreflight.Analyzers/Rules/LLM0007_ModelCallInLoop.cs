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
            || HasCacheCheck(loop)
            || ReadsConsoleInput(loop))
        {
            return;
        }

        context.ReportOnCall(Descriptors.LLM0007_ModelCallInLoop, Describe(loop));
    }

    /// <summary>
    /// A loop that exists to repeat a failed call (LLM0003's subject): not a foreach over items, and the call sits
    /// in a try, inside the loop, that catches.
    /// </summary>
    private static bool IsRetryLoop(ILoopOperation loop, IOperation call)
    {
        if (loop is IForEachLoopOperation)
        {
            return false;
        }

        for (var current = call; current.Parent is { } parent && current != loop; current = parent)
        {
            if (parent is ITryOperation { Catches.Length: > 0 } tryOperation && current == tryOperation.Body)
            {
                return true;
            }
        }

        return false;
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

    /// <summary>An interactive loop paced by the user (<c>Console.ReadLine()</c> each round) makes one call per input, not a burst.</summary>
    private static bool ReadsConsoleInput(ILoopOperation loop) =>
        loop.Descendants().OfType<IInvocationOperation>().Any(i =>
            i.TargetMethod.ContainingType?.Name is "Console" or "AnsiConsole"
            && i.TargetMethod.Name.StartsWith("Read", StringComparison.Ordinal) || i.TargetMethod.Name is "Ask" or "Prompt" && i.TargetMethod.ContainingType?.Name == "AnsiConsole"
            || i.TargetMethod.Name == "ReadLineAsync" && i.Instance is IPropertyReferenceOperation { Property.Name: "In", Property.ContainingType.Name: "Console" });

    private static string Describe(ILoopOperation loop) => loop switch
    {
        IForEachLoopOperation { IsAsynchronous: true } => "an 'await foreach' loop",
        IForEachLoopOperation => "a 'foreach' loop",
        IForLoopOperation => "a 'for' loop",
        IWhileLoopOperation { ConditionIsTop: false } => "a 'do' loop",
        _ => "a 'while' loop",
    };
}
