using System.Net;
using LlmPreflight.Internal;

namespace LlmPreflight.Runtime.Tests;

/// <summary>The classifier alone, on exception shapes that are awkward to provoke over HTTP.</summary>
public sealed class FailureClassificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    public void HttpRequestExceptionIsClassifiedByStatus(HttpStatusCode status, bool transient)
    {
        var failure = FailureClassifier.Classify(new HttpRequestException("x", null, status), Now);

        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal((int)status, failure.StatusCode);
    }

    [Fact]
    public void NetworkFailuresAreTransient()
    {
        Assert.True(FailureClassifier.Classify(new IOException("reset"), Now).IsTransient);
        Assert.True(FailureClassifier.Classify(new HttpRequestException("refused", new System.Net.Sockets.SocketException(111)), Now).IsTransient);
        Assert.True(FailureClassifier.Classify(new TimeoutException(), Now).IsTransient);
        Assert.True(FailureClassifier.Classify(new AggregateException(new IOException()), Now).IsTransient);
    }

    [Fact]
    public void SdkTimeoutIsTransientButCancellationIsNot()
    {
        Assert.True(FailureClassifier.Classify(new TaskCanceledException("timeout", new TimeoutException()), Now).IsTransient);
        Assert.False(FailureClassifier.Classify(new OperationCanceledException(), Now).IsTransient);
    }

    [Fact]
    public void OwnExceptionsWrappingNetworkFailuresAreNotRetried()
    {
        Assert.False(FailureClassifier.Classify(new InvalidOperationException("bug", new IOException()), Now).IsTransient);
        Assert.False(FailureClassifier.Classify(new ArgumentException("bad"), Now).IsTransient);
    }

    [Fact]
    public void RetryAfterReadsSecondsDatesAndMilliseconds()
    {
        static Func<string, string?> Headers(params (string Name, string Value)[] headers)
            => name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterParser.Read(Headers(("Retry-After", "7")), Now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterParser.Read(Headers(("Retry-After", Now.AddSeconds(30).ToString("r"))), Now));
        Assert.Equal(TimeSpan.Zero, RetryAfterParser.Read(Headers(("Retry-After", Now.AddSeconds(-30).ToString("r"))), Now));
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfterParser.Read(Headers(("retry-after-ms", "250"), ("Retry-After", "9")), Now));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RetryAfterParser.Read(Headers(("x-ms-retry-after-ms", "1500")), Now));
        Assert.Null(RetryAfterParser.Read(Headers(("Retry-After", "soon")), Now));
        Assert.Null(RetryAfterParser.Read(Headers(), Now));
    }
}
