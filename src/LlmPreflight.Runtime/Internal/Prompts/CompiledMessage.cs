using System.Collections.Generic;
using System.Text;

namespace LlmPreflight.Internal.Prompts
{
    /// <summary>
    /// A message body parsed once, at load: rendering only concatenates literals and formatted values, so a request
    /// never re-parses the template or meets a syntax error.
    /// </summary>
    internal sealed class CompiledMessage
    {
        private readonly TemplateSegment[] _segments;
        private readonly int _literalLength;

        public CompiledMessage(LlmPromptRole role, string source, IReadOnlyList<TemplateSegment> segments)
        {
            Role = role;
            Source = source;
            _segments = new TemplateSegment[segments.Count];
            for (int i = 0; i < segments.Count; i++)
            {
                _segments[i] = segments[i];
                _literalLength += segments[i].Literal?.Length ?? 0;
            }
        }

        public LlmPromptRole Role { get; }

        /// <summary>The message as written in the file (placeholders unrendered).</summary>
        public string Source { get; }

        public IEnumerable<int> Parameters
        {
            get
            {
                foreach (TemplateSegment segment in _segments)
                {
                    if (segment.Literal is null)
                    {
                        yield return segment.Parameter;
                    }
                }
            }
        }

        public string Render(string[] values)
        {
            var text = new StringBuilder(_literalLength + 64);
            foreach (TemplateSegment segment in _segments)
            {
                text.Append(segment.Literal ?? values[segment.Parameter]);
            }

            return text.ToString();
        }
    }
}
