using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal;
using Microsoft.Extensions.AI;

namespace LlmPreflight
{
    /// <summary>
    /// Microsoft.Extensions.AI middleware that runs every request of the inner embedding generator under an
    /// <see cref="LlmGuard"/> policy (timeouts, retries, rate limiter, fallback).
    /// Add it with <see cref="LlmPreflightChatClientBuilderExtensions.UseLlmPreflight{TInput, TEmbedding}(EmbeddingGeneratorBuilder{TInput, TEmbedding}, string?)"/>.
    /// </summary>
    /// <typeparam name="TInput">The type of the values embedded.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    public sealed class LlmGuardEmbeddingGenerator<TInput, TEmbedding> : DelegatingEmbeddingGenerator<TInput, TEmbedding>
        where TEmbedding : Embedding
    {
        /// <summary>Wraps an embedding generator.</summary>
        /// <param name="innerGenerator">The generator whose requests are guarded.</param>
        /// <param name="policyName">The policy to use; <c>null</c> for <see cref="LlmGuard.DefaultPolicyName"/>.</param>
        public LlmGuardEmbeddingGenerator(IEmbeddingGenerator<TInput, TEmbedding> innerGenerator, string? policyName = null)
            : base(innerGenerator)
        {
            PolicyName = policyName ?? LlmGuard.DefaultPolicyName;
        }

        /// <summary>The policy every request runs under.</summary>
        public string PolicyName { get; }

        /// <inheritdoc />
        public override Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            IEnumerable<TInput> replayable = Replayable.Of(values);
            return LlmGuard.RunAsync(PolicyName, ct => base.GenerateAsync(replayable, options, ct), cancellationToken);
        }
    }
}
