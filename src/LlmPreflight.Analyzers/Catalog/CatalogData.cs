using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;

namespace LlmPreflight.Analyzers.Catalog;

/// <summary>
/// The SDK catalog as parsed from the embedded <c>SdkCatalog.tsv</c>: plain data, no symbols.
/// Parsed once per process; symbols are bound per compilation by <see cref="LlmCompilationContext"/>.
/// </summary>
internal sealed class CatalogData
{
    private static readonly Lazy<CatalogData> s_instance = new(Load);

    public static CatalogData Instance => s_instance.Value;

    public ImmutableArray<SdkInfo> Sdks { get; }
    public ImmutableArray<CallEntry> Calls { get; }
    public ImmutableArray<OptionsEntry> Options { get; }
    public ImmutableArray<ResultEntry> Results { get; }
    public ImmutableArray<FailureEntry> Failures { get; }
    public ImmutableArray<CredentialSink> CredentialSinks { get; }
    public ImmutableArray<GuardEntry> Guards { get; }
    public ImmutableArray<ClientEntry> Clients { get; }
    public ImmutableArray<ClientFactoryEntry> ClientFactories { get; }

    /// <summary>Every method name a catalog call can have: a cheap first filter before any symbol comparison.</summary>
    public ImmutableHashSet<string> CallMethodNames { get; }

    private CatalogData(
        ImmutableArray<SdkInfo> sdks,
        ImmutableArray<CallEntry> calls,
        ImmutableArray<OptionsEntry> options,
        ImmutableArray<ResultEntry> results,
        ImmutableArray<FailureEntry> failures,
        ImmutableArray<CredentialSink> credentialSinks,
        ImmutableArray<GuardEntry> guards,
        ImmutableArray<ClientEntry> clients,
        ImmutableArray<ClientFactoryEntry> clientFactories)
    {
        Clients = clients;
        ClientFactories = clientFactories;
        Sdks = sdks;
        Calls = calls;
        Options = options;
        Results = results;
        Failures = failures;
        CredentialSinks = credentialSinks;
        Guards = guards;
        CallMethodNames = calls.Select(c => c.Pattern.MemberName).ToImmutableHashSet(StringComparer.Ordinal);
    }

    public SdkInfo GetSdk(string id) =>
        Sdks.FirstOrDefault(s => s.Id == id) ?? throw new InvalidOperationException($"The SDK catalog names an unknown SDK '{id}'.");

    private static CatalogData Load()
    {
        using var stream = typeof(CatalogData).Assembly.GetManifestResourceStream("LlmPreflight.SdkCatalog.tsv")
            ?? throw new InvalidOperationException("The embedded SDK catalog is missing from the analyzer assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static CatalogData Parse(string text)
    {
        var sdks = ImmutableArray.CreateBuilder<SdkInfo>();
        var calls = new List<(string Sdk, ModelCallKind Kind, string Id)>();
        var options = new List<(string Sdk, string Type, string Property)>();
        var results = new List<(string Sdk, string[] Fields)>();
        var failures = new List<(string Sdk, string Type)>();
        var credentials = new List<(string Sdk, string[] Fields)>();
        var guards = ImmutableArray.CreateBuilder<GuardEntry>();
        var clients = new List<(string Sdk, string Type, string Options)>();
        var clientFactories = new List<(string Sdk, string Id)>();

        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            string Field(int index) => index < fields.Length ? fields[index] : string.Empty;
            switch (fields[0])
            {
                case "sdk":
                    sdks.Add(new SdkInfo(
                        Field(1),
                        Field(2),
                        Field(3).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).ToImmutableArray(),
                        ParseRetry(Field(4), lineNumber),
                        Field(5)));
                    break;
                case "call":
                    calls.Add((Field(1), ModelCallKinds.Parse(Field(2)) ?? throw Bad(lineNumber, $"unknown call kind '{Field(2)}'"), Field(3)));
                    break;
                case "options":
                    options.Add((Field(1), Field(2), Field(3)));
                    break;
                case "result":
                    results.Add((Field(1), fields));
                    break;
                case "failure":
                    failures.Add((Field(1), Field(2)));
                    break;
                case "credential":
                    credentials.Add((Field(1), fields));
                    break;
                case "guard":
                    var concerns = GuardConcernsParser.Parse(Field(1), out var badConcern);
                    if (badConcern is not null || !SymbolPattern.TryParse(Field(2), out var guardPattern, out _))
                    {
                        throw Bad(lineNumber, "malformed guard line");
                    }

                    guards.Add(new GuardEntry(guardPattern!, concerns));
                    break;
                case "client":
                    clients.Add((Field(1), Field(2), Field(3)));
                    break;
                case "client-factory":
                    clientFactories.Add((Field(1), Field(2)));
                    break;
                default:
                    throw Bad(lineNumber, $"unknown record '{fields[0]}'");
            }
        }

        var sdkArray = sdks.ToImmutable();
        SdkInfo Sdk(string id, int line) => sdkArray.FirstOrDefault(s => s.Id == id) ?? throw Bad(line, $"unknown SDK '{id}'");

        return new CatalogData(
            sdkArray,
            calls.Select(c => new CallEntry(Sdk(c.Sdk, 0), c.Kind, SymbolPattern.TryParse(c.Id, out var p, out _) ? p! : throw Bad(0, $"malformed call ID '{c.Id}'"))).ToImmutableArray(),
            options.Select(o => new OptionsEntry(Sdk(o.Sdk, 0), o.Type, o.Property)).ToImmutableArray(),
            results.Select(r => new ResultEntry(Sdk(r.Sdk, 0), r.Fields[2], r.Fields[3], r.Fields[4], r.Fields[5])).ToImmutableArray(),
            failures.Select(f => new FailureEntry(Sdk(f.Sdk, 0), f.Type)).ToImmutableArray(),
            credentials.Select(c => new CredentialSink(Sdk(c.Sdk, 0), c.Fields[2], c.Fields[3], c.Fields.Length > 4 ? c.Fields[4] : string.Empty)).ToImmutableArray(),
            guards.ToImmutable(),
            clients.Select(c => new ClientEntry(Sdk(c.Sdk, 0), c.Type, c.Options)).ToImmutableArray(),
            clientFactories.Select(f => new ClientFactoryEntry(Sdk(f.Sdk, 0), SymbolPattern.TryParse(f.Id, out var p, out _) ? p! : throw Bad(0, $"malformed client-factory ID '{f.Id}'"))).ToImmutableArray());
    }

