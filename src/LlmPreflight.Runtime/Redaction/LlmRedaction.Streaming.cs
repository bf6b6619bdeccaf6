using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace LlmPreflight
{
    public sealed partial class LlmRedaction
    {
        /// <summary>
        /// A restorer for one streamed answer: push each piece and show what it returns, then complete it. Use it
        /// directly for SDK streams (OpenAI's <c>update.ContentUpdate[i].Text</c>); for plain string streams and
        /// Microsoft.Extensions.AI updates, <see cref="RestoreAsync(IAsyncEnumerable{string}, CancellationToken)"/> does it for you.
        /// </summary>
        public LlmStreamRestorer CreateStreamRestorer() => new LlmStreamRestorer(this);

        /// <summary>
        /// Restores the placeholders in a streamed answer. A piece that only extends a possible placeholder yields
        /// nothing; its text comes out with a later piece or at the end, so the pieces out are not the pieces in, but
        /// their concatenation is <see cref="Restore"/> of the whole answer.
        /// </summary>
        /// <param name="chunks">The answer's text pieces; null pieces count as empty.</param>
        /// <param name="cancellationToken">Passed to <paramref name="chunks"/>.</param>
        public IAsyncEnumerable<string> RestoreAsync(IAsyncEnumerable<string> chunks, CancellationToken cancellationToken = default)
        {
            if (chunks is null)
            {
                throw new ArgumentNullException(nameof(chunks));
            }

            return RestoreChunksAsync(chunks, cancellationToken);
        }

        /// <summary>
        /// Restores the placeholders in a Microsoft.Extensions.AI stream. Each update is copied with its
        /// <see cref="TextContent"/> rewritten; other contents (function calls, usage, reasoning) and the update's
        /// metadata are kept. The input updates are not modified, so a caching client below still stores the redacted
        /// text. Text held back because it could still be a placeholder moves to a later update: a text content can
        /// come out shorter or be dropped (the update is still yielded), and when the stream ends on held-back text one
        /// more update, with the last text update's ids, carries it. A new <see cref="ChatResponseUpdate.MessageId"/>
        /// flushes the text held for the previous message first, so no text moves between messages.
        /// </summary>
        /// <param name="updates">The stream, e.g. from <c>IChatClient.GetStreamingResponseAsync</c>.</param>
        /// <param name="cancellationToken">Passed to <paramref name="updates"/>.</param>
        public IAsyncEnumerable<ChatResponseUpdate> RestoreAsync(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken cancellationToken = default)
        {
            if (updates is null)
            {
                throw new ArgumentNullException(nameof(updates));
            }

            return RestoreUpdatesAsync(updates, cancellationToken);
        }

        private async IAsyncEnumerable<string> RestoreChunksAsync(IAsyncEnumerable<string> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            LlmStreamRestorer restorer = CreateStreamRestorer();
            await foreach (string chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                string ready = restorer.Push(chunk);
                if (ready.Length > 0)
                {
                    yield return ready;
                }
            }

            string rest = restorer.Complete();
            if (rest.Length > 0)
            {
                yield return rest;
            }
        }

        private async IAsyncEnumerable<ChatResponseUpdate> RestoreUpdatesAsync(IAsyncEnumerable<ChatResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            LlmStreamRestorer restorer = CreateStreamRestorer();
            ChatResponseUpdate? lastWithText = null;
            await foreach (ChatResponseUpdate update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!HasText(update))
                {
                    yield return update;
                    continue;
                }

                if (lastWithText is not null && update.MessageId is not null && lastWithText.MessageId is not null
                    && !string.Equals(update.MessageId, lastWithText.MessageId, StringComparison.Ordinal))
                {
                    string held = restorer.Complete();
                    if (held.Length > 0)
                    {
                        yield return Carrying(held, lastWithText);
                    }

                    restorer = CreateStreamRestorer();
                }

                lastWithText = update;
                yield return Rewritten(update, restorer);
            }

            string rest = restorer.Complete();
            if (rest.Length > 0)
            {
                yield return Carrying(rest, lastWithText!);
            }
        }

        private static bool HasText(ChatResponseUpdate update)
        {
            foreach (AIContent content in update.Contents)
            {
                if (content is TextContent)
                {
                    return true;
                }
            }

            return false;
        }

        private static ChatResponseUpdate Rewritten(ChatResponseUpdate update, LlmStreamRestorer restorer)
        {
            var contents = new List<AIContent>(update.Contents.Count);
            foreach (AIContent content in update.Contents)
            {
                if (content is not TextContent text)
                {
                    contents.Add(content);
                    continue;
                }

                string ready = restorer.Push(text.Text);
                if (ready.Length > 0)
                {
                    contents.Add(new TextContent(ready)
                    {
                        Annotations = text.Annotations,
                        AdditionalProperties = text.AdditionalProperties,
                        RawRepresentation = text.RawRepresentation,
                    });
                }
            }

            return new ChatResponseUpdate(update.Role, contents)
            {
                AuthorName = update.AuthorName,
                RawRepresentation = update.RawRepresentation,
                AdditionalProperties = update.AdditionalProperties,
                ResponseId = update.ResponseId,
                MessageId = update.MessageId,
                ConversationId = update.ConversationId,
                CreatedAt = update.CreatedAt,
                FinishReason = update.FinishReason,
                ModelId = update.ModelId,
            };
        }

        /// <summary>An update for text held back past the update it arrived in, with that update's ids so it joins the same message.</summary>
        private static ChatResponseUpdate Carrying(string text, ChatResponseUpdate from)
            => new ChatResponseUpdate(from.Role ?? ChatRole.Assistant, new List<AIContent> { new TextContent(text) })
            {
                AuthorName = from.AuthorName,
                ResponseId = from.ResponseId,
                MessageId = from.MessageId,
                ConversationId = from.ConversationId,
                CreatedAt = from.CreatedAt,
                ModelId = from.ModelId,
            };
    }
}
