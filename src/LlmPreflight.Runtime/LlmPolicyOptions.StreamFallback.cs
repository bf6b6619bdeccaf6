using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <content>Fallbacks for <see cref="LlmGuard.StreamAsync{T}(string, Func{System.Threading.CancellationToken, IAsyncEnumerable{T}}, System.Threading.CancellationToken)"/>.</content>
    public sealed partial class LlmPolicyOptions
    {
        // Kept apart from AddFallback's table: a stream of T and a call returning T are different calls, and a
        // value registered for RunAsync<string> must not start answering streams of string.
        private readonly Dictionary<Type, Delegate> _streamFallbacks = new Dictionary<Type, Delegate>();

        internal IReadOnlyDictionary<Type, Delegate> StreamFallbacks => _streamFallbacks;

        /// <summary>
        /// Sets the stream a guarded stream of <typeparamref name="T"/> yields instead when the model service is
        /// unavailable before the stream's first item has reached the caller: retries exhausted on a transient
        /// failure, a timeout, a rate-limit rejection, a Retry-After beyond the cap, or the policy's budget
        /// blocking the call. The replacement can be canned items or another model's stream (for example
        /// <c>LlmGuard.StreamAsync("cheap", ...)</c> under another policy).
        /// </summary>
        /// <remarks>
        /// A failure after the first item has reached the caller is never replaced: the caller has already shown
        /// part of the answer, and appending another answer to it would be wrong, so the stream ends with the
        /// exception. Caller cancellation and non-transient errors (400, 401, 404, ...) are never replaced either.
        /// The replacement is enumerated with the caller's cancellation token.
        /// </remarks>
        /// <typeparam name="T">The exact item type of the guarded streams this fallback serves.</typeparam>
        /// <param name="streamFactory">Builds the replacement stream from the failure.</param>
        /// <returns>These options, for chaining.</returns>
        public LlmPolicyOptions AddStreamFallback<T>(Func<Exception, IAsyncEnumerable<T>> streamFactory)
        {
            if (streamFactory is null)
            {
                throw new ArgumentNullException(nameof(streamFactory));
            }

            _streamFallbacks[typeof(T)] = streamFactory;
            return this;
        }

        /// <summary>
        /// Sets a single item that a guarded stream of <typeparamref name="T"/> yields instead when the model service
        /// is unavailable before the stream's first item (a canned "please try again" message); see
        /// <see cref="AddStreamFallback{T}(Func{Exception, IAsyncEnumerable{T}})"/> for when it applies.
        /// </summary>
        /// <typeparam name="T">The exact item type of the guarded streams this fallback serves.</typeparam>
        /// <param name="itemFactory">Builds the one replacement item from the failure.</param>
        /// <returns>These options, for chaining.</returns>
        public LlmPolicyOptions AddStreamFallback<T>(Func<Exception, T> itemFactory)
        {
            if (itemFactory is null)
            {
                throw new ArgumentNullException(nameof(itemFactory));
            }

            return AddStreamFallback<T>(exception => SingleItem(itemFactory(exception)));
        }

#pragma warning disable CS1998 // An iterator with no await: the one item is ready when the fallback is chosen.
        private static async IAsyncEnumerable<T> SingleItem<T>(T item)
        {
            yield return item;
        }
#pragma warning restore CS1998
    }
}
