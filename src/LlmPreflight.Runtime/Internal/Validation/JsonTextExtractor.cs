using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Finds the JSON value in a model's reply: inside a ```json fence, or amid chatter before and after it. Candidates are
    /// the balanced objects (or arrays) of the text, scanned left to right with strings, escapes and comments respected,
    /// so braces inside strings and fences inside string values do not confuse it. Of the candidates that parse, one inside
    /// a fence tagged json wins, else the longest (a reply often shows an example or a placeholder before the answer).
    /// </summary>
    internal static class JsonTextExtractor
    {
        // Each candidate is parsed once; a reply with more brace groups than this is not worth searching further.
        private const int MaxCandidates = 32;

        private static readonly char[] Brackets = { '{', '[' };

        private const int Unbalanced = -1;
        private const int Unterminated = -2;

        /// <param name="text">The model's reply.</param>
        /// <param name="expected">The wanted value's opening bracket: '{' for objects, '[' for arrays; <c>null</c> when any value (or a scalar) will do.</param>
        /// <param name="options">How the JSON is parsed (comments and trailing commas).</param>
        public static JsonExtraction Extract(string text, char? expected, JsonDocumentOptions options)
        {
            var found = new List<(int Start, string Json, JsonDocument Document)>();
            (string Json, string Message)? bestFailure = null;
            string? truncated = null;
            int attempts = 0;
            int position = 0;
            while (position < text.Length && attempts < MaxCandidates)
            {
                // Both kinds are candidates whatever is wanted, so an array is skipped as a whole rather than mined for
                // its first object, and a reply of the wrong kind is reported as such by the later checks.
                int start = text.IndexOfAny(Brackets, position);
                if (start < 0)
                {
                    break;
                }

                if (!LooksLikeJson(text, start))
                {
                    position = start + 1;
                    continue;
                }

                int end = BalancedEnd(text, start);
                if (end == Unterminated && IsJsonPrefix(text.Substring(start), options))
                {
                    // Everything after this point is inside the cut-off value: an inner object that parses is not the answer.
                    truncated = Describe(text, start);
                    break;
                }

                if (end < 0)
                {
                    position = start + 1;
                    continue;
                }

                attempts++;
                string json = text.Substring(start, end - start + 1);
                try
                {
                    found.Add((start, json, JsonDocument.Parse(json, options)));
                }
                catch (JsonException error)
                {
                    if (bestFailure is null || json.Length > bestFailure.Value.Json.Length)
                    {
                        bestFailure = (json, SyntaxMessage(error));
                    }
                }

                position = end + 1;
            }

            if (found.Count > 0)
            {
                int chosen = Choose(text, found, expected);
                for (int i = 0; i < found.Count; i++)
                {
                    if (i != chosen)
                    {
                        found[i].Document.Dispose();
                    }
                }

                return JsonExtraction.Found(found[chosen].Document, found[chosen].Json);
            }

            if (truncated != null)
            {
                return JsonExtraction.Failed(null, truncated);
            }

            if (bestFailure is (string failedJson, string message))
            {
                return JsonExtraction.Failed(failedJson, message);
            }

            return expected is null ? Scalar(text, options) : JsonExtraction.Failed(null, NoJsonMessage(expected.Value));
        }

        /// <summary>
        /// Among the candidates of the wanted kind (all, when none is), the first inside a json-tagged fence; else the longest.
        /// A reply's answer is usually its largest JSON value; the smaller ones are examples, placeholders or footnote markers.
        /// </summary>
        private static int Choose(string text, List<(int Start, string Json, JsonDocument Document)> found, char? expected)
        {
            bool anyOfKind = expected is char wanted && found.Exists(f => f.Json[0] == wanted);
            int longest = -1;
            for (int i = 0; i < found.Count; i++)
            {
                if (anyOfKind && found[i].Json[0] != expected)
                {
                    continue;
                }

                if (InJsonFence(text, found[i].Start))
                {
                    return i;
                }

                if (longest < 0 || found[i].Json.Length > found[longest].Json.Length)
                {
                    longest = i;
                }
            }

            return longest;
        }

        /// <summary>
        /// Whether an unclosed candidate is the beginning of valid JSON (a cut-off answer) rather than prose that opened a
        /// bracket and never closed it ("in the range [0, 1)").
        /// </summary>
        private static bool IsJsonPrefix(string candidate, JsonDocumentOptions options)
        {
            var reader = new Utf8JsonReader(
                Encoding.UTF8.GetBytes(candidate),
                isFinalBlock: false,
                new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = options.AllowTrailingCommas, CommentHandling = options.CommentHandling, MaxDepth = options.MaxDepth }));
            try
            {
                while (reader.Read())
                {
                }

                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>The reply (or its first fenced block) as a scalar value ("42", "\"text\"", "true").</summary>
        private static JsonExtraction Scalar(string text, JsonDocumentOptions options)
        {
            string json = StripFence(text.Trim());
            try
            {
                return JsonExtraction.Found(JsonDocument.Parse(json, options), json);
            }
            catch (JsonException error)
            {
                return JsonExtraction.Failed(json, SyntaxMessage(error));
            }
        }

        /// <summary>The content of the reply's first fenced block, or the reply itself when it has none.</summary>
        private static string StripFence(string text)
        {
            int open = text.IndexOf("```", StringComparison.Ordinal);
            int lineEnd = open < 0 ? -1 : text.IndexOf('\n', open);
            int close = lineEnd < 0 ? -1 : text.IndexOf("```", lineEnd, StringComparison.Ordinal);
            return close < 0 ? text : text.Substring(lineEnd + 1, close - lineEnd - 1).Trim();
        }

        /// <summary>
        /// Whether a brace opens a JSON value rather than prose ("{placeholder}", "[1]" as a footnote is not excluded):
        /// an object's next token must be a property name, its end, or a comment.
        /// </summary>
        private static bool LooksLikeJson(string text, int start)
        {
            int next = start + 1;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next >= text.Length)
            {
                return true;
            }

            char c = text[next];
            return text[start] == '{'
                ? c == '"' || c == '}' || c == '/'
                : c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || c == '/' || char.IsDigit(c) || c == 't' || c == 'f' || c == 'n';
        }

        /// <summary>The index of the bracket that closes the one at <paramref name="start"/>, or <see cref="Unbalanced"/>/<see cref="Unterminated"/>.</summary>
        private static int BalancedEnd(string text, int start)
        {
            var open = new Stack<char>();
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '"':
                        i = StringEnd(text, i);
                        if (i < 0)
                        {
                            return Unterminated;
                        }

                        break;
                    case '/' when i + 1 < text.Length && text[i + 1] == '/':
                        int lineEnd = text.IndexOf('\n', i);
                        i = lineEnd < 0 ? text.Length : lineEnd;
                        break;
                    case '/' when i + 1 < text.Length && text[i + 1] == '*':
                        int commentEnd = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                        i = commentEnd < 0 ? text.Length : commentEnd + 1;
                        break;
                    case '{':
                        open.Push('}');
                        break;
                    case '[':
                        open.Push(']');
                        break;
                    case '}':
                    case ']':
                        if (open.Count == 0 || open.Pop() != c)
                        {
                            return Unbalanced;
                        }

                        if (open.Count == 0)
                        {
                            return i;
                        }

                        break;
                }
            }

            return Unterminated;
        }

        /// <summary>The index of the quote that ends the string opened at <paramref name="quote"/>, or -1 when the text ends first.</summary>
        private static int StringEnd(string text, int quote)
        {
            for (int i = quote + 1; i < text.Length; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
                else if (text[i] == '"')
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whether the position follows an opening fence tagged json (```json, ```JSON, ```jsonc) on its own line.</summary>
        private static bool InJsonFence(string text, int position)
        {
            int fence = text.LastIndexOf("```", position, StringComparison.Ordinal);
            if (fence < 0)
            {
                return false;
            }

            int tagEnd = fence + 3;
            while (tagEnd < text.Length && char.IsLetterOrDigit(text[tagEnd]))
            {
                tagEnd++;
            }

            string tag = text.Substring(fence + 3, tagEnd - fence - 3);
            return tag.StartsWith("json", StringComparison.OrdinalIgnoreCase) && text.Substring(tagEnd, position - tagEnd).Trim().Length == 0;
        }

        private static string Describe(string text, int start)
        {
            (int line, int column) = LineAndColumn(text, start);
            string what = text[start] == '{' ? "object" : "array";
            return $"The JSON is cut off: the text ends before the {what} that starts at line {line}, column {column} is closed. "
                + "The output was probably truncated at the output token limit; ask for a shorter answer or raise the maximum output tokens.";
        }

        private static (int Line, int Column) LineAndColumn(string text, int index)
        {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < index; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, index - lineStart + 1);
        }

        /// <summary>The parser's sentence without its "LineNumber: 0 | BytePositionInLine: 7." tail, with 1-based line and column.</summary>
        private static string SyntaxMessage(JsonException error)
        {
            string message = error.Message;
            int tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (tail < 0)
            {
                tail = message.IndexOf(" Path:", StringComparison.Ordinal);
            }

            message = (tail < 0 ? message : message.Substring(0, tail)).TrimEnd(' ', '.');
            string where = error.LineNumber is long line && error.BytePositionInLine is long column
                ? $" (line {line + 1}, column {column + 1} of the JSON)"
                : string.Empty;
            return $"The output is not valid JSON: {message}{where}.";
        }

        private static string NoJsonMessage(char expected)
            => expected == '['
                ? "The output contains no JSON array. Reply with a JSON array only."
                : "The output contains no JSON object. Reply with a JSON object only.";
    }
}
