using System;

namespace LlmPreflight
{
    /// <summary>One chat message as plain text, for counting a prompt that is not built from Microsoft.Extensions.AI types.</summary>
    public sealed class LlmPromptMessage
    {
        /// <summary>Creates a message.</summary>
        /// <param name="role">The role, e.g. <c>"system"</c>, <c>"user"</c>, <c>"assistant"</c>.</param>
        /// <param name="content">The text.</param>
        /// <param name="name">The optional participant name (OpenAI's <c>name</c> field), which costs tokens too.</param>
        public LlmPromptMessage(string role, string content, string? name = null)
        {
            Role = role ?? throw new ArgumentNullException(nameof(role));
            Content = content ?? throw new ArgumentNullException(nameof(content));
            Name = name;
        }

        /// <summary>The role.</summary>
        public string Role { get; }

        /// <summary>The text.</summary>
        public string Content { get; }

        /// <summary>The participant name, if any.</summary>
        public string? Name { get; }
    }
}