    private static RetryDefault ParseRetry(string value, int line) => value switch
    {
        "backoff" => RetryDefault.Backoff,
        "zero-delay" => RetryDefault.ZeroDelay,
        "none" => RetryDefault.None,
        "local" => RetryDefault.NotApplicable,
        _ => throw Bad(line, $"unknown retry default '{value}'"),
    };

    private static InvalidOperationException Bad(int line, string what) =>
        new($"SdkCatalog.tsv line {line}: {what}.");
}

/// <summary>What an SDK does about retries when the caller configures nothing.</summary>
internal enum RetryDefault
{
    /// <summary>Retries transient failures with a growing delay.</summary>
    Backoff,

    /// <summary>Retries, but with no delay between attempts (OpenAI 2.x's <c>ClientRetryPolicy.Default</c>).</summary>
    ZeroDelay,

    /// <summary>Does not retry at all.</summary>
    None,

    /// <summary>Local inference: there is no network call to retry.</summary>
    NotApplicable,
}

internal sealed record SdkInfo(string Id, string DisplayName, ImmutableArray<string> AssemblyNames, RetryDefault Retry, string ApiKeyEnvironmentVariable);

internal sealed record CallEntry(SdkInfo Sdk, ModelCallKind Kind, SymbolPattern Pattern);

internal sealed record OptionsEntry(SdkInfo Sdk, string TypeName, string OutputTokenProperty);

internal sealed record ResultEntry(SdkInfo Sdk, string TypeName, string UsageMember, string FinishReasonMember, string TextMember);

internal sealed record FailureEntry(SdkInfo Sdk, string ExceptionTypeName);

/// <summary>
/// A place where an API key goes: a parameter of a method or constructor, or a settable property.
/// <see cref="ContainingType"/> ending in <c>.*</c> covers every type in that namespace and below.
/// </summary>
internal sealed record CredentialSink(SdkInfo Sdk, string ContainingType, string Member, string ParameterName)
{
    public bool IsProperty => ParameterName.Length == 0;
}

/// <summary>A client type users construct; <see cref="OptionsTypeName"/> is empty when it has no retry options.</summary>
internal sealed record ClientEntry(SdkInfo Sdk, string TypeName, string OptionsTypeName);

/// <summary>A method that builds an SDK client for the caller (Semantic Kernel's <c>AddOpenAIChatCompletion</c>).</summary>
internal sealed record ClientFactoryEntry(SdkInfo Sdk, SymbolPattern Pattern);

internal sealed record GuardEntry(SymbolPattern Pattern, GuardConcerns Concerns);
