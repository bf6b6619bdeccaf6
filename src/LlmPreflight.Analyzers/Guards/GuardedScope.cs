using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers;

/// <summary>
/// Whether an operation runs inside a delegate handed to a guard (the LlmPreflight runtime guard, a Polly
/// pipeline or policy, or a method listed in <c>llm_preflight.guard_methods</c>), and what those guards cover.
/// Nested guards add up.
/// </summary>
internal readonly struct GuardedScope
{
    private GuardedScope(GuardConcerns concerns, IMethodSymbol? innermostDelegate)
    {
        Concerns = concerns;
        InnermostGuardedDelegate = innermostDelegate;
    }

    public GuardConcerns Concerns { get; }

    /// <summary>The lambda, anonymous method or local function the innermost guard runs.</summary>
    public IMethodSymbol? InnermostGuardedDelegate { get; }

    public bool IsGuarded => Concerns != GuardConcerns.None;

    public bool Covers(GuardConcerns concern) => (Concerns & concern) == concern;

    public static GuardedScope Of(IOperation operation, LlmCompilationContext llm, ResolvedConfiguration configuration)
    {
        var concerns = GuardConcerns.None;
        IMethodSymbol? innermost = null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            var found = current switch
            {
                IAnonymousFunctionOperation lambda => (GuardConcernsOfDelegate(lambda, llm, configuration), lambda.Symbol),
                ILocalFunctionOperation local => (GuardConcernsOfLocalFunction(local, llm, configuration), local.Symbol),
                _ => (GuardConcerns.None, null),
            };

            if (found.Item1 != GuardConcerns.None)
            {
                concerns |= found.Item1;
                innermost ??= found.Item2;
            }
        }

        return new GuardedScope(concerns, innermost);
    }

    /// <summary>What the guard receiving <paramref name="delegateOperation"/> as an argument covers.</summary>
    private static GuardConcerns GuardConcernsOfDelegate(IOperation delegateOperation, LlmCompilationContext llm, ResolvedConfiguration configuration)
    {
        var current = delegateOperation.Parent;

        // Also through an array of delegates (LlmGuard.RunTieredAsync(new[] { ct => ..., ct => ... }, ...)).
        while (current is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation or IArrayInitializerOperation or IArrayCreationOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation { Parent: IInvocationOperation invocation }
            ? llm.GetGuardConcerns(invocation.TargetMethod, configuration)
            : GuardConcerns.None;
    }

    /// <summary>A local function is guarded when the member passes it, as a method group, to a guard.</summary>
    private static GuardConcerns GuardConcernsOfLocalFunction(ILocalFunctionOperation local, LlmCompilationContext llm, ResolvedConfiguration configuration)
    {
        var root = local.Parent;
        while (root?.Parent is not null)
        {
            root = root.Parent;
        }

        if (root is null)
        {
            return GuardConcerns.None;
        }

        var concerns = GuardConcerns.None;
        foreach (var reference in root.Descendants().OfType<IMethodReferenceOperation>())
        {
            if (SymbolEqualityComparer.Default.Equals(reference.Method, local.Symbol))
            {
                concerns |= GuardConcernsOfDelegate(reference, llm, configuration);
            }
        }

        return concerns;
    }
}
