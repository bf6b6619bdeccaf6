using System;

namespace LlmPreflight
{
    /// <summary>
    /// Per-call settings of <c>LlmGuard.RunCachedAsync</c>; whatever is left <c>null</c> comes from the policy
    /// (<see cref="LlmPolicyOptions.CacheExpiration"/>, ...) or from <see cref="LlmGuard.CurrentContext"/>.
    /// </summary>
    public sealed class LlmCachedCallOptions
    {
        /// <summary>How long this call's answer is served; overrides <see cref="LlmPolicyOptions.CacheExpiration"/>.</summary>
        public TimeSpan? Expiration { get; set; }

        /// <summary>How long this call's answer stays in process memory; overrides <see cref="LlmPolicyOptions.CacheLocalExpiration"/>.</summary>
        public TimeSpan? LocalExpiration { get; set; }

        /// <summary>The model, part of the key; overrides <see cref="LlmCallContext.Model"/> of the scope.</summary>
        /// <remarks>
        /// Needed whenever the request object does not name the model, as with OpenAI's <c>ChatClient</c>, whose model
        /// is fixed on the client: pass <c>chatClient.Model</c> here, or two clients for different models share answers.
        /// </remarks>
        public string? Model { get; set; }

        /// <summary>The prompt id, part of the key; overrides <see cref="LlmCallContext.PromptId"/> of the scope.</summary>
        public string? PromptId { get; set; }

        /// <summary>The prompt version, part of the key; overrides <see cref="LlmCallContext.PromptVersion"/> of the scope.</summary>
        public string? PromptVersion { get; set; }
    }
}
