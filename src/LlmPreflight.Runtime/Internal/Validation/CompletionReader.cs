using System;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Reads how an output ended and its text from one result type, through delegates compiled once for that type.
    /// A wrapper (<c>ClientResult&lt;T&gt;</c>, <c>Response&lt;T&gt;</c>, a first choice) hands its value on to the reader of
    /// the value's runtime type.
    /// </summary>
    internal sealed class CompletionReader
    {
        public static readonly CompletionReader None = new CompletionReader(null, null, null);

        private readonly Func<object, object?>? _unwrap;
        private readonly Func<object, LlmCompletionStatus>? _status;
        private readonly Func<object, string?>? _text;

        public CompletionReader(Func<object, object?>? unwrap, Func<object, LlmCompletionStatus>? status, Func<object, string?>? text)
        {
            _unwrap = unwrap;
            _status = status;
            _text = text;
        }

        /// <summary>Whether the type is one the runtime knows how to read.</summary>
        public bool IsRecognized => _unwrap != null || _status != null || _text != null;

        public LlmCompletionStatus Status(object result)
        {
            if (_unwrap != null)
            {
                object? inner = _unwrap(result);
                return inner is null ? default : CompletionReaders.For(inner.GetType()).Status(inner);
            }

            return _status?.Invoke(result) ?? default;
        }

        public string? Text(object result)
        {
            if (_unwrap != null)
            {
                object? inner = _unwrap(result);
                return inner is null ? null : CompletionReaders.For(inner.GetType()).Text(inner);
            }

            return _text?.Invoke(result);
        }
    }
}
