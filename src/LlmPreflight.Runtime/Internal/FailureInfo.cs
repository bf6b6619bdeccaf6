using System;

namespace LlmPreflight.Internal
{
    /// <summary>What the guard concluded about one failed attempt.</summary>
    internal readonly struct FailureInfo
    {
        public static readonly FailureInfo Permanent = new FailureInfo(false, 0, null);

        public FailureInfo(bool isTransient, int statusCode, TimeSpan? retryAfter)
        {
            IsTransient = isTransient;
            StatusCode = statusCode;
            RetryAfter = retryAfter;
        }

        /// <summary>Whether another attempt may succeed (throttling, overload, network failure, SDK timeout).</summary>
        public bool IsTransient { get; }

        /// <summary>The HTTP status, or 0 when the failure had none (network failure).</summary>
        public int StatusCode { get; }

        /// <summary>The wait the server asked for, when the failure carries response headers that say so.</summary>
        public TimeSpan? RetryAfter { get; }
    }
}
