using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// Reads <see cref="LlmGuardOptions"/> from an <see cref="IConfiguration"/> section by hand rather than through the
    /// reflection binder, so every unparsable value and unknown key is reported with its full configuration path.
    /// </summary>
    internal static class ConfigurationReader
    {
        public const string SectionName = "LlmPreflight";
        public const string DefaultKey = "Default";
        public const string PoliciesKey = "Policies";

        private static readonly string[] NullWords = { "null", "off", "none" };

        /// <summary>Each policy key, how it is parsed and which property it sets; keys compare case-insensitively, as configuration does.</summary>
        private static readonly Dictionary<string, Func<string, LlmPolicyOptions, string?>> PolicyKeys =
            new Dictionary<string, Func<string, LlmPolicyOptions, string?>>(StringComparer.OrdinalIgnoreCase)
            {
                [nameof(LlmPolicyOptions.TotalTimeout)] = OptionalTime((p, v) => p.TotalTimeout = v),
                [nameof(LlmPolicyOptions.AttemptTimeout)] = OptionalTime((p, v) => p.AttemptTimeout = v),
                [nameof(LlmPolicyOptions.MaxRetries)] = Int((p, v) => p.MaxRetries = v),
                [nameof(LlmPolicyOptions.BaseDelay)] = Time((p, v) => p.BaseDelay = v),
                [nameof(LlmPolicyOptions.MaxDelay)] = Time((p, v) => p.MaxDelay = v),
                [nameof(LlmPolicyOptions.UseJitter)] = Bool((p, v) => p.UseJitter = v),
                [nameof(LlmPolicyOptions.MaxRetryAfter)] = Time((p, v) => p.MaxRetryAfter = v),
                [nameof(LlmPolicyOptions.StreamIdleTimeout)] = OptionalTime((p, v) => p.StreamIdleTimeout = v),
                [nameof(LlmPolicyOptions.RateLimitPermits)] = OptionalInt((p, v) => p.RateLimitPermits = v),
                [nameof(LlmPolicyOptions.RateLimitWindow)] = Time((p, v) => p.RateLimitWindow = v),
                [nameof(LlmPolicyOptions.RateLimitQueueLimit)] = Int((p, v) => p.RateLimitQueueLimit = v),
                [nameof(LlmPolicyOptions.TokensPerMinute)] = OptionalInt((p, v) => p.TokensPerMinute = v),
                [nameof(LlmPolicyOptions.TokensPerMinuteQueueLimit)] = Int((p, v) => p.TokensPerMinuteQueueLimit = v),
                [nameof(LlmPolicyOptions.CircuitBreakerFailureRatio)] = Optional<double>(TryDouble, "a number between 0 and 1 such as 0.5, or null to turn the circuit breaker off", (p, v) => p.CircuitBreakerFailureRatio = v),
                [nameof(LlmPolicyOptions.CircuitBreakerMinimumThroughput)] = Int((p, v) => p.CircuitBreakerMinimumThroughput = v),
                [nameof(LlmPolicyOptions.CircuitBreakerSamplingDuration)] = Time((p, v) => p.CircuitBreakerSamplingDuration = v),
                [nameof(LlmPolicyOptions.CircuitBreakerBreakDuration)] = Time((p, v) => p.CircuitBreakerBreakDuration = v),

                // Flat like every other key (not a "Validation" object), so a policy stays one object of settings.
                [nameof(LlmValidationOptions.MaxRepairAttempts)] = Int((p, v) => p.Validation.MaxRepairAttempts = v),
                [nameof(LlmPolicyOptions.CacheMode)] = Required<LlmCacheMode>(TryCacheMode, "OptIn, AllCalls or Off", (p, v) => p.CacheMode = v),
                [nameof(LlmPolicyOptions.CacheExpiration)] = Time((p, v) => p.CacheExpiration = v),
                [nameof(LlmPolicyOptions.CacheLocalExpiration)] = Optional<TimeSpan>(TryTime, TimeFormat + ", or null to keep entries as long as CacheExpiration", (p, v) => p.CacheLocalExpiration = v),
                [nameof(LlmPolicyOptions.CacheKeyPrefix)] = (raw, p) =>
                {
                    p.CacheKeyPrefix = raw;
                    return null;
                },
            };

        /// <summary>
        /// Applies the section to <paramref name="options"/>: <c>Default</c> onto the default policy, each child of
        /// <c>Policies</c> onto the named policy (added if code has not added it yet). Records where each setting
        /// came from in <paramref name="keyPaths"/>, keyed "policy/Setting", so validation problems can name the key.
        /// </summary>
        public static void Apply(IConfiguration configuration, LlmGuardOptions options, IDictionary<string, string> keyPaths)
        {
            IConfiguration section = Unwrap(configuration);
            string root = section is IConfigurationSection s ? s.Path : string.Empty;
            var problems = new List<string>();
            foreach (IConfigurationSection child in section.GetChildren())
            {
                if (string.Equals(child.Key, DefaultKey, StringComparison.OrdinalIgnoreCase))
                {
                    ReadPolicy(child, LlmGuard.DefaultPolicyName, options.DefaultPolicy, keyPaths, problems);
                }
                else if (string.Equals(child.Key, PoliciesKey, StringComparison.OrdinalIgnoreCase))
                {
                    ReadPolicies(child, options, keyPaths, problems);
                }
                else if (string.Equals(child.Key, Prompts.PromptConfigurationReader.PromptsKey, StringComparison.OrdinalIgnoreCase))
                {
                    // The prompt catalog's experiments (LlmPromptCatalogBuilder.AddConfiguration) share the section; they are read there.
                }
                else
                {
                    problems.Add($"configuration key '{child.Path}' is not a LlmPreflight setting. The keys under '{Display(root)}' are {DefaultKey} (the default policy) and {PoliciesKey} (named policies); "
                        + $"policy settings such as {nameof(LlmPolicyOptions.TotalTimeout)} go under '{Join(root, DefaultKey)}' or '{Join(root, PoliciesKey)}:<name>'.");
                }
            }

            if (problems.Count > 0)
            {
                throw new LlmGuardConfigurationException(problems);
            }
        }

        /// <summary>Accepts the whole configuration too: when it holds a <c>LlmPreflight</c> section and no policy keys, that section is read.</summary>
        private static IConfiguration Unwrap(IConfiguration configuration)
        {
            bool hasOwnKeys = configuration.GetChildren().Any(c => string.Equals(c.Key, DefaultKey, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Key, PoliciesKey, StringComparison.OrdinalIgnoreCase));
            IConfigurationSection nested = configuration.GetSection(SectionName);
            return !hasOwnKeys && nested.GetChildren().Any() ? nested : configuration;
        }

        private static void ReadPolicies(IConfigurationSection policies, LlmGuardOptions options, IDictionary<string, string> keyPaths, List<string> problems)
        {
            foreach (IConfigurationSection policy in policies.GetChildren())
            {
                string name = policy.Key;
                if (name == LlmGuard.DefaultPolicyName)
                {
                    problems.Add($"configuration key '{policy.Path}' names the reserved policy \"{LlmGuard.DefaultPolicyName}\". Put the default policy's settings under '{Join(Parent(policies.Path), DefaultKey)}' instead.");
                    continue;
                }

                if (options.Policies.TryGetValue(name, out LlmPolicyOptions? existing))
                {
                    // Added in code (for example with a fallback): the configuration completes it.
                    ReadPolicy(policy, name, existing, keyPaths, problems);
                }
                else
                {
                    options.AddPolicy(name, p => ReadPolicy(policy, name, p, keyPaths, problems));
                }
            }
        }

        private static void ReadPolicy(IConfigurationSection section, string policyName, LlmPolicyOptions policy, IDictionary<string, string> keyPaths, List<string> problems)
        {
            if (section.Value != null && !section.GetChildren().Any() && section.Value.Length > 0)
            {
                problems.Add($"configuration key '{section.Path}' has the value \"{section.Value}\", but a policy is an object of settings such as {{ \"{nameof(LlmPolicyOptions.MaxRetries)}\": 2 }}.");
                return;
            }

            foreach (IConfigurationSection setting in section.GetChildren())
            {
                if (!PolicyKeys.TryGetValue(setting.Key, out Func<string, LlmPolicyOptions, string?>? apply))
                {
                    problems.Add($"configuration key '{setting.Path}' is not a policy setting. Known settings: {string.Join(", ", PolicyKeys.Keys)}."
                        + " Fallbacks are set in code with AddFallback and AddStreamFallback.");
                    continue;
                }

                string canonical = PolicyKeys.Keys.First(k => string.Equals(k, setting.Key, StringComparison.OrdinalIgnoreCase));
                keyPaths[policyName + "/" + canonical] = setting.Path;
                if (setting.GetChildren().Any())
                {
                    problems.Add($"configuration key '{setting.Path}' is an object; {canonical} takes a single value.");
                    continue;
                }

                string? expected = apply(setting.Value ?? string.Empty, policy);
                if (expected != null)
                {
                    problems.Add($"configuration key '{setting.Path}' has the value \"{setting.Value}\", which is not {expected}.");
                }
            }
        }

        private const string TimeFormat = "a time span. Write it as \"hh:mm:ss\" (\"00:00:30\" is 30 seconds) or \"d.hh:mm:ss\"";

        private delegate bool TryParse<T>(string raw, out T value);

        private static Func<string, LlmPolicyOptions, string?> Time(Action<LlmPolicyOptions, TimeSpan> set)
            => Required<TimeSpan>(TryTime, TimeFormat, set);

        private static Func<string, LlmPolicyOptions, string?> OptionalTime(Action<LlmPolicyOptions, TimeSpan?> set)
            => Optional<TimeSpan>(TryTime, TimeFormat + ", or null to turn this timeout off", set);

        private static Func<string, LlmPolicyOptions, string?> Int(Action<LlmPolicyOptions, int> set)
            => Required<int>(TryInt, "a whole number", set);

        private static Func<string, LlmPolicyOptions, string?> OptionalInt(Action<LlmPolicyOptions, int?> set)
            => Optional<int>(TryInt, "a whole number, or null to turn it off", set);

        private static Func<string, LlmPolicyOptions, string?> Bool(Action<LlmPolicyOptions, bool> set)
            => Required<bool>((string raw, out bool value) => bool.TryParse(raw.Trim(), out value), "true or false", set);

        /// <summary>Parses and sets a value; returns what was expected when the value does not parse.</summary>
        private static Func<string, LlmPolicyOptions, string?> Required<T>(TryParse<T> parse, string expected, Action<LlmPolicyOptions, T> set)
            => (raw, policy) =>
            {
                if (!parse(raw, out T value))
                {
                    return expected;
                }

                set(policy, value);
                return null;
            };

        /// <summary>As <see cref="Required{T}"/>, with an empty value, <c>null</c>, <c>off</c> or <c>none</c> setting <c>null</c>.</summary>
        private static Func<string, LlmPolicyOptions, string?> Optional<T>(TryParse<T> parse, string expected, Action<LlmPolicyOptions, T?> set)
            where T : struct
            => (raw, policy) =>
            {
                if (IsNull(raw))
                {
                    set(policy, null);
                    return null;
                }

                return Required<T>(parse, expected, (p, v) => set(p, v))(raw, policy);
            };

        private static bool TryInt(string raw, out int value)
            => int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

        // Invariant culture: "0.5" must not depend on the server's locale (where it could read as 5).
        private static bool TryDouble(string raw, out double value)
            => double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        private static bool TryCacheMode(string raw, out LlmCacheMode value)
        {
            // Names only: Enum.TryParse would also take "7" or "OptIn,Off".
            foreach (LlmCacheMode mode in new[] { LlmCacheMode.OptIn, LlmCacheMode.AllCalls, LlmCacheMode.Off })
            {
                if (string.Equals(raw.Trim(), mode.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    value = mode;
                    return true;
                }
            }

            value = default;
            return false;
        }

        private static bool TryTime(string raw, out TimeSpan value)
            => TimeSpan.TryParse(raw.Trim(), CultureInfo.InvariantCulture, out value);

        private static bool IsNull(string raw)
            => raw.Trim().Length == 0 || NullWords.Any(word => string.Equals(raw.Trim(), word, StringComparison.OrdinalIgnoreCase));

        private static string Join(string root, string key) => root.Length == 0 ? key : root + ":" + key;

        private static string Parent(string path)
        {
            int colon = path.LastIndexOf(':');
            return colon < 0 ? string.Empty : path.Substring(0, colon);
        }

        private static string Display(string root) => root.Length == 0 ? "the configuration root" : root;
    }
}
