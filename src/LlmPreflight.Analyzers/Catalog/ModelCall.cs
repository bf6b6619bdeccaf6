using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers.Catalog;

/// <summary>What the analyzers know about one model-call method, derived from its catalog line and its signature.</summary>
internal sealed class ModelCall
{
    public ModelCall(IMethodSymbol method, SdkInfo? sdk, ModelCallKind kind, IParameterSymbol? cancellationToken, IParameterSymbol? requestOptions, bool isAsync, bool isStreaming, IParameterSymbol? optionsParameter = null, OptionsEntry? options = null, ITypeSymbol? resultType = null, ResultEntry? result = null)
    {
        OptionsParameter = optionsParameter;
        Options = options;
        ResultType = resultType;
        Result = result;
        Method = method;
        Sdk = sdk;
        Kind = kind;
        CancellationTokenParameter = cancellationToken;
        RequestOptionsParameter = requestOptions;
        IsAsync = isAsync;
        IsStreaming = isStreaming;
    }

    /// <summary>The method as declared (the definition, not a constructed or reduced form).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>Null for a user's own wrapper declared in <c>llm_preflight.model_methods</c>.</summary>
    public SdkInfo? Sdk { get; }
    public ModelCallKind Kind { get; }

    /// <summary>The <see cref="System.Threading.CancellationToken"/> parameter, if the overload has one.</summary>
    public IParameterSymbol? CancellationTokenParameter { get; }

    /// <summary>A protocol method's <c>RequestOptions</c>/<c>RequestContext</c> parameter, which carries the token.</summary>
    public IParameterSymbol? RequestOptionsParameter { get; }

    /// <summary>Returns a task or an async stream: the caller is not blocked.</summary>
    public bool IsAsync { get; }
    public bool IsStreaming { get; }

    /// <summary>The parameter that takes the request options (<c>ChatCompletionOptions</c>, <c>ChatOptions</c>, ...), if any.</summary>
    public IParameterSymbol? OptionsParameter { get; }

    /// <summary>The catalog's line for that options type: where its output-token bound lives.</summary>
    public OptionsEntry? Options { get; }

    /// <summary>What the call produces once awaited and unwrapped from <c>ClientResult&lt;T&gt;</c>/<c>Response&lt;T&gt;</c>; for streams, the update type.</summary>
    public ITypeSymbol? ResultType { get; }

    /// <summary>The catalog's line for the result type: its usage, finish-reason and text members.</summary>
    public ResultEntry? Result { get; }

    public string SdkName => Sdk?.DisplayName ?? "a configured model method";
}
