using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using LlmPreflight.Internal.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace LlmPreflight
{
    /// <summary>
    /// Counts the tokens of a text or a chat prompt for one model: exactly for OpenAI models (tiktoken's
    /// <c>o200k_base</c> or <c>cl100k_base</c>, chosen by model name as tiktoken does), and as a documented
    /// estimate for other families (Claude, Gemini, Llama, unknown models). A counter is cheap to create and
    /// thread-safe; the vocabularies are loaded once, on first use, and shared.
    /// </summary>
    /// <remarks>
    /// Azure OpenAI deployments have names of their own: pass the underlying model (<c>ForModel("gpt-4o-mini")</c>),
    /// not the deployment name, or the count is an estimate for an unknown model.
    /// </remarks>
    public sealed class LlmTokenCounter
    {
        // The OpenAI cookbook's accounting for chat messages (num_tokens_from_messages): every message costs 3
        // tokens of framing, a name 1 more, and every reply is primed with 3 (<|start|>assistant<|message|>).
        private const int TokensPerMessage = 3;
        private const int TokensPerName = 1;
        private const int ReplyPriming = 3;

        // Function arguments and results reach the model as compact JSON; MEAI's default options indent.
        private static readonly JsonSerializerOptions CompactJson = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

        private readonly ModelFamily _family;
        private readonly Tokenizer _tokenizer;

        private LlmTokenCounter(string? model, ModelFamily family)
        {
            Model = model;
            _family = family;
            _tokenizer = Vocabularies.For(family.Encoding);
            string vocabulary = Vocabularies.Name(family.Encoding);
            Method = family.IsExact
                ? vocabulary
                : family.Factor == 1.0
                    ? $"{vocabulary} ({family.Provider} estimate)"
                    : string.Format(CultureInfo.InvariantCulture, "{0} x {1:0.00} ({2} estimate)", vocabulary, family.Factor, family.Provider);
        }

        /// <summary>The model this counter was made for, or <c>null</c> for a counter made with <see cref="ForEncoding"/>.</summary>
        public string? Model { get; }

        /// <summary>The model's provider family: <c>openai</c>, <c>anthropic</c>, <c>gcp.gemini</c>, <c>meta</c> (Llama 3), or <c>unknown</c>.</summary>
        public string Provider => _family.Provider;

        /// <summary>The vocabulary the text is tokenized with.</summary>
        public LlmTokenEncoding Encoding => _family.Encoding;

        /// <summary>The factor applied to the vocabulary's count (1 for exact counts), rounded up after scaling.</summary>
        public double Factor => _family.Factor;

        /// <summary>Whether counts are exact (an OpenAI model with its own vocabulary) rather than estimates.</summary>
        public bool IsExact => _family.IsExact;

        /// <summary>How counts are obtained, e.g. <c>"o200k_base"</c> or <c>"o200k_base x 1.20 (anthropic estimate)"</c>.</summary>
        public string Method { get; }

        /// <summary>
        /// The counter for a model: exact for OpenAI models (gpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*, o1*, o3*, o4* with
        /// o200k_base; gpt-4, gpt-3.5-turbo, text-embedding-3-*, text-embedding-ada-002 with cl100k_base), an estimate
        /// for others (see docs/runtime.md for the factor of each family and its measured error).
        /// </summary>
        /// <param name="model">The model name, e.g. <c>"gpt-4o-mini"</c>, <c>"claude-sonnet-4-5"</c>, <c>"llama3.1:8b"</c>.</param>
        /// <returns>The counter.</returns>
        public static LlmTokenCounter ForModel(string model)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new ArgumentException("The model name is empty. Pass the model the request names, e.g. \"gpt-4o-mini\" (for Azure OpenAI, the deployment's model, not the deployment name).", nameof(model));
            }

            return new LlmTokenCounter(model.Trim(), ModelFamilies.For(model));
        }

        /// <summary>An exact counter for a vocabulary, for a model whose name does not tell (an Azure deployment, a fine-tune alias).</summary>
        /// <param name="encoding">The vocabulary.</param>
        /// <returns>The counter.</returns>
        public static LlmTokenCounter ForEncoding(LlmTokenEncoding encoding)
            => new LlmTokenCounter(null, encoding == LlmTokenEncoding.O200kBase ? ModelFamilies.OpenAIO200k : ModelFamilies.OpenAICl100k);

        /// <summary>The tokens of a text as the model reads it (no chat framing).</summary>
        /// <param name="text">The text.</param>
        /// <returns>The count, exact or estimated.</returns>
        public LlmTokenCount CountTokens(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            return Result(Raw(text));
        }

        /// <summary>
        /// The input tokens of a chat prompt (for example a rendered <see cref="LlmPrompt"/>'s messages): each message's
        /// role and text, plus the OpenAI cookbook's framing (3 tokens per message, 3 to prime the reply). Exact for
        /// OpenAI models and plain text messages; tool definitions and images are not counted.
        /// </summary>
        /// <param name="messages">The messages.</param>
        /// <returns>The count, exact or estimated.</returns>
        public LlmTokenCount CountChatTokens(IEnumerable<LlmPromptMessage> messages)
        {
            if (messages is null)
            {
                throw new ArgumentNullException(nameof(messages));
            }

            long tokens = ReplyPriming;
            foreach (LlmPromptMessage message in messages)
            {
                if (message is null)
                {
                    throw new ArgumentException("The messages contain a null message.", nameof(messages));
                }

                tokens += Message(RoleName(message.Role), null) + Raw(message.Text);
            }

            return Result(tokens);
        }

        /// <summary>
        /// The input tokens of a Microsoft.Extensions.AI chat prompt, as <see cref="CountChatTokens(IEnumerable{LlmPromptMessage})"/>:
        /// each message's role, author name (1 token more, as the cookbook counts a name) and text, and function calls (name and JSON arguments) and function
        /// results (as JSON). Images and other binary contents are not counted.
        /// </summary>
        /// <param name="messages">The messages.</param>
        /// <returns>The count, exact or estimated.</returns>
        public LlmTokenCount CountChatTokens(IEnumerable<ChatMessage> messages)
        {
            if (messages is null)
            {
                throw new ArgumentNullException(nameof(messages));
            }

            long tokens = ReplyPriming;
            foreach (ChatMessage message in messages)
            {
                if (message is null)
                {
                    throw new ArgumentException("The messages contain a null message.", nameof(messages));
                }

                tokens += Message(message.Role.Value, message.AuthorName);
                foreach (AIContent content in message.Contents)
                {
                    tokens += content switch
                    {
                        TextContent text => Raw(text.Text ?? string.Empty),
                        FunctionCallContent call => Raw(call.Name) + Raw(JsonSerializer.Serialize(call.Arguments, CompactJson)),
                        FunctionResultContent result => Raw(JsonSerializer.Serialize(result.Result, CompactJson)),
                        _ => 0,
                    };
                }
            }

            return Result(tokens);
        }

        /// <summary>The role as the chat APIs write it.</summary>
        private static string RoleName(LlmPromptRole role) => role switch
        {
            LlmPromptRole.System => "system",
            LlmPromptRole.Assistant => "assistant",
            _ => "user",
        };

        /// <summary>A message's framing: its fixed overhead, its role and its name.</summary>
        private long Message(string role, string? name)
            => TokensPerMessage + Raw(role) + (string.IsNullOrEmpty(name) ? 0 : TokensPerName + Raw(name!));

        private long Raw(string text) => text.Length == 0 ? 0 : _tokenizer.CountTokens(text);

        private LlmTokenCount Result(long vocabularyTokens)
            => new LlmTokenCount(_family.IsExact ? vocabularyTokens : (long)Math.Ceiling(vocabularyTokens * _family.Factor), _family.IsExact, Method);
    }
}
