namespace LlmPreflight
{
    /// <summary>Token estimation's access to the guard's current configuration.</summary>
    public static partial class LlmGuard
    {
        /// <summary>The price table of the configuration in force, which prompt estimates price with by default.</summary>
        internal static LlmPriceTable CurrentPrices => Registry.Metering.Prices;

        /// <summary>A policy's tokens-per-minute limiter in the configuration in force (null when off), for tests and diagnostics.</summary>
        internal static Internal.Tokens.TokensPerMinuteLimiter? TokensPerMinuteLimiterOf(string policyName) => Registry.Metering.For(policyName).Tokens;
    }
}
