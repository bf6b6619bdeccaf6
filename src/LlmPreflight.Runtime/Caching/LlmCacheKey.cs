using System;
using System.Text;
using LlmPreflight.Internal;
using LlmPreflight.Internal.Caching;

namespace LlmPreflight
{
    /// <summary>
    /// The response cache's key for one request: a SHA-256 (64 lowercase hex digits) over the key scheme's version, the
    /// policy name, the prompt id and version, the model, the result type and a canonical serialization of the request.
    /// Stable across processes and machines (no <c>GetHashCode</c>); the store key is the policy's
    /// <see cref="LlmPolicyOptions.CacheKeyPrefix"/> followed by <see cref="Value"/>.
    /// </summary>
    /// <remarks>
    /// The request is serialized as follows: strings as they are; OpenAI and Azure OpenAI models (<c>IJsonModel&lt;T&gt;</c>:
    /// <c>ChatMessage</c>, <c>ChatCompletionOptions</c>, ...) with <c>ModelReaderWriter</c>; Microsoft.Extensions.AI's
    /// <c>ChatOptions</c> with System.Text.Json and its tools' names, descriptions and JSON schemas; sequences element by
    /// element; anything else with System.Text.Json (<c>AIJsonUtilities.DefaultOptions</c>). Each element carries its type
    /// name. Not part of the key: the client object (endpoint, API key, and for OpenAI's <c>ChatClient</c> the model,
    /// so pass the model explicitly), properties that System.Text.Json ignores, and anything not passed as the request.
    /// </remarks>
    public sealed class LlmCacheKey : IEquatable<LlmCacheKey>
    {
        /// <summary>The version of the key scheme; changing how keys are built changes it, so old entries are never misread.</summary>
        internal const string Scheme = "llmpreflight.cache/1";

        private LlmCacheKey(string value) => Value = value;

        /// <summary>The key: 64 lowercase hex digits.</summary>
        public string Value { get; }

        /// <summary>Computes the key of a request.</summary>
        /// <typeparam name="TResult">The result type of the call (part of the key: a different type is a different entry).</typeparam>
        /// <param name="policyName">The policy's name.</param>
        /// <param name="request">What determines the answer: messages, options, or an array of several (<c>new object[] { messages, options }</c>).</param>
        /// <param name="promptId">The prompt id, or <c>null</c>.</param>
        /// <param name="promptVersion">The prompt version, or <c>null</c>.</param>
        /// <param name="model">The model, or <c>null</c>.</param>
        /// <returns>The key.</returns>
        /// <exception cref="ArgumentException">The request cannot be serialized into a key; the message says why and what to pass instead.</exception>
        public static LlmCacheKey Create<TResult>(string policyName, object? request, string? promptId = null, string? promptVersion = null, string? model = null)
            => Create(policyName, typeof(TResult), request, promptId, promptVersion, model);

        /// <summary>Computes the key of a request; see <see cref="Create{TResult}"/>.</summary>
        /// <param name="policyName">The policy's name.</param>
        /// <param name="resultType">The result type of the call.</param>
        /// <param name="request">What determines the answer.</param>
        /// <param name="promptId">The prompt id, or <c>null</c>.</param>
        /// <param name="promptVersion">The prompt version, or <c>null</c>.</param>
        /// <param name="model">The model, or <c>null</c>.</param>
        /// <returns>The key.</returns>
        public static LlmCacheKey Create(string policyName, Type resultType, object? request, string? promptId = null, string? promptVersion = null, string? model = null)
        {
            if (policyName is null)
            {
                throw new ArgumentNullException(nameof(policyName));
            }

            if (resultType is null)
            {
                throw new ArgumentNullException(nameof(resultType));
            }

            // Every field is length-prefixed, so no value can be made to look like another field.
            var text = new StringBuilder(256);
            text.Append(Scheme).Append('\n');
            Field(text, "policy", policyName);
            Field(text, "prompt.id", promptId);
            Field(text, "prompt.version", promptVersion);
            Field(text, "model", model);
            Field(text, "result", StableTypeName.Of(resultType));
            text.Append("request=");
            RequestCanonicalizer.Write(text, request);

            byte[] hash = Sha256Hash.Of(text.ToString());

            var hex = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return new LlmCacheKey(hex.ToString());
        }

        /// <inheritdoc />
        public bool Equals(LlmCacheKey? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as LlmCacheKey);

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

        /// <summary>The key's <see cref="Value"/>.</summary>
        /// <returns>64 lowercase hex digits.</returns>
        public override string ToString() => Value;

        private static void Field(StringBuilder text, string name, string? value)
        {
            text.Append(name).Append('=');
            if (value is null)
            {
                text.Append('~');
            }
            else
            {
                text.Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value);
            }

            text.Append('\n');
        }
    }
}
