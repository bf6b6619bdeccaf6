using System;

namespace LlmPreflight.Analyzers;

/// <summary>The checklist concerns a guarded scope takes care of.</summary>
[Flags]
internal enum GuardConcerns
{
    None = 0,
    Timeout = 1,
    Retry = 2,
    Fallback = 4,
    RateLimit = 8,
    CostTracking = 16,
    All = Timeout | Retry | Fallback | RateLimit | CostTracking,
}

internal static class GuardConcernsParser
{
    public const string Names = "all, timeout, retry, fallback, rate-limit, cost";

    /// <summary>Parses <c>all</c> or a comma list such as <c>timeout,retry</c>; <paramref name="unknown"/> names the first word it does not know.</summary>
    public static GuardConcerns Parse(string text, out string? unknown)
    {
        unknown = null;
        var result = GuardConcerns.None;
        foreach (var raw in text.Split(new[] { ',', '+' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim().ToLowerInvariant();
            GuardConcerns? concern = word switch
            {
                "all" => GuardConcerns.All,
                "timeout" or "timeouts" => GuardConcerns.Timeout,
                "retry" or "retries" => GuardConcerns.Retry,
                "fallback" => GuardConcerns.Fallback,
                "rate-limit" or "ratelimit" or "rate_limit" => GuardConcerns.RateLimit,
                "cost" or "cost-tracking" or "usage" => GuardConcerns.CostTracking,
                _ => null,
            };
            if (concern is null)
            {
                unknown ??= raw.Trim();
                continue;
            }

            result |= concern.Value;
        }

        return result;
    }
}
