using Microsoft.Extensions.Configuration;

namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>
/// A real <see cref="IConfigurationRoot"/> whose values can be replaced as a whole (keys removed too) and reloaded.
/// <see cref="Change"/> calls <see cref="IConfigurationRoot.Reload"/>, which fires the reload token synchronously,
/// so whoever watches it has finished reacting when <see cref="Change"/> returns: no waiting, no sleeps.
/// </summary>
public sealed class ReloadableConfiguration
{
    private readonly Source _source = new();

    public ReloadableConfiguration(params (string Key, string? Value)[] values)
    {
        _source.Provider.Next = values;
        Root = new ConfigurationBuilder().Add(_source).Build();
    }

    public IConfigurationRoot Root { get; }

    public IConfigurationSection Section => Root.GetSection("LlmPreflight");

    /// <summary>Replaces every value with <paramref name="values"/> and reloads.</summary>
    public void Change(params (string Key, string? Value)[] values)
    {
        _source.Provider.Next = values;
        Root.Reload();
    }

    private sealed class Source : IConfigurationSource
    {
        public Provider Provider { get; } = new();

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class Provider : ConfigurationProvider
    {
        public (string Key, string? Value)[] Next { get; set; } = [];

        // A key given twice takes its last value, so a test can override a shared default by appending.
        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach ((string key, string? value) in Next)
            {
                data[key] = value;
            }

            Data = data;
        }
    }
}
