using System;
using System.Text.Json;
using LlmPreflight.Internal.Validation;

namespace LlmPreflight
{
    /// <summary>
    /// Reads a model's text as a typed value without throwing on bad output: finds the JSON inside code fences and chatter,
    /// checks it against the type's JSON schema, deserialises it with System.Text.Json (enforcing <c>required</c> members),
    /// and checks DataAnnotations, recursively. The result holds the value or every error with its JSON path.
    /// </summary>
    /// <example>
    /// <code>
    /// LlmParseResult&lt;Order&gt; order = LlmOutput.Parse&lt;Order&gt;(text);
    /// if (!order.IsValid) { messages.Add(new UserChatMessage(order.RepairInstruction)); ... }
    /// </code>
    /// </example>
    public static class LlmOutput
    {
        /// <summary>
        /// The serializer options used when <see cref="LlmParseOptions.SerializerOptions"/> is not set (read-only): camelCase
        /// names matched case-insensitively, comments and trailing commas allowed, enums as strings in any case (not as numbers).
        /// Numbers in strings are not accepted. Copy it with <c>new JsonSerializerOptions(LlmOutput.DefaultSerializerOptions)</c> to adjust.
        /// </summary>
        public static JsonSerializerOptions DefaultSerializerOptions => SerializerOptionsCache.Default;

        /// <summary>Reads <paramref name="text"/> as a <typeparamref name="T"/>; never throws on bad model output.</summary>
        /// <typeparam name="T">The target type.</typeparam>
        /// <param name="text">The model's reply; <c>null</c> or empty is an error in the result.</param>
        /// <param name="options">How to read and check it; <c>null</c> for the defaults.</param>
        /// <returns>The value, or every error with its JSON path.</returns>
        public static LlmParseResult<T> Parse<T>(string? text, LlmParseOptions? options = null)
            => OutputParser.Parse<T>(text, options, default);

        /// <summary>Reads <paramref name="text"/> as a <typeparamref name="T"/>.</summary>
        /// <typeparam name="T">The target type.</typeparam>
        /// <param name="text">The model's reply.</param>
        /// <param name="value">The value when valid; otherwise <c>default</c>.</param>
        /// <param name="options">How to read and check it; <c>null</c> for the defaults.</param>
        /// <returns>Whether the output was valid.</returns>
        public static bool TryParse<T>(string? text, out T value, LlmParseOptions? options = null)
        {
            LlmParseResult<T> result = Parse<T>(text, options);
            value = result.Value!;
            return result.IsValid;
        }

        /// <summary>Reads <paramref name="text"/> as a <typeparamref name="T"/>, for callers who want an exception.</summary>
        /// <typeparam name="T">The target type.</typeparam>
        /// <param name="text">The model's reply.</param>
        /// <param name="options">How to read and check it; <c>null</c> for the defaults.</param>
        /// <returns>The value.</returns>
        /// <exception cref="LlmOutputValidationException">The output was rejected; the exception lists every error.</exception>
        public static T ParseOrThrow<T>(string? text, LlmParseOptions? options = null)
            => Parse<T>(text, options).GetValueOrThrow();

        /// <summary>
        /// Reads an SDK result's output as a <typeparamref name="T"/>: rejects it when it was truncated, filtered, refused or left
        /// incomplete (see <see cref="LlmCompletion.GetStatus"/>), otherwise parses its text (<see cref="LlmCompletion.GetText"/>).
        /// </summary>
        /// <typeparam name="T">The target type.</typeparam>
        /// <param name="response">The SDK result (<c>ClientResult&lt;ChatCompletion&gt;</c>, <c>ChatResponse</c>, Anthropic <c>Message</c>, ...), or a string.</param>
        /// <param name="options">How to read and check it; <c>null</c> for the defaults.</param>
        /// <returns>The value, or every error; a <c>null</c> response is an error in the result.</returns>
        /// <exception cref="ArgumentException">The response's type is not one the runtime can read text from.</exception>
        public static LlmParseResult<T> ParseResponse<T>(object? response, LlmParseOptions? options = null)
        {
            if (response != null && !LlmCompletion.IsRecognized(response))
            {
                throw new ArgumentException(
                    $"LlmOutput cannot read the text of a {TypeNames.Display(response.GetType())}. Pass its text to LlmOutput.Parse, or teach the runtime the type with LlmCompletion.Register.",
                    nameof(response));
            }

            return OutputParser.Parse<T>(LlmCompletion.GetText(response), options, LlmCompletion.GetStatus(response));
        }
    }
}
