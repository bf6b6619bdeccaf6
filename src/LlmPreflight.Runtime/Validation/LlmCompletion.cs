using System;
using LlmPreflight.Internal.Validation;

namespace LlmPreflight
{
    /// <summary>
    /// Reads how a model's output ended (<see cref="GetStatus"/>) and its text (<see cref="GetText"/>) from any supported SDK
    /// result: OpenAI 2.x and Azure.AI.OpenAI 2.x (<c>ClientResult&lt;T&gt;</c>, <c>ChatCompletion</c>, streaming updates,
    /// Responses <c>ResponseResult</c>), Microsoft.Extensions.AI <c>ChatResponse</c>/<c>ChatResponseUpdate</c>, Anthropic
    /// <c>Message</c> and stream events, Semantic Kernel <c>ChatMessageContent</c>, OllamaSharp's done items and Betalgo's
    /// <c>ChatCompletionCreateResponse</c>. Use <see cref="EnsureComplete{T}"/> to reject truncated, filtered or refused output.
    /// </summary>
    /// <remarks>
    /// The runtime references none of the SDKs: result types are recognised by full name and their members read through
    /// delegates compiled once per type, as for the usage readers. Register other types with <see cref="Register{T}"/>.
    /// </remarks>
    public static class LlmCompletion
    {
        /// <summary>How the result's output ended; <see cref="LlmCompletionKind.Unknown"/> for <c>null</c> or a type that carries no reason.</summary>
        /// <param name="result">The SDK result (wrappers such as <c>ClientResult&lt;T&gt;</c> are unwrapped).</param>
        /// <returns>The status, with the SDK's own reason text.</returns>
        public static LlmCompletionStatus GetStatus(object? result)
            => result is null ? default : CompletionReaders.For(result.GetType()).Status(result);

        /// <summary>
        /// The text of the result's output (OpenAI's content parts joined, Responses' output text, <c>ChatResponse.Text</c>,
        /// Anthropic's text blocks joined, Semantic Kernel's <c>Content</c>, Ollama's message); a string is returned as it is.
        /// </summary>
        /// <param name="result">The SDK result.</param>
        /// <returns>The text, or <c>null</c> when the result has none or its type is not recognised.</returns>
        public static string? GetText(object? result)
            => result is null ? null : CompletionReaders.For(result.GetType()).Text(result);

        /// <summary>Returns the result when its output finished normally (or nothing says otherwise); throws when it did not.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="result">The SDK result.</param>
        /// <returns><paramref name="result"/>.</returns>
        /// <exception cref="LlmIncompleteOutputException">The output was truncated, filtered, refused or left incomplete; the message says what to change.</exception>
        public static T EnsureComplete<T>(T result)
        {
            LlmCompletionStatus status = GetStatus(result);
            return status.IsUsable ? result : throw new LlmIncompleteOutputException(status);
        }

        /// <summary>Teaches the runtime a result type of your own; it takes precedence over the built-in readers for that type and its subtypes.</summary>
        /// <typeparam name="T">The result type.</typeparam>
        /// <param name="status">Reads how the output ended.</param>
        /// <param name="text">Reads the output's text (return <c>null</c> when there is none).</param>
        public static void Register<T>(Func<T, LlmCompletionStatus> status, Func<T, string?> text)
        {
            if (status is null)
            {
                throw new ArgumentNullException(nameof(status));
            }

            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            CompletionReaders.Register(typeof(T), new CompletionReader(null, o => status((T)o), o => text((T)o)));
        }

        /// <summary>Whether the runtime can read the output of <paramref name="result"/>'s type.</summary>
        internal static bool IsRecognized(object result) => CompletionReaders.For(result.GetType()).IsRecognized;
    }
}
