namespace LlmPreflight
{
    /// <summary>One reason a model's output was rejected: where in the JSON, and what is wrong there.</summary>
    public sealed class LlmValidationError
    {
        /// <summary>Creates an error.</summary>
        /// <param name="path">Where: a JSON path such as <c>$.lines[0].qty</c>; <c>$</c> for the output as a whole.</param>
        /// <param name="message">What is wrong, in a sentence a person or a model can act on.</param>
        public LlmValidationError(string path, string message)
        {
            Path = path ?? "$";
            Message = message ?? string.Empty;
        }

        /// <summary>Where: a JSON path such as <c>$.lines[0].qty</c>; <c>$</c> for the output as a whole.</summary>
        public string Path { get; }

        /// <summary>What is wrong.</summary>
        public string Message { get; }

        /// <summary><c>path: message</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Path + ": " + Message;
    }
}
