using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmPreflight.Internal.Prompts
{
    /// <summary>
    /// Parses one <c>.prompt</c> file: a header between two <c>---</c> lines (<c>key: value</c> lines and an indented
    /// <c>parameters:</c> list), then the body, optionally split into messages by <c>--- system</c> / <c>--- user</c> /
    /// <c>--- assistant</c> lines, with <c>{{name}}</c> placeholders. A hand-written parser for this small format
    /// rather than YAML: no dependency, and every mistake is reported with its line.
    /// </summary>
    internal static class PromptFileParser
    {
        public const string HeaderLine = "---";

        private static readonly string[] HeaderKeys = { "id", "version", "description", "model", "parameters" };

        private static readonly Regex Name = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private static readonly Regex Id = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

        // "--- system": a role line. Only single words after the dashes count, so "--- end of excerpt ---" stays text.
        private static readonly Regex RoleLine = new Regex(@"^---[ \t]+([A-Za-z]+)[ \t]*$", RegexOptions.CultureInvariant);

        private static readonly Regex EnumType = new Regex(@"^enum\s*\((.*)\)$", RegexOptions.CultureInvariant);

        /// <summary>Parses the text; returns the template, or <c>null</c> after adding each problem (with its line) to <paramref name="problems"/>.</summary>
        public static LlmPromptTemplate? Parse(string source, string text, List<string> problems)
        {
            var file = new FileProblems(source, problems);

            // Line endings are normalised so a CRLF checkout renders exactly the same prompt as an LF one.
            string[] lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            int first = 0;
            while (first < lines.Length && lines[first].Trim().Length == 0)
            {
                first++;
            }

            if (first == lines.Length || lines[first].TrimEnd() != HeaderLine)
            {
                file.Add(first == lines.Length ? 1 : first + 1, first == lines.Length
                    ? "the file is empty. A prompt file starts with a header: a '---' line, 'id: ...' and 'version: ...' lines, and a closing '---' line."
                    : "a prompt file starts with a '---' line that opens its header (id, version, description, model, parameters).");
                return null;
            }

            int close = Array.FindIndex(lines, first + 1, l => l.TrimEnd() == HeaderLine);
            if (close < 0)
            {
                file.Add(first + 1, "the header opened here is not closed: add a '---' line after the last header key.");
                return null;
            }

            var header = new Header();
            ReadHeader(lines, first + 1, close, header, file);
            if (header.Id is null)
            {
                file.Add(first + 1, "the header has no 'id' (for example 'id: faq-answer').");
            }

            if (header.Version is null)
            {
                file.Add(first + 1, "the header has no 'version' (for example 'version: 1').");
            }

            List<CompiledMessage> messages = ReadBody(lines, close + 1, header, file);
            foreach (KeyValuePair<string, int> unused in header.ParameterLines.Where(p => !header.Used.Contains(p.Key)))
            {
                file.Add(unused.Value, $"parameter '{unused.Key}' is declared but no placeholder uses it. Remove it, or add {{{{{unused.Key}}}}} to the body.");
            }

            if (file.Count > 0)
            {
                return null;
            }

            return new LlmPromptTemplate(header.Id!, header.Version!, header.Description, header.Model, header.Parameters, messages, source);
        }

        private static void ReadHeader(string[] lines, int from, int to, Header header, FileProblems file)
        {
            bool inParameters = false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = from; i < to; i++)
            {
                string line = lines[i];
                int number = i + 1;
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                if (char.IsWhiteSpace(line[0]))
                {
                    if (inParameters)
                    {
                        ReadParameter(line.Trim(), number, header, file);
                    }
                    else
                    {
                        file.Add(number, "this line is indented, but only the parameters under 'parameters:' are. Remove the indentation, or move it under 'parameters:'.");
                    }

                    continue;
                }

                inParameters = false;
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    file.Add(number, $"expected 'key: value' in the header, found \"{line.Trim()}\".");
                    continue;
                }

                string key = line.Substring(0, colon).Trim();
                string value = line.Substring(colon + 1).Trim();
                if (!HeaderKeys.Contains(key, StringComparer.Ordinal))
                {
                    file.Add(number, $"unknown header key '{key}'. The keys are {string.Join(", ", HeaderKeys)}.");
                    continue;
                }

                if (!seen.Add(key))
                {
                    file.Add(number, $"'{key}' is set twice in the header; keep one.");
                    continue;
                }

                switch (key)
                {
                    case "id":
                        if (!Id.IsMatch(value))
                        {
                            file.Add(number, $"id '{value}' is not valid: an id holds letters, digits, '.', '_' and '-' and starts with a letter or digit (it becomes a telemetry tag).");
                        }
                        else
                        {
                            header.Id = value;
                        }

                        break;
                    case "version":
                        if (!PromptVersion.IsValid(value))
                        {
                            file.Add(number, $"version '{value}' is not valid: a version is a whole number or dotted numbers such as 3 or 1.2, so the latest version is well defined.");
                        }
                        else
                        {
                            header.Version = value;
                        }

                        break;
                    case "description":
                        header.Description = value.Length == 0 ? null : value;
                        break;
                    case "model":
                        header.Model = value.Length == 0 ? null : value;
                        break;
                    case "parameters":
                        if (value.Length > 0)
                        {
                            file.Add(number, "'parameters:' takes no value on its own line; list each parameter below it, indented, as 'name: type'.");
                        }

                        inParameters = true;
                        break;
                }
            }
        }

        private static void ReadParameter(string declaration, int number, Header header, FileProblems file)
        {
            int colon = declaration.IndexOf(':');
            string name = colon < 0 ? declaration : declaration.Substring(0, colon).Trim();
            string type = colon < 0 ? string.Empty : declaration.Substring(colon + 1).Trim();
            if (colon < 0 || type.Length == 0)
            {
                file.Add(number, $"parameter '{name}' has no type; write it as '{name}: string' (types: {TypeList}).");
                return;
            }

            if (!Name.IsMatch(name))
            {
                file.Add(number, $"'{name}' is not a parameter name: names hold letters, digits and '_' and start with a letter or '_'.");
                return;
            }

            if (header.ParameterLines.ContainsKey(name))
            {
                file.Add(number, $"parameter '{name}' is declared twice (first on line {header.ParameterLines[name]}).");
                return;
            }

            LlmPromptParameter? parameter = ParseType(name, type, number, file);
            if (parameter != null)
            {
                header.ParameterLines.Add(name, number);
                header.Parameters.Add(parameter);
            }
        }

        private const string TypeList = "string, int, number, bool, date, datetime, json, enum(a, b, ...)";

        private static LlmPromptParameter? ParseType(string name, string type, int number, FileProblems file)
        {
            switch (type)
            {
                case "string": return new LlmPromptParameter(name, LlmPromptParameterType.String, null);
                case "int": return new LlmPromptParameter(name, LlmPromptParameterType.Int, null);
                case "number": return new LlmPromptParameter(name, LlmPromptParameterType.Number, null);
                case "bool": return new LlmPromptParameter(name, LlmPromptParameterType.Bool, null);
                case "date": return new LlmPromptParameter(name, LlmPromptParameterType.Date, null);
                case "datetime": return new LlmPromptParameter(name, LlmPromptParameterType.DateTime, null);
                case "json": return new LlmPromptParameter(name, LlmPromptParameterType.Json, null);
            }

            Match choices = EnumType.Match(type);
            if (!choices.Success)
            {
                file.Add(number, $"parameter '{name}' has the unknown type '{type}'. The types are {TypeList}.");
                return null;
            }

            string[] values = choices.Groups[1].Value.Split(',').Select(c => c.Trim()).ToArray();
            if (values.Any(v => v.Length == 0))
            {
                file.Add(number, $"parameter '{name}': {type} has an empty choice; list the choices separated by commas, e.g. enum(formal, casual).");
                return null;
            }

            string? twice = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (twice != null)
            {
                file.Add(number, $"parameter '{name}': the choice '{twice}' is listed twice.");
                return null;
            }

            return new LlmPromptParameter(name, LlmPromptParameterType.Enum, values);
        }

        private static List<CompiledMessage> ReadBody(string[] lines, int from, Header header, FileProblems file)
        {
            int before = file.Count;

            // Split into (role, first line, last line) blocks at the role lines.
            var blocks = new List<(LlmPromptRole Role, int Marker, int Start, int End)>();
            LlmPromptRole role = LlmPromptRole.User;
            int marker = -1;
            int start = from;
            for (int i = from; i <= lines.Length; i++)
            {
                Match roleLine = i < lines.Length ? RoleLine.Match(lines[i]) : Match.Empty;
                if (i < lines.Length && !roleLine.Success)
                {
                    continue;
                }

                LlmPromptRole next = LlmPromptRole.User;
                if (i < lines.Length && !TryRole(roleLine.Groups[1].Value, out next))
                {
                    // Reported, then treated as a role line anyway, so the text under it does not cause a second error.
                    file.Add(i + 1, $"'{lines[i].Trim()}' looks like a role line, but the roles are system, user and assistant.");
                }

                if (marker >= 0 || HasText(lines, start, i))
                {
                    if (marker < 0 && i < lines.Length)
                    {
                        file.Add(FirstText(lines, start, i) + 1, "this text comes before the first role line. Put it under a '--- system' or '--- user' line, or remove the role lines to make the whole body one user message.");
                    }
                    else
                    {
                        blocks.Add((role, marker, start, i));
                    }
                }

                role = next;
                marker = i;
                start = i + 1;
            }

            if (blocks.Count == 0 && file.Count == before)
            {
                file.Add(from, "the prompt has no body: write the prompt's text after the header's closing '---' line.");
            }

            var messages = new List<CompiledMessage>();
            foreach ((LlmPromptRole blockRole, int blockMarker, int blockStart, int blockEnd) in blocks)
            {
                if (!HasText(lines, blockStart, blockEnd))
                {
                    file.Add(blockMarker + 1, $"the {blockRole.ToString().ToLowerInvariant()} message is empty; write its text below this line, or remove the line.");
                    continue;
                }

                int s = FirstText(lines, blockStart, blockEnd);
                int e = blockEnd - 1;
                while (lines[e].Trim().Length == 0)
                {
                    e--;
                }

                messages.Add(Compile(blockRole, lines, s, e, header, file));
            }

            return messages;
        }

        private static CompiledMessage Compile(LlmPromptRole role, string[] lines, int from, int to, Header header, FileProblems file)
        {
            var segments = new List<TemplateSegment>();
            var literal = new StringBuilder();
            for (int i = from; i <= to; i++)
            {
                string line = lines[i];
                int j = 0;
                while (j < line.Length)
                {
                    if (string.CompareOrdinal(line, j, "{{{{", 0, 4) == 0 || string.CompareOrdinal(line, j, "}}}}", 0, 4) == 0)
                    {
                        literal.Append(line[j], 2);
                        j += 4;
                    }
                    else if (string.CompareOrdinal(line, j, "{{", 0, 2) == 0)
                    {
                        int end = line.IndexOf("}}", j + 2, StringComparison.Ordinal);
                        if (end < 0)
                        {
                            file.Add(i + 1, $"'{{{{' at column {j + 1} opens a placeholder that is not closed on this line. Close it with '}}}}', or write '{{{{{{{{' for literal braces.");
                            literal.Append(line, j, line.Length - j);
                            break;
                        }

                        string name = line.Substring(j + 2, end - j - 2).Trim();
                        int index = header.Parameters.FindIndex(p => p.Name == name);
                        if (!Name.IsMatch(name))
                        {
                            file.Add(i + 1, $"'{line.Substring(j, end + 2 - j)}' at column {j + 1} is not a placeholder: a name holds letters, digits and '_' and starts with a letter or '_'. Write '{{{{{{{{' for literal braces.");
                        }
                        else if (index < 0)
                        {
                            file.Add(i + 1, $"placeholder '{{{{{name}}}}}' is not declared under 'parameters:' in the header. Declare it (e.g. '  {name}: string') or fix the name.");
                        }
                        else
                        {
                            header.Used.Add(name);
                            if (literal.Length > 0)
                            {
                                segments.Add(TemplateSegment.Text(literal.ToString()));
                                literal.Clear();
                            }

                            segments.Add(TemplateSegment.Hole(index));
                        }

                        j = end + 2;
                    }
                    else
                    {
                        literal.Append(line[j]);
                        j++;
                    }
                }

                if (i < to)
                {
                    literal.Append('\n');
                }
            }

            if (literal.Length > 0)
            {
                segments.Add(TemplateSegment.Text(literal.ToString()));
            }

            return new CompiledMessage(role, string.Join("\n", lines, from, to - from + 1), segments);
        }

        private static bool TryRole(string word, out LlmPromptRole role)
        {
            switch (word.ToLowerInvariant())
            {
                case "system": role = LlmPromptRole.System; return true;
                case "user": role = LlmPromptRole.User; return true;
                case "assistant": role = LlmPromptRole.Assistant; return true;
                default: role = LlmPromptRole.User; return false;
            }
        }

        private static bool HasText(string[] lines, int from, int to) => FirstText(lines, from, to) < to;

        private static int FirstText(string[] lines, int from, int to)
        {
            int i = from;
            while (i < to && lines[i].Trim().Length == 0)
            {
                i++;
            }

            return i;
        }

        /// <summary>What the header declared, and which parameters the body used.</summary>
        private sealed class Header
        {
            public string? Id;
            public string? Version;
            public string? Description;
            public string? Model;
            public readonly List<LlmPromptParameter> Parameters = new List<LlmPromptParameter>();
            public readonly Dictionary<string, int> ParameterLines = new Dictionary<string, int>(StringComparer.Ordinal);
            public readonly HashSet<string> Used = new HashSet<string>(StringComparer.Ordinal);
        }

        /// <summary>Adds "source, line N: ..." problems and counts this file's.</summary>
        private sealed class FileProblems
        {
            private readonly string _source;
            private readonly List<string> _problems;

            public FileProblems(string source, List<string> problems)
            {
                _source = source;
                _problems = problems;
            }

            public int Count { get; private set; }

            public void Add(int line, string message)
            {
                _problems.Add($"{_source}, line {line}: {message}");
                Count++;
            }
        }
    }
}
