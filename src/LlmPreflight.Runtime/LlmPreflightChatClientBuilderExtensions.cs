using System;
using Microsoft.Extensions.AI;

namespace LlmPreflight
{
    /// <summary>Adds <see cref="LlmGuard"/> to Microsoft.Extensions.AI client pipelines.</summary>
    public static class LlmPreflightChatClientBuilderExtensions
    {
        /// <summary>
        /// Runs every request of the clients this builder builds under an <see cref="LlmGuard"/> policy
        /// (see <see cref="LlmGuardChatClient"/>). Call it last, just before <c>Build()</c>, so it wraps the provider client.
        /// </summary>
        /// <param name="builder">The chat client builder.</param>
        /// <param name="policyName">The policy to use; <c>null</c> for <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <returns>The builder, for chaining.</returns>
        public static ChatClientBuilder UseLlmPreflight(this ChatClientBuilder builder, string? policyName = null)
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            return builder.Use(inner => new LlmGuardChatClient(inner, policyName));
        }

        /// <summary>
        /// Runs every request of the embedding generators this builder builds under an <see cref="LlmGuard"/> policy
        /// (see <see cref="LlmGuardEmbeddingGenerator{TInput, TEmbedding}"/>).
        /// </summary>
        /// <typeparam name="TInput">The type of the values embedded.</typeparam>
        /// <typeparam name="TEmbedding">The embedding type.</typeparam>
        /// <param name="builder">The embedding generator builder.</param>
        /// <param name="policyName">The policy to use; <c>null</c> for <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        /// <returns>The builder, for chaining.</returns>
        public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseLlmPreflight<TInput, TEmbedding>(this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, string? policyName = null)
            where TEmbedding : Embedding
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            return builder.Use(inner => new LlmGuardEmbeddingGenerator<TInput, TEmbedding>(inner, policyName));
        }
    }
}
