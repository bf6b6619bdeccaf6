using System;
using System.ClientModel.Primitives;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// The raw response of a <c>ClientResult&lt;T&gt;</c> served from the cache: status 200, the cached JSON as content,
    /// and an <c>x-llmpreflight-cache: hit</c> header so logs can tell it from a live response.
    /// </summary>
    internal sealed class CachedPipelineResponse : PipelineResponse
    {
        public const string CacheHeader = "x-llmpreflight-cache";

        private readonly BinaryData _content;
        private Stream? _stream;

        public CachedPipelineResponse(byte[] content)
        {
            _content = BinaryData.FromBytes(content);
        }

        public override int Status => 200;

        public override string ReasonPhrase => "OK";

        public override Stream? ContentStream
        {
            get => _stream ??= _content.ToStream();
            set => _stream = value;
        }

        public override BinaryData Content => _content;

        protected override PipelineResponseHeaders HeadersCore { get; } = new CachedResponseHeaders(CacheHeader, "hit");

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => _content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => new ValueTask<BinaryData>(_content);

        public override void Dispose() => _stream?.Dispose();
    }
}
