using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Infrastructure;

/// <summary>The innermost method, local function, lambda or anonymous method whose body holds an operation.</summary>
internal readonly struct EnclosingFunction
{
    private EnclosingFunction(IMethodSymbol? symbol, IOperation? operation)
    {
        Symbol = symbol;
        Operation = operation;
    }

    /// <summary>The function's symbol; for top-level statements, the synthesized entry point.</summary>
    public IMethodSymbol? Symbol { get; }

    /// <summary>The lambda or local function operation; null when the enclosing function is the member itself.</summary>
    public IOperation? Operation { get; }

    public bool IsAsync => Symbol?.IsAsync == true;

    public bool IsLambdaOrLocalFunction => Operation is not null;

    public static EnclosingFunction Of(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return new EnclosingFunction(lambda.Symbol, lambda);
                case ILocalFunctionOperation local:
                    return new EnclosingFunction(local.Symbol, local);
            }
        }

        return new EnclosingFunction(containingSymbol as IMethodSymbol, null);
    }
}
