using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// The wait headers of recent failed responses, by the response's request id. Filled by
    /// <see cref="LlmRetryAfterHandler"/> for SDKs whose exceptions carry the request id but not the headers
    /// (Anthropic), so the guard can still honour the server's Retry-After. Bounded: oldest entries go first.
    /// </summary>
    internal static class RetryAfterByRequest
    {
        internal const int Capacity = 512;

        private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Entries =
            new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

        private static readonly ConcurrentQueue<string> Order = new ConcurrentQueue<string>();

        public static void Remember(string requestId, IReadOnlyDictionary<string, string> waitHeaders)
        {
            if (!Entries.TryAdd(requestId, waitHeaders))
            {
                return;
            }

            Order.Enqueue(requestId);
            while (Order.Count > Capacity && Order.TryDequeue(out string? oldest))
            {
                Entries.TryRemove(oldest, out _);
            }
        }

        /// <summary>A header of the failed response with this request id, or null when it was not seen or had none.</summary>
        public static string? Header(string? requestId, string name)
            => requestId != null && Entries.TryGetValue(requestId, out IReadOnlyDictionary<string, string>? headers) && headers.TryGetValue(name, out string? value)
                ? value
                : null;
    }
}
