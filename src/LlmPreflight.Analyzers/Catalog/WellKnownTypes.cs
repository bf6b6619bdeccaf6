using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers.Catalog;

/// <summary>Framework and SDK types the rules compare against, resolved once per compilation.</summary>
internal sealed class WellKnownTypes
{
    public WellKnownTypes(Compilation compilation)
    {
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        ClientModelRequestOptions = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.RequestOptions");
        AzureRequestContext = compilation.GetTypeByMetadataName("Azure.RequestContext");
    }

    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? CancellationTokenSource { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? AsyncEnumerableOfT { get; }
    public INamedTypeSymbol? ClientModelRequestOptions { get; }
    public INamedTypeSymbol? AzureRequestContext { get; }

    public bool IsCancellationToken(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type, CancellationToken);

    public bool IsRequestOptions(ITypeSymbol? type) =>
        type is not null && (SymbolEqualityComparer.Default.Equals(type, ClientModelRequestOptions) || SymbolEqualityComparer.Default.Equals(type, AzureRequestContext));

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, Task)
            || SymbolEqualityComparer.Default.Equals(definition, TaskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTask)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT);
    }

    public bool IsAsyncEnumerable(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || AsyncEnumerableOfT is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, AsyncEnumerableOfT))
        {
            return true;
        }

        foreach (var implemented in named.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, AsyncEnumerableOfT))
            {
                return true;
            }
        }

        return false;
    }
}
