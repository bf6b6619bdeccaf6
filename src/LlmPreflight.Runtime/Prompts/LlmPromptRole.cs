namespace LlmPreflight
{
    /// <summary>Who speaks a message of a prompt: the file's <c>--- system</c>, <c>--- user</c> and <c>--- assistant</c> lines.</summary>
    public enum LlmPromptRole
    {
        /// <summary>Instructions to the model.</summary>
        System,

        /// <summary>The user's turn; a body without role lines is one user message.</summary>
        User,

        /// <summary>A model turn, for few-shot examples.</summary>
        Assistant,
    }
}
