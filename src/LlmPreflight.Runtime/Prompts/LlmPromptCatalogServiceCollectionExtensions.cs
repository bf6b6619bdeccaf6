using System;
using Microsoft.Extensions.DependencyInjection;

namespace LlmPreflight
{
    /// <summary>Registers an <see cref="LlmPromptCatalog"/> as a singleton service.</summary>
    public static class LlmPromptCatalogServiceCollectionExtensions
    {
        /// <summary>
        /// Builds the catalog now, so a broken prompt file or experiment fails start-up (with every problem listed)
        /// rather than the first request, and registers it as a singleton:
        /// <c>services.AddLlmPromptCatalog(b =&gt; b.AddDirectory("prompts").AddConfiguration(configuration))</c>.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configure">Adds the prompt files and experiments.</param>
        /// <returns>The service collection, for chaining.</returns>
        /// <exception cref="LlmPromptCatalogException">A prompt file or experiment is invalid.</exception>
        public static IServiceCollection AddLlmPromptCatalog(this IServiceCollection services, Action<LlmPromptCatalogBuilder> configure)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            var builder = new LlmPromptCatalogBuilder();
            configure(builder);
            services.AddSingleton(builder.Build());
            return services;
        }
    }
}
