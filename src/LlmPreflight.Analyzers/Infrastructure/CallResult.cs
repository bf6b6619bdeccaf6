using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>Where the value a model call returns goes: awaited, discarded, passed on, or kept in a local.</summary>
internal static class CallResult
{
    /// <summary>
    /// The outermost operation that is still the call's result: past conversions, parentheses,
    /// <c>ConfigureAwait</c>, <c>await</c>, <c>.Result</c>, <c>.GetAwaiter().GetResult()</c> and <c>ClientResult&lt;T&gt;.Value</c>.
    /// <paramref name="awaited"/> says whether the task was awaited (or blocked on) on the way.
    /// </summary>
    public static IOperation Outermost(IOperation call, out bool awaited)
    {
        awaited = false;
        var current = call;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                    break;
                case IAwaitOperation:
                    awaited = true;
                    break;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" } invocation when invocation.Instance == current:
                    break;
                case IInvocationOperation { TargetMethod.Name: "GetResult" } invocation when invocation.Instance == current:
                    awaited = true;
                    break;
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == current && IsTask(result.Property.ContainingType):
                    awaited = true;
                    break;
                case IPropertyReferenceOperation { Property.Name: "Value" } value when value.Instance == current && value.Property.ContainingType.Name is "ClientResult" or "Response":
                    break;
                default:
                    return current;
            }

            current = parent;
        }

        return current;
    }

    /// <summary>True when the value is thrown away: an expression statement or <c>_ = ...</c>.</summary>
    public static bool IsDiscarded(IOperation value) =>
        value.Parent is IExpressionStatementOperation
        || value.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment && assignment.Value == value;

    /// <summary>
    /// True when the value leaves the member's hands: returned (or yielded), passed as an argument, stored in a
    /// field, property, element or collection, or kept in a local that is in turn passed on.
    /// </summary>
    public static bool IsPassedOn(IOperation value, IOperation root) => IsPassedOn(value, root, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));

    /// <summary>True when a reference to <paramref name="local"/> in <paramref name="root"/> is passed on.</summary>
    public static bool IsLocalPassedOn(ILocalSymbol local, IOperation root) => IsLocalPassedOn(local, root, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default));

    /// <summary>The local a value is stored in (<c>var x = value</c> or <c>x = value</c>), or null.</summary>
    public static ILocalSymbol? StoredInLocal(IOperation value) => value.Parent switch
    {
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value => target.Local,
        _ => null,
    };

    /// <summary>The member's whole operation tree.</summary>
    public static IOperation Root(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }

    private static bool IsPassedOn(IOperation value, IOperation root, HashSet<ILocalSymbol> visited)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation or IConditionalOperation or ICoalesceOperation)
        {
            value = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case IReturnOperation:
            case IArgumentOperation:
            case IArrayInitializerOperation:
            case ITupleOperation:
            case IAnonymousObjectCreationOperation:
                return true;
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                return assignment.Target is ILocalReferenceOperation local
                    ? IsLocalPassedOn(local.Local, root, visited)
                    : assignment.Target is not IDiscardOperation;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return IsLocalPassedOn(declarator.Symbol, root, visited);
            default:
                return parent?.Kind.ToString() == "CollectionExpression" || parent?.Kind.ToString() == "Spread";
        }
    }

    private static bool IsLocalPassedOn(ILocalSymbol local, IOperation root, HashSet<ILocalSymbol> visited) =>
        visited.Add(local)
        && root.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local) && !r.IsDeclaration && IsPassedOn(r, root, visited));

    private static bool IsTask(ITypeSymbol type) =>
        type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
}
