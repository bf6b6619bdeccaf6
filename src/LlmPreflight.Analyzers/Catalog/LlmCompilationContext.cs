using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using LlmPreflight.Analyzers.Configuration;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Catalog;

/// <summary>
/// The SDK catalog bound to one compilation: which SDKs it references, their model-call and guard methods as
/// symbols, and the user's options. Shared by every LlmPreflight analyzer and built at most once per compilation.
/// </summary>
internal sealed class LlmCompilationContext
{
    private static readonly ConditionalWeakTable<Compilation, LlmCompilationContext> s_contexts = new();
    private static readonly ImmutableHashSet<string> s_sdkAssemblyNames =
        CatalogData.Instance.Sdks.SelectMany(s => s.AssemblyNames).ToImmutableHashSet(StringComparer.Ordinal);

    private readonly Dictionary<IMethodSymbol, CallEntry> _catalogCalls;
    private readonly ImmutableArray<IMethodSymbol> _catalogInterfaceCalls;
    private readonly Dictionary<IMethodSymbol, GuardConcerns> _catalogGuards;
    private readonly Dictionary<ITypeSymbol, OptionsEntry> _optionsTypes;
    private readonly Dictionary<ITypeSymbol, ResultEntry> _resultTypes;
    private readonly Dictionary<ITypeSymbol, ClientEntry> _clientTypes;
    private readonly Dictionary<IMethodSymbol, ClientFactoryEntry> _clientFactories;
    private readonly ConcurrentDictionary<IMethodSymbol, ModelCall?> _modelCallCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(string?, string?), ResolvedConfiguration> _configurations = new();
    private readonly Lazy<SdkOutcomes> _outcomes;

    private LlmCompilationContext(Compilation compilation, ImmutableArray<SdkInfo> referencedSdks)
    {
        Compilation = compilation;
        ReferencedSdks = referencedSdks;
        Types = new WellKnownTypes(compilation);
        _outcomes = new Lazy<SdkOutcomes>(() => new SdkOutcomes(compilation, referencedSdks));

        _catalogCalls = new Dictionary<IMethodSymbol, CallEntry>(SymbolEqualityComparer.Default);
        foreach (var entry in CatalogData.Instance.Calls)
        {
            if (!referencedSdks.Contains(entry.Sdk))
            {
                continue;
            }

            foreach (var method in entry.Pattern.ResolveMethods(compilation))
            {
                if (!_catalogCalls.ContainsKey(method))
                {
                    _catalogCalls.Add(method, entry);
                }
            }
        }

        _catalogInterfaceCalls = _catalogCalls.Keys.Where(m => m.ContainingType.TypeKind == TypeKind.Interface).ToImmutableArray();
        _catalogGuards = ResolveGuards(compilation, CatalogData.Instance.Guards.Select(g => (g.Pattern, g.Concerns)));
        _optionsTypes = ResolveTypes(compilation, CatalogData.Instance.Options.Where(o => referencedSdks.Contains(o.Sdk)), o => o.TypeName);
        _resultTypes = ResolveTypes(compilation, CatalogData.Instance.Results.Where(r => referencedSdks.Contains(r.Sdk)), r => r.TypeName);
        _clientTypes = ResolveTypes(compilation, CatalogData.Instance.Clients.Where(c => referencedSdks.Contains(c.Sdk)), c => c.TypeName);
        _clientFactories = new Dictionary<IMethodSymbol, ClientFactoryEntry>(SymbolEqualityComparer.Default);
        foreach (var factory in CatalogData.Instance.ClientFactories.Where(f => referencedSdks.Contains(f.Sdk)))
        {
            foreach (var method in factory.Pattern.ResolveMethods(compilation))
            {
                _clientFactories[method] = factory;
            }
        }
    }

    /// <summary>The catalog's line for a client type users construct (exactly that type, not a subclass), or null.</summary>
    public ClientEntry? GetClient(ITypeSymbol? type) =>
        type is not null && _clientTypes.TryGetValue(type.OriginalDefinition, out var entry) ? entry : null;

