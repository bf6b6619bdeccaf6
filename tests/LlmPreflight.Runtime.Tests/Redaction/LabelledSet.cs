using System.Text;

namespace LlmPreflight.Runtime.Tests.Redaction;

/// <summary>One expected span of the labelled set: its kind and where it is in the plain text.</summary>
public sealed record LabelledSpan(string Kind, int Start, int Length);

/// <summary>
/// One line of Data/pii-labelled.tsv: the detector it was written for, whether it is a positive or a look-alike
/// negative, its language, the plain text and the spans a reader would call personal data or secrets.
/// </summary>
public sealed record LabelledLine(string Target, bool IsPositive, string Language, string Text, IReadOnlyList<LabelledSpan> Spans)
{
    public static IReadOnlyList<LabelledLine> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Redaction", "Data", "pii-labelled.tsv");
        var lines = new List<LabelledLine>();
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] columns = line.Split('\t');
            if (columns.Length != 4 || (columns[1] != "pos" && columns[1] != "neg"))
            {
                throw new InvalidDataException($"pii-labelled.tsv: expected 'kind<TAB>pos|neg<TAB>lang<TAB>text', got: {line}");
            }

            var (text, spans) = ParseMarkers(columns[3]);
            lines.Add(new LabelledLine(columns[0], columns[1] == "pos", columns[2], text, spans));
        }

        return lines;
    }

    /// <summary>Turns "mail {{EMAIL:a@b.co}} now" into the plain text and the span of each marked value.</summary>
    private static (string Text, IReadOnlyList<LabelledSpan> Spans) ParseMarkers(string marked)
    {
        var text = new StringBuilder();
        var spans = new List<LabelledSpan>();
        int i = 0;
        while (i < marked.Length)
        {
            int open = marked.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(marked, i, marked.Length - i);
                break;
            }

            int colon = marked.IndexOf(':', open);
            int close = marked.IndexOf("}}", open, StringComparison.Ordinal);
            if (colon < 0 || close < colon)
            {
                throw new InvalidDataException($"pii-labelled.tsv: unbalanced marker in: {marked}");
            }

            text.Append(marked, i, open - i);
            string kind = marked.Substring(open + 2, colon - open - 2);
            string value = marked.Substring(colon + 1, close - colon - 1);
            spans.Add(new LabelledSpan(kind, text.Length, value.Length));
            text.Append(value);
            i = close + 2;
        }

        return (text.ToString(), spans);
    }
}
