using System;
using System.ClientModel.Primitives;
using System.Collections.Generic;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>The headers of a <see cref="CachedPipelineResponse"/>: the JSON content type and the cache marker.</summary>
    internal sealed class CachedResponseHeaders : PipelineResponseHeaders
    {
        private readonly KeyValuePair<string, string>[] _headers;

        public CachedResponseHeaders(string markerName, string markerValue)
        {
            _headers = new[]
            {
                new KeyValuePair<string, string>("Content-Type", "application/json"),
                new KeyValuePair<string, string>(markerName, markerValue),
            };
        }

        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_headers).GetEnumerator();

        public override bool TryGetValue(string name, out string? value)
        {
            foreach (KeyValuePair<string, string> header in _headers)
            {
                if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = header.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            bool found = TryGetValue(name, out string? value);
            values = found ? new[] { value! } : null;
            return found;
        }
    }
}
