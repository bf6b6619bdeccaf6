namespace LlmPreflight
{
    /// <summary>One message of a prompt: its role and text (a template's text holds the <c>{{placeholders}}</c>; a rendered prompt's has the values).</summary>
    public sealed class LlmPromptMessage
    {
        /// <summary>Creates a message.</summary>
        /// <param name="role">Who speaks it.</param>
        /// <param name="text">Its text.</param>
        public LlmPromptMessage(LlmPromptRole role, string text)
        {
            Role = role;
            Text = text ?? string.Empty;
        }

        /// <summary>Who speaks it.</summary>
        public LlmPromptRole Role { get; }

        /// <summary>Its text.</summary>
        public string Text { get; }

        /// <summary>The message as <c>role: text</c>, for logs and tests.</summary>
        /// <returns>The message.</returns>
        public override string ToString() => Role.ToString().ToLowerInvariant() + ": " + Text;
    }
}
