using System;

namespace LlmPreflight.Internal.Tokens
{
    /// <summary>
    /// How many tokens an attempt reserves from the tokens-per-minute allowance. The limiter strategy (before the
    /// attempt) and the meter (when the attempt is billed) both compute it from the call's context, so the
    /// reconciliation undoes exactly what was reserved without a lease having to travel between them.
    /// </summary>
    internal static class TokenReservation
    {
        /// <summary>
        /// The input estimate (<see cref="LlmCallContext.EstimatedInputTokens"/>, else characters / 4) plus the output
        /// bound; at least 1, so a call with no estimate still waits while the allowance is used up.
        /// </summary>
        public static long For(LlmCallContext? context)
            => context is null ? 1 : Math.Max(1, context.InputTokenEstimate + (context.MaxOutputTokens ?? 0));

        /// <summary>The tokens a billed attempt really used, or the reservation itself when the result carried no usage.</summary>
        public static long Used(long reserved, LlmUsage? usage)
            => usage is LlmUsage known ? known.InputTokens + known.OutputTokens : reserved;
    }
}
