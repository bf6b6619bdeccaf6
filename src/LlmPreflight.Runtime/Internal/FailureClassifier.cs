using System;
using System.IO;
using System.Net.Sockets;

namespace LlmPreflight.Internal
{
    /// <summary>Decides whether a failed attempt is worth retrying, for every supported SDK's failure shapes.</summary>
    internal static class FailureClassifier
    {
        // Deep enough for SDK wrapping (SK -> ClientResultException -> HttpRequestException -> IOException -> SocketException).
        private const int MaxDepth = 6;

        /// <summary>
        /// Retry on timeouts, throttling and server overload; 529 is Anthropic's "overloaded". Every other
        /// 4xx means the request itself is wrong (or unauthorised) and would fail again.
        /// </summary>
        public static bool IsTransientStatus(int status)
            => status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504 || status == 529;

        public static FailureInfo Classify(Exception exception, DateTimeOffset now)
        {
            if (exception is TransientErrorResponseException errorResponse)
            {
                return new FailureInfo(true, errorResponse.Status, null);
            }

            Exception? current = exception;
            for (int depth = 0; current != null && depth < MaxDepth; depth++)
            {
                ExceptionShape shape = ExceptionShapes.For(current.GetType());
                int status = shape.ReadStatus?.Invoke(current) ?? 0;
                if (status > 0)
                {
                    Func<Exception, string, string?>? readHeader = shape.ReadHeader;
                    Exception source = current;
                    TimeSpan? retryAfter = readHeader is null ? null : RetryAfterParser.Read(name => readHeader(source, name), now);
                    return new FailureInfo(IsTransientStatus(status), status, retryAfter);
                }

                if (shape.IsTransport || IsNetworkFailure(current))
                {
                    return new FailureInfo(true, 0, null);
                }

                // An SDK's own network timeout surfaces as a cancellation wrapping TimeoutException
                // (System.ClientModel, Anthropic). The caller's cancellation never has that inner exception.
                if (current is OperationCanceledException)
                {
                    return current.InnerException is TimeoutException ? new FailureInfo(true, 0, null) : FailureInfo.Permanent;
                }

                // Only SDK wrappers without a status are looked through: a user's own exception that
                // happens to wrap an IOException is not a model-call failure.
                if (!shape.IsSdkWrapper && !(current is AggregateException))
                {
                    return FailureInfo.Permanent;
                }

                current = current.InnerException;
            }

            return FailureInfo.Permanent;
        }

        private static bool IsNetworkFailure(Exception exception)
            => exception is IOException || exception is SocketException || exception is TimeoutException
                || (exception is System.Net.Http.HttpRequestException && exception.InnerException is null);
    }
}
