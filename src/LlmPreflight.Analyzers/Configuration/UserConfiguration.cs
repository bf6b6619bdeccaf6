using System;
using System.Collections.Immutable;
using LlmPreflight.Analyzers.Catalog;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Configuration;

/// <summary>A bad entry in an <c>llm_preflight.*</c> option, reported as LLM0000.</summary>
internal sealed record ConfigurationError(string OptionName, string Entry, string Reason);

internal sealed record ConfiguredGuard(SymbolPattern Pattern, GuardConcerns Concerns);

internal sealed record ConfiguredModelMethod(SymbolPattern Pattern, ModelCallKind Kind);

/// <summary>
/// The user's <c>.editorconfig</c> options, parsed but not bound to symbols. Entries are separated by '|'
/// (documentation-comment IDs contain commas, and .editorconfig starts a comment at ';' or '#', as in roslyn-analyzers' symbol-list options); each may end in <c>=value</c>:
/// concerns for a guard (<c>=timeout,retry</c>, default all), a call kind for a model method (<c>=chat</c>, default custom).
/// </summary>
internal sealed class UserConfiguration
{
    public const string GuardMethodsOption = "llm_preflight.guard_methods";
    public const string ModelMethodsOption = "llm_preflight.model_methods";

    public static readonly UserConfiguration Empty = new(ImmutableArray<ConfiguredGuard>.Empty, ImmutableArray<ConfiguredModelMethod>.Empty, ImmutableArray<ConfigurationError>.Empty);

    private UserConfiguration(ImmutableArray<ConfiguredGuard> guards, ImmutableArray<ConfiguredModelMethod> modelMethods, ImmutableArray<ConfigurationError> errors)
    {
        Guards = guards;
        ModelMethods = modelMethods;
        Errors = errors;
    }

    public ImmutableArray<ConfiguredGuard> Guards { get; }
    public ImmutableArray<ConfiguredModelMethod> ModelMethods { get; }
    public ImmutableArray<ConfigurationError> Errors { get; }

    public bool IsEmpty => Guards.IsEmpty && ModelMethods.IsEmpty;

    /// <summary>The raw option values for a file, which key the per-compilation cache of parsed configurations.</summary>
    public static (string? GuardMethods, string? ModelMethods) ReadRaw(AnalyzerConfigOptions options)
    {
        options.TryGetValue(GuardMethodsOption, out var guards);
        options.TryGetValue(ModelMethodsOption, out var models);
        return (Normalize(guards), Normalize(models));
    }

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    public static UserConfiguration Parse(string? guardMethods, string? modelMethods)
    {
        if (guardMethods is null && modelMethods is null)
        {
            return Empty;
        }

        var errors = ImmutableArray.CreateBuilder<ConfigurationError>();
        var guards = ImmutableArray.CreateBuilder<ConfiguredGuard>();
        foreach (var (pattern, value, entry) in SplitEntries(GuardMethodsOption, guardMethods, errors))
        {
            var concerns = GuardConcerns.All;
            if (value is not null)
            {
                concerns = GuardConcernsParser.Parse(value, out var unknown);
                if (unknown is not null || concerns == GuardConcerns.None)
                {
                    errors.Add(new ConfigurationError(GuardMethodsOption, entry, $"'{unknown ?? value}' is not a guard concern; use {GuardConcernsParser.Names}"));
                    continue;
                }
            }

            guards.Add(new ConfiguredGuard(pattern, concerns));
        }

        var models = ImmutableArray.CreateBuilder<ConfiguredModelMethod>();
        foreach (var (pattern, value, entry) in SplitEntries(ModelMethodsOption, modelMethods, errors))
        {
            var kind = ModelCallKind.Custom;
            if (value is not null)
            {
                if (ModelCallKinds.Parse(value.Trim().ToLowerInvariant()) is not ModelCallKind parsed)
                {
                    errors.Add(new ConfigurationError(ModelMethodsOption, entry, $"'{value}' is not a call kind; use {ModelCallKinds.Names}"));
                    continue;
                }

                kind = parsed;
            }

            models.Add(new ConfiguredModelMethod(pattern, kind));
        }

        return new UserConfiguration(guards.ToImmutable(), models.ToImmutable(), errors.ToImmutable());
    }

    private static ImmutableArray<(SymbolPattern Pattern, string? Value, string Entry)> SplitEntries(
        string optionName, string? raw, ImmutableArray<ConfigurationError>.Builder errors)
    {
        if (raw is null)
        {
            return ImmutableArray<(SymbolPattern, string?, string)>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<(SymbolPattern, string?, string)>();
        foreach (var part in raw.Split(new[] { '|' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = part.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var equals = entry.IndexOf('=');
            var id = equals >= 0 ? entry.Substring(0, equals).Trim() : entry;
            var value = equals >= 0 ? entry.Substring(equals + 1).Trim() : null;
            if (!SymbolPattern.TryParse(id, out var pattern, out var error))
            {
                errors.Add(new ConfigurationError(optionName, entry, error!));
                continue;
            }

            if (value is { Length: 0 })
            {
                errors.Add(new ConfigurationError(optionName, entry, "nothing follows '='"));
                continue;
            }

            result.Add((pattern!, value, entry));
        }

        return result.ToImmutable();
    }
}
