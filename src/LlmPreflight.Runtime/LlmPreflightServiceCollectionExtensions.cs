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
        public static IServiceCollection AddLlmPreflight(this IServiceCollection services, IConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            return Register(services, (options, keyPaths) => ConfigurationReader.Apply(configuration, options, keyPaths));
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

            return Register(services, (options, _) => configure(options));
        }

        private static IServiceCollection Register(IServiceCollection services, Action<LlmGuardOptions, System.Collections.Generic.IDictionary<string, string>> step)
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

            registration.Add(step);
            // Resolving the guard hands the provider's HybridCache (or IDistributedCache) to the response cache.
            services.TryAddSingleton<ILlmGuard>(provider =>
            {
                LlmGuard.AttachCacheServices(provider);
                return SharedLlmGuard.Instance;
            });
            return services;
        }
    }
}
