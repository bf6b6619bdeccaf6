using System;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// How to read the HTTP status and response headers of one exception type, built once per type
    /// by <see cref="ExceptionShapes"/>. Accessors are null when the type does not carry that data.
    /// </summary>
    internal sealed class ExceptionShape
    {
        public static readonly ExceptionShape Plain = new ExceptionShape(null, null, isSdkWrapper: false, isTransport: false);

        public ExceptionShape(Func<Exception, int>? readStatus, Func<Exception, string, string?>? readHeader, bool isSdkWrapper, bool isTransport)
        {
            ReadStatus = readStatus;
            ReadHeader = readHeader;
            IsSdkWrapper = isSdkWrapper;
            IsTransport = isTransport;
        }

        /// <summary>Reads the HTTP status; returns 0 or less when the exception has none.</summary>
        public Func<Exception, int>? ReadStatus { get; }

        /// <summary>Reads one response header by name; returns null when absent.</summary>
        public Func<Exception, string, string?>? ReadHeader { get; }

        /// <summary>An SDK exception that wraps a transport failure in its inner exception when it has no status.</summary>
        public bool IsSdkWrapper { get; }

        /// <summary>An SDK exception that always means a transport (network) failure.</summary>
        public bool IsTransport { get; }
    }
}
