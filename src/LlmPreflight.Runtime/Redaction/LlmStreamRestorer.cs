using System;
using System.Text;
using System.Text.RegularExpressions;
using LlmPreflight.Redaction.Detectors;

namespace LlmPreflight
{
    /// <summary>
    /// Restores the placeholders of an <see cref="LlmRedaction"/> in an answer that arrives in pieces, where a placeholder
    /// can be split between pieces (<c>"[EMA"</c>, <c>"IL_1] will"</c>). Feed each piece to <see cref="Push"/> and show
    /// what it returns; call <see cref="Complete"/> when the stream ends. The concatenation of everything returned is
    /// exactly <see cref="LlmRedaction.Restore"/> of the concatenated pieces, however the answer was split.
    /// </summary>
    /// <remarks>
    /// Only a tail that could still become a placeholder is held back, and never more than
    /// <see cref="MaxHeldLength"/> characters, so a stray <c>[</c> delays the text behind it by a few characters at
    /// most. One restorer per stream; not thread-safe (a stream is read by one consumer at a time).
    /// </remarks>
    public sealed class LlmStreamRestorer
    {
        private readonly LlmRedaction _redaction;
        private readonly PlaceholderFormat _format;
        private string _held = string.Empty;
        private bool _completed;

        internal LlmStreamRestorer(LlmRedaction redaction)
        {
            _redaction = redaction;
            _format = redaction.Format;
        }

        /// <summary>Characters held back right now: the tail of the pieces so far that could still become a placeholder.</summary>
        public int HeldLength => _held.Length;

        /// <summary>
        /// The most characters this restorer ever holds back: one less than the longest text the redaction's placeholder
        /// format can match (with Markdown escapes, the longest kind and number, and the whitespace it tolerates).
        /// </summary>
        public int MaxHeldLength => _format.MaxLength - 1;

        /// <summary>Adds the next piece of the answer and returns the text that is final now, placeholders restored.</summary>
        /// <param name="chunk">The next piece; null is taken as an empty piece (an SDK's content part without text).</param>
        /// <returns>Text to show now; empty while the piece only extends a possible placeholder.</returns>
        /// <exception cref="InvalidOperationException"><see cref="Complete"/> was already called.</exception>
        public string Push(string? chunk)
        {
            if (_completed)
            {
                throw new InvalidOperationException(
                    $"This {nameof(LlmStreamRestorer)} was completed; a stream's text ended there. Create a new one with {nameof(LlmRedaction)}.{nameof(LlmRedaction.CreateStreamRestorer)}() for the next stream.");
            }

            if (string.IsNullOrEmpty(chunk))
            {
                return string.Empty;
            }

            return Release(_held.Length == 0 ? chunk! : _held + chunk, complete: false);
        }

        /// <summary>Ends the stream: returns the held-back text, restored as far as it goes. Calling it again returns an empty string.</summary>
        public string Complete()
        {
            if (_completed)
            {
                return string.Empty;
            }

            _completed = true;
            return Release(_held, complete: true);
        }

        // Restore scans left to right and, after a match, resumes where it ended. A match at position p depends only on
        // the next MaxLength characters (the pattern has no anchors or lookarounds), and not even on those once the text
        // from p on can no longer grow into a placeholder. So every start before the first still-open one is settled,
        // and the scan stops there and keeps the rest.
        private string Release(string text, bool complete)
        {
            if (_redaction.OriginalsByKey.Count == 0)
            {
                // Restore returns such an answer unchanged, so nothing needs holding back.
                _held = string.Empty;
                return text;
            }

            StringBuilder? restored = null;
            int position = 0;
            int open = complete ? text.Length : FirstOpenStart(text, 0);
            while (position < open)
            {
                Match match = _format.Pattern.Match(text, position);
                if (!match.Success || match.Index >= open)
                {
                    break;
                }

                restored ??= new StringBuilder(text.Length);
                restored.Append(text, position, match.Index - position).Append(_redaction.Resolve(match));
                position = match.Index + match.Length;
                if (open < position)
                {
                    open = FirstOpenStart(text, position);
                }
            }

            _held = open < text.Length ? text.Substring(open) : string.Empty;
            if (restored is null)
            {
                return open == text.Length ? text : text.Substring(0, open);
            }

            return restored.Append(text, position, open - position).ToString();
        }

        /// <summary>The first start, at or after <paramref name="from"/>, whose match is not settled yet; the text's length when none.</summary>
        private int FirstOpenStart(string text, int from)
        {
            for (int start = Math.Max(from, text.Length - _format.MaxLength + 1); start < text.Length; start++)
            {
                if (_format.CouldGrowAt(text, start))
                {
                    return start;
                }
            }

            return text.Length;
        }
    }
}
