using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>Loops around an operation, and the limiters that throttle what runs in them.</summary>
internal static class Loops
{
    /// <summary>
    /// The innermost loop of the operation's own function that evaluates it on every iteration (its body, condition
    /// or increment; not a foreach collection or a for initializer, which run once), or null.
    /// </summary>
    public static ILoopOperation? PerIteration(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            switch (parent)
            {
                case IForEachLoopOperation forEach when current == forEach.Collection:
                case IForLoopOperation forLoop when forLoop.Before.Contains(current):
                    continue;
                case ILoopOperation loop:
                    return loop;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="scope"/> waits on a limiter: <c>SemaphoreSlim.Wait(Async)</c>, a
    /// <c>System.Threading.RateLimiting</c> limiter's <c>AcquireAsync</c>/<c>AttemptAcquire</c>, or a call whose
    /// receiver or name says it throttles (<c>_rateLimiter.WaitAsync()</c>, <c>throttle.EnterAsync()</c>).
    /// With <paramref name="countDelays"/>, a fixed pause (<c>Task.Delay</c>, <c>Thread.Sleep</c>) counts too.
    /// </summary>
    public static bool HasLimiter(IOperation scope, bool countDelays) =>
        scope.DescendantsAndSelf().OfType<IInvocationOperation>().Any(i => IsLimiter(i, countDelays));

    private static bool IsLimiter(IInvocationOperation invocation, bool countDelays)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.Name == "SemaphoreSlim" && method.Name is "Wait" or "WaitAsync")
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "RateLimiter" or "PartitionedRateLimiter" && current.ContainingNamespace?.ToDisplayString() == "System.Threading.RateLimiting")
            {
                return method.Name is "AcquireAsync" or "AttemptAcquire";
            }
        }

        if (countDelays && (method.Name == "Delay" && type.Name == "Task" || method.Name == "Sleep" && type.Name == "Thread"))
        {
            return true;
        }

        var receiverName = invocation.Instance switch
        {
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => string.Empty,
        };
        return SaysThrottle(method.Name) || SaysThrottle(type.Name) || SaysThrottle(receiverName);
    }

    private static bool SaysThrottle(string name) =>
        name.IndexOf("RateLimit", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("Throttl", StringComparison.OrdinalIgnoreCase) >= 0
        || name.IndexOf("Semaphore", StringComparison.OrdinalIgnoreCase) >= 0;
}
