using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal;

namespace LlmPreflight
{
    /// <summary>
    /// An HTTP handler for SDKs whose exceptions do not carry the response headers (Anthropic's C# SDK): it
    /// remembers the <c>Retry-After</c> / <c>retry-after-ms</c> of failed responses by their request id, which the
    /// SDK's exception does carry, so <see cref="LlmGuard"/> waits as long as the server asked instead of its own
    /// back-off. Give the SDK an <see cref="HttpClient"/> built on it:
    /// <c>new AnthropicClient { HttpClient = LlmRetryAfterHandler.CreateHttpClient(), MaxRetries = 0 }</c>.
    /// </summary>
    /// <remarks>
    /// SDKs whose exceptions expose the response (OpenAI, Azure OpenAI, Azure.Core) need no handler. The handler
    /// changes nothing in the request or response; it keeps the last 512 failures' wait headers in memory.
    /// </remarks>
    public sealed class LlmRetryAfterHandler : DelegatingHandler
    {
        private static readonly string[] RequestIdHeaders = { "request-id", "x-request-id", "apim-request-id" };
        private static readonly string[] WaitHeaders = { "retry-after-ms", "x-ms-retry-after-ms", "Retry-After" };

        /// <summary>Creates the handler over a new <see cref="HttpClientHandler"/>.</summary>
        public LlmRetryAfterHandler()
            : this(new HttpClientHandler())
        {
        }

        /// <summary>Creates the handler over <paramref name="innerHandler"/> (e.g. a <c>SocketsHttpHandler</c> you configured).</summary>
        /// <param name="innerHandler">The handler that sends the requests.</param>
        public LlmRetryAfterHandler(HttpMessageHandler innerHandler)
            : base(innerHandler ?? throw new ArgumentNullException(nameof(innerHandler)))
        {
        }

        /// <summary>
        /// An <see cref="HttpClient"/> over this handler with an infinite timeout: the SDK's own timeout and the
        /// guard's attempt timeout bound each request, and a shorter <see cref="HttpClient.Timeout"/> would cut streams.
        /// </summary>
        /// <returns>The client; share it for the SDK client's lifetime.</returns>
        public static HttpClient CreateHttpClient() => new HttpClient(new LlmRetryAfterHandler()) { Timeout = Timeout.InfiniteTimeSpan };

        /// <inheritdoc/>
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (FailureClassifier.IsTransientStatus((int)response.StatusCode))
            {
                Remember(response);
            }

            return response;
        }

        private static void Remember(HttpResponseMessage response)
        {
            string? requestId = First(response, RequestIdHeaders);
            if (requestId is null)
            {
                return;
            }

            var waits = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string name in WaitHeaders)
            {
                if (response.Headers.TryGetValues(name, out IEnumerable<string>? values))
                {
                    waits[name] = string.Join(",", values);
                }
            }

            if (waits.Count > 0)
            {
                RetryAfterByRequest.Remember(requestId, waits);
            }
        }

        private static string? First(HttpResponseMessage response, string[] names)
        {
            foreach (string name in names)
            {
                if (response.Headers.TryGetValues(name, out IEnumerable<string>? values))
                {
                    foreach (string value in values)
                    {
                        return value;
                    }
                }
            }

            return null;
        }
    }
}
