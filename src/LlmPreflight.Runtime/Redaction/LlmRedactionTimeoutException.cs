using System;

namespace LlmPreflight
{
    /// <summary>
    /// A detector's pattern ran past its match timeout (a very long or pathological input), so the text was not
    /// redacted. Nothing was returned to send: treat the text as unsafe.
    /// </summary>
    public sealed class LlmRedactionTimeoutException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="kind">The kind whose detector timed out.</param>
        /// <param name="textLength">The length of the text being scanned.</param>
        /// <param name="innerException">The regex engine's timeout.</param>
        public LlmRedactionTimeoutException(string kind, int textLength, Exception? innerException)
            : base($"PII redaction did not finish: the {kind} detector ran past its match timeout on a text of {textLength} characters, "
                + "so the text was not redacted and must not be sent as it is. Split the text into smaller parts, or reject it.", innerException)
        {
            Kind = kind;
            TextLength = textLength;
        }

        /// <summary>The kind whose detector timed out.</summary>
        public string Kind { get; }

        /// <summary>The length of the text being scanned.</summary>
        public int TextLength { get; }
    }
}
