using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>Recognises arguments that carry no cancellation: omitted, <c>default</c>, <c>CancellationToken.None</c>, <c>new CancellationToken()</c>.</summary>
internal static class CancellationTokenArguments
{
    public static IArgumentOperation? FindArgument(IInvocationOperation invocation, IParameterSymbol parameter)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } p && p.Ordinal == parameter.Ordinal && p.Name == parameter.Name)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>True when the value can never be cancelled.</summary>
    public static bool IsNoneToken(IOperation value, WellKnownTypes types)
    {
        value = SkipConversions(value);
        switch (value)
        {
            case IDefaultValueOperation:
                return true;
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                return true;
            case IPropertyReferenceOperation { Property: { Name: "None", IsStatic: true } property }:
                return types.IsCancellationToken(property.ContainingType);
            case IObjectCreationOperation creation when types.IsCancellationToken(creation.Type):
                return creation.Arguments.Length == 0
                    || creation.Arguments.All(a => a.Value.ConstantValue is { HasValue: true, Value: false });
            default:
                return false;
        }
    }

    /// <summary>
    /// True when a protocol method's RequestOptions/RequestContext argument carries no token: omitted, null,
    /// or created here without setting <c>CancellationToken</c>.
    /// </summary>
    public static bool IsRequestOptionsWithoutToken(IArgumentOperation? argument)
    {
        if (argument is null || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return true;
        }

        var value = SkipConversions(argument.Value);
        switch (value)
        {
            case IDefaultValueOperation:
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                return true;
            case IObjectCreationOperation creation:
                var setsToken = creation.Initializer?.Initializers
                    .OfType<ISimpleAssignmentOperation>()
                    .Any(a => a.Target is IPropertyReferenceOperation { Property.Name: "CancellationToken" }) == true;
                var passesToken = creation.Arguments.Any(a => a.Parameter?.Type.Name == "CancellationToken" && a.ArgumentKind != ArgumentKind.DefaultValue);
                return !setsToken && !passesToken;
            default:
                return false;
        }
    }

    public static IOperation SkipConversions(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }
}