    /// <summary>True when some catalog client type is <paramref name="type"/> or one of its bases.</summary>
    public bool IsClientType(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (_clientTypes.ContainsKey(current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The catalog's line for a method that builds a client for the caller, or null.</summary>
    public ClientFactoryEntry? GetClientFactory(IMethodSymbol method) =>
        _clientFactories.Count > 0 && _clientFactories.TryGetValue((method.ReducedFrom ?? method).OriginalDefinition, out var entry) ? entry : null;

    private static Dictionary<ITypeSymbol, T> ResolveTypes<T>(Compilation compilation, IEnumerable<T> entries, Func<T, string> typeName)
    {
        var result = new Dictionary<ITypeSymbol, T>(SymbolEqualityComparer.Default);
        foreach (var entry in entries)
        {
            foreach (var type in SymbolPattern.ResolveTypes(compilation, typeName(entry)))
            {
                result[type] = entry;
            }
        }

        return result;
    }

    /// <summary>The catalog's line for a result or stream-update type, or null.</summary>
    public ResultEntry? GetResultEntry(ITypeSymbol? type) =>
        type is not null && _resultTypes.TryGetValue(type.OriginalDefinition, out var entry) ? entry : null;

    /// <summary>Unwraps <c>Task&lt;T&gt;</c>, <c>ClientResult&lt;T&gt;</c>, <c>Response&lt;T&gt;</c> and async/sync streams down to what the caller works with.</summary>
    private ITypeSymbol? UnwrapResult(ITypeSymbol type)
    {
        for (var depth = 0; depth < 4 && type is INamedTypeSymbol { IsGenericType: true } named; depth++)
        {
            var name = named.OriginalDefinition.ToDisplayString();
            if (Types.IsTaskLike(named) || name is "System.ClientModel.ClientResult<T>" or "Azure.Response<T>" or "System.Collections.Generic.IAsyncEnumerable<T>"
                || name.StartsWith("System.ClientModel.", StringComparison.Ordinal) || Types.IsAsyncEnumerable(named))
            {
                type = named.TypeArguments[0];
                continue;
            }

            break;
        }

        return type is INamedTypeSymbol { Name: "Task" or "ValueTask" } ? null : type;
    }

    public Compilation Compilation { get; }

    /// <summary>The catalog SDKs this compilation references; empty when only configured model methods apply.</summary>
    public ImmutableArray<SdkInfo> ReferencedSdks { get; }
    public WellKnownTypes Types { get; }

    /// <summary>The SDKs' failure types and usage-carrying results, bound on first use.</summary>
    public SdkOutcomes Outcomes => _outcomes.Value;

    /// <summary>
    /// The shared context, or null when the compilation references no catalog SDK and configures no model
    /// methods: the analyzers then register nothing, so projects without an LLM SDK pay (almost) nothing.
    /// </summary>
    public static LlmCompilationContext? TryGet(Compilation compilation, AnalyzerOptions options)
    {
        if (s_contexts.TryGetValue(compilation, out var existing))
        {
            return existing;
        }

        var referenced = FindReferencedSdks(compilation);
        if (referenced.IsEmpty && !ConfiguresModelMethods(compilation, options))
        {
            return null;
        }

        return s_contexts.GetValue(compilation, c => new LlmCompilationContext(c, referenced));
    }

    private static ImmutableArray<SdkInfo> FindReferencedSdks(Compilation compilation)
    {
        HashSet<string>? present = null;
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (s_sdkAssemblyNames.Contains(assembly.Name))
            {
                (present ??= new HashSet<string>(StringComparer.Ordinal)).Add(assembly.Name);
            }
        }

        if (present is null)
        {
            return ImmutableArray<SdkInfo>.Empty;
        }

        return CatalogData.Instance.Sdks.Where(s => s.AssemblyNames.Any(present.Contains)).ToImmutableArray();
    }

    private static bool ConfiguresModelMethods(Compilation compilation, AnalyzerOptions options)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        if (provider.GlobalOptions.TryGetValue(UserConfiguration.ModelMethodsOption, out var global) && !string.IsNullOrWhiteSpace(global))
        {
            return true;
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (provider.GetOptions(tree).TryGetValue(UserConfiguration.ModelMethodsOption, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The user's options for <paramref name="tree"/>, parsed and bound once per distinct value.</summary>
    public ResolvedConfiguration GetConfiguration(AnalyzerOptions options, SyntaxTree tree)
    {
        var raw = UserConfiguration.ReadRaw(options.AnalyzerConfigOptionsProvider.GetOptions(tree));
        if (raw.GuardMethods is null && raw.ModelMethods is null)
        {
            return ResolvedConfiguration.Empty;
        }

        return _configurations.GetOrAdd(raw, key => ResolvedConfiguration.Create(this, UserConfiguration.Parse(key.Item1, key.Item2)));
    }

    /// <summary>
    /// The model call <paramref name="invocation"/> makes, or null when it is none, or is only recorded by a
    /// mocking library (an expression tree, an NSubstitute setup) and so never reaches a model.
    /// </summary>
    public ModelCall? GetModelCall(IInvocationOperation invocation, ResolvedConfiguration configuration)
    {
        var call = GetModelCall(invocation.TargetMethod, configuration);
        return call is null || RecordedCall.IsRecordedNotMade(invocation) ? null : call;
    }

    /// <summary>The model call <paramref name="method"/> makes, or null when it is not a model call.</summary>
    public ModelCall? GetModelCall(IMethodSymbol method, ResolvedConfiguration configuration)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (configuration.ModelMethods.Count > 0 && configuration.ModelMethods.TryGetValue(definition, out var kind))
        {
            return Describe(definition, sdk: null, kind);
        }

        if (_catalogCalls.Count == 0 || !CatalogData.Instance.CallMethodNames.Contains(definition.Name))
        {
            return null;
        }

        return _modelCallCache.GetOrAdd(definition, FindCatalogCall);
    }

    private ModelCall? FindCatalogCall(IMethodSymbol definition)
    {
        // Calls through a derived type or an interface implementation count as the catalog method.
        for (var current = definition; current is not null; current = current.OverriddenMethod?.OriginalDefinition)
        {
            if (_catalogCalls.TryGetValue(current, out var entry))
            {
                return Describe(definition, entry.Sdk, entry.Kind);
            }
        }

        if (definition.ContainingType.TypeKind is TypeKind.Class or TypeKind.Struct)
        {
            foreach (var interfaceMethod in _catalogInterfaceCalls)
            {
                if (interfaceMethod.Name == definition.Name && Implements(definition, interfaceMethod))
                {
                    var entry = _catalogCalls[interfaceMethod];
                    return Describe(definition, entry.Sdk, entry.Kind);
                }
            }
        }

        return null;
    }

    private static bool Implements(IMethodSymbol method, IMethodSymbol interfaceMethodDefinition)
    {
        var type = method.ContainingType;
        foreach (var implemented in type.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceMethodDefinition.ContainingType))
            {
                continue;
            }

            foreach (var member in implemented.GetMembers(interfaceMethodDefinition.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, interfaceMethodDefinition)
                    && type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private ModelCall Describe(IMethodSymbol method, SdkInfo? sdk, ModelCallKind kind)
    {
        IParameterSymbol? token = null;
        IParameterSymbol? requestOptions = null;
        foreach (var parameter in method.Parameters)
        {
            if (Types.IsCancellationToken(parameter.Type))
            {
                token = parameter;
            }
            else if (Types.IsRequestOptions(parameter.Type))
            {
                requestOptions = parameter;
            }
        }

        var returnType = method.ReturnType;
        var isAsyncStream = Types.IsAsyncEnumerable(returnType);
        var isAsync = Types.IsTaskLike(returnType) || isAsyncStream;
        var isStreaming = isAsyncStream || method.Name.IndexOf("Stream", StringComparison.Ordinal) >= 0;
        IParameterSymbol? optionsParameter = null;
        OptionsEntry? options = null;
        foreach (var parameter in method.Parameters)
        {
            if (_optionsTypes.TryGetValue(parameter.Type.OriginalDefinition, out var entry))
            {
                (optionsParameter, options) = (parameter, entry);
                break;
            }
        }

        var resultType = UnwrapResult(returnType);
        return new ModelCall(method, sdk, kind, token, requestOptions, isAsync, isStreaming, optionsParameter, options, resultType, GetResultEntry(resultType));
    }

    /// <summary>The concerns <paramref name="method"/> takes care of when it runs a delegate, or None when it is no guard.</summary>
    public GuardConcerns GetGuardConcerns(IMethodSymbol method, ResolvedConfiguration configuration)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var concerns = GuardConcerns.None;
        if (_catalogGuards.TryGetValue(definition, out var builtIn))
        {
            concerns |= builtIn;
        }

        if (configuration.Guards.Count > 0 && configuration.Guards.TryGetValue(definition, out var configured))
        {
            concerns |= configured;
        }

        return concerns;
    }

    internal static Dictionary<IMethodSymbol, GuardConcerns> ResolveGuards(Compilation compilation, IEnumerable<(SymbolPattern Pattern, GuardConcerns Concerns)> guards)
    {
        var result = new Dictionary<IMethodSymbol, GuardConcerns>(SymbolEqualityComparer.Default);
        foreach (var (pattern, concerns) in guards)
        {
            foreach (var method in pattern.ResolveMethods(compilation))
            {
                result[method] = result.TryGetValue(method, out var existing) ? existing | concerns : concerns;
            }
        }

        return result;
    }
}

/// <summary>The user's options bound to the symbols of one compilation.</summary>
internal sealed class ResolvedConfiguration
{
    public static readonly ResolvedConfiguration Empty = new(
        UserConfiguration.Empty,
        new Dictionary<IMethodSymbol, GuardConcerns>(SymbolEqualityComparer.Default),
        new Dictionary<IMethodSymbol, ModelCallKind>(SymbolEqualityComparer.Default));

    private ResolvedConfiguration(UserConfiguration source, Dictionary<IMethodSymbol, GuardConcerns> guards, Dictionary<IMethodSymbol, ModelCallKind> modelMethods)
    {
        Source = source;
        Guards = guards;
        ModelMethods = modelMethods;
    }

    public UserConfiguration Source { get; }
    public IReadOnlyDictionary<IMethodSymbol, GuardConcerns> Guards { get; }
    public IReadOnlyDictionary<IMethodSymbol, ModelCallKind> ModelMethods { get; }

    public static ResolvedConfiguration Create(LlmCompilationContext context, UserConfiguration source)
    {
        var guards = LlmCompilationContext.ResolveGuards(context.Compilation, source.Guards.Select(g => (g.Pattern, g.Concerns)));
        var models = new Dictionary<IMethodSymbol, ModelCallKind>(SymbolEqualityComparer.Default);
        foreach (var model in source.ModelMethods)
        {
            foreach (var method in model.Pattern.ResolveMethods(context.Compilation))
            {
                models[method] = model.Kind;
            }
        }

        return new ResolvedConfiguration(source, guards, models);
    }
}
