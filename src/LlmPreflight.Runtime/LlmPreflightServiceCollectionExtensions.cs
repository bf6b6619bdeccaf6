using System;
using System.Linq;
using LlmPreflight.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LlmPreflight
{
    /// <summary>Registers <see cref="ILlmGuard"/> and configures <see cref="LlmGuard"/>'s policies from code or from configuration.</summary>
    /// <remarks>
    /// The policies are process-wide: registering configures the static <see cref="LlmGuard"/> at once, so the code
    /// fixes' static calls, <see cref="LlmGuardChatClient"/> and injected <see cref="ILlmGuard"/> users all share them.
    /// Several <c>AddLlmPreflight</c> calls on one collection compose in order, each applied onto the built-in defaults
    /// again; an invalid configuration throws <see cref="LlmGuardConfigurationException"/> from the call that made it
    /// invalid, naming the configuration key, and leaves the previous configuration in place.
    /// </remarks>
    public static class LlmPreflightServiceCollectionExtensions
    {
        /// <summary>
        /// Reads the policies from configuration, for example <c>builder.Configuration.GetSection("LlmPreflight")</c>:
        /// <c>{ "Default": { "TotalTimeout": "00:03:00", "MaxRetries": 2 }, "Policies": { "cheap": { "AttemptTimeout": "00:00:30" } } }</c>.
        /// Every key of <see cref="LlmPolicyOptions"/> that holds a value can be set (time spans as <c>"hh:mm:ss"</c>,
        /// <c>null</c> turns a nullable setting off); fallbacks are set in code. The whole configuration is accepted
        /// too, when it holds a <c>LlmPreflight</c> section.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configuration">The <c>LlmPreflight</c> section (or the configuration root that holds it).</param>
        /// <returns>The service collection, for chaining.</returns>
        /// <exception cref="LlmGuardConfigurationException">A value does not parse, a key is unknown, or a setting is invalid; each problem names its configuration key.</exception>
        /// <remarks>
        /// When the configuration reports a change (appsettings.json loaded with <c>reloadOnChange: true</c>), every
        /// <c>AddLlmPreflight</c> registration of this collection is applied again: new calls use the changed settings,
        /// calls in flight finish under the old ones, and cost sums and budget spend carry over. An invalid change is
        /// rejected, keeping the previous configuration, and reported (<see cref="LlmGuardOptions.OnConfigurationError"/>,
        /// the logger, <see cref="LlmTelemetry.ConfigurationReloadFailures"/>). Turn reloading off with
        /// <see cref="LlmGuardOptions.ReloadOnConfigurationChange"/>.
        /// </remarks>
        public static IServiceCollection AddLlmPreflight(this IServiceCollection services, IConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            return Register(services, (options, keyPaths) => ConfigurationReader.Apply(configuration, options, keyPaths), configuration);
        }

        /// <summary>
        /// Sets the options in code, then reads the configuration over them (see
        /// <see cref="AddLlmPreflight(IServiceCollection, IConfiguration)"/>): code adds what configuration cannot hold
        /// (fallbacks, the clock, a shared rate limiter, the cache, <see cref="LlmGuardOptions.OnConfigurationError"/>,
        /// <see cref="LlmGuardOptions.ReloadOnConfigurationChange"/>), and configuration values win where both set one.
        /// A policy added in code is completed by the configuration's policy of the same name. Both are applied again
        /// on every reload.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configuration">The <c>LlmPreflight</c> section (or the configuration root that holds it).</param>
        /// <param name="configure">Sets the options in code; runs before the configuration is read.</param>
        /// <returns>The service collection, for chaining.</returns>
        /// <exception cref="LlmGuardConfigurationException">A value does not parse, a key is unknown, or a setting is invalid; each problem names its configuration key.</exception>
        public static IServiceCollection AddLlmPreflight(this IServiceCollection services, IConfiguration configuration, Action<LlmGuardOptions> configure)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            return Register(
                services,
                (options, keyPaths) =>
                {
                    configure(options);
                    ConfigurationReader.Apply(configuration, options, keyPaths);
                },
                configuration);
        }

        /// <summary>Configures the policies in code (as <see cref="LlmGuard.Configure"/> does) and registers <see cref="ILlmGuard"/>.</summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configure">Sets the options: the default policy, named policies, fallbacks, the clock.</param>
        /// <returns>The service collection, for chaining.</returns>
        /// <exception cref="LlmGuardConfigurationException">A setting is invalid; the message says which and how to fix it.</exception>
        public static IServiceCollection AddLlmPreflight(this IServiceCollection services, Action<LlmGuardOptions> configure)
        {
            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            return Register(services, (options, _) => configure(options), null);
        }

        private static IServiceCollection Register(IServiceCollection services, Action<LlmGuardOptions, System.Collections.Generic.IDictionary<string, string>> step, IConfiguration? source)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            LlmGuardRegistration? registration = services
                .Where(d => d.ServiceType == typeof(LlmGuardRegistration))
                .Select(d => d.ImplementationInstance)
                .OfType<LlmGuardRegistration>()
                .FirstOrDefault();
            if (registration is null)
            {
                registration = new LlmGuardRegistration();
                services.AddSingleton(registration);
            }

            registration.Add(step, source);
            // Resolving the guard hands the provider's HybridCache (or IDistributedCache) to the response cache,
            // and its logger to configuration reloads.
            LlmGuardRegistration registered = registration;
            services.TryAddSingleton<ILlmGuard>(provider =>
            {
                LlmGuard.AttachCacheServices(provider);
                registered.AttachServices(provider);
                return SharedLlmGuard.Instance;
            });
            return services;
        }
    }
}
