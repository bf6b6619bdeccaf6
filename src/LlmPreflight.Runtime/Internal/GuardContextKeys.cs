using Polly;

namespace LlmPreflight.Internal
{
    /// <summary>Values the pipeline's strategies leave on the <see cref="ResilienceContext"/> for the guard to read afterwards.</summary>
    internal static class GuardContextKeys
    {
        /// <summary>Which timeout fired last; Polly's rejection alone does not say whether it was the total or an attempt.</summary>
        public static readonly ResiliencePropertyKey<LlmTimeoutKind> TimeoutKind = new ResiliencePropertyKey<LlmTimeoutKind>("LlmPreflight.TimeoutKind");
    }
}
