using System;
using System.Globalization;

namespace LlmPreflight.Internal
{
    /// <summary>Reads the wait a service asked for from the headers the SDKs expose.</summary>
    internal static class RetryAfterParser
    {
        /// <summary>
        /// Tries <c>retry-after-ms</c> (OpenAI, Azure OpenAI), <c>x-ms-retry-after-ms</c> (Azure) and then
        /// <c>Retry-After</c> (seconds or an HTTP date), most precise first.
        /// </summary>
        public static TimeSpan? Read(Func<string, string?> header, DateTimeOffset now)
        {
            if (TryMilliseconds(header("retry-after-ms"), out TimeSpan delay)
                || TryMilliseconds(header("x-ms-retry-after-ms"), out delay)
                || TryRetryAfter(header("Retry-After"), now, out delay))
            {
                return delay;
            }

            return null;
        }

        public static bool TryRetryAfter(string? value, DateTimeOffset now, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            if (string.IsNullOrWhiteSpace(value))
            {
                return false;
            }

            string text = value!.Trim();
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds))
            {
                delay = FromSeconds(seconds);
                return true;
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
            {
                TimeSpan until = date - now;
                delay = until > TimeSpan.Zero ? until : TimeSpan.Zero;
                return true;
            }

            return false;
        }

        private static bool TryMilliseconds(string? value, out TimeSpan delay)
        {
            delay = TimeSpan.Zero;
            if (string.IsNullOrWhiteSpace(value)
                || !double.TryParse(value!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double milliseconds))
            {
                return false;
            }

            delay = FromSeconds(milliseconds / 1000);
            return true;
        }

        // Bounded so an absurd header cannot overflow TimeSpan; anything this long exceeds every cap anyway.
        private static TimeSpan FromSeconds(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(365).TotalSeconds));
    }
}
