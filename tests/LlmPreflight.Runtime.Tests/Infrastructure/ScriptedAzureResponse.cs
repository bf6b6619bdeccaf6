using Azure;
using Azure.Core;

namespace LlmPreflight.Runtime.Tests.Infrastructure;

/// <summary>An Azure.Core response with a status and headers, to build a real <see cref="RequestFailedException"/>.</summary>
public sealed class ScriptedAzureResponse(int status, params (string Name, string Value)[] headers) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => "scripted";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = "test";

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, out string value)
    {
        var match = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        value = match.Value!;
        return match.Name != null;
    }

    protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
    {
        bool found = TryGetHeader(name, out string value);
        values = found ? [value] : [];
        return found;
    }
}
