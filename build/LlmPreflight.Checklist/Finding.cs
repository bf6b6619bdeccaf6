using System.Text.Json;

namespace LlmPreflight.Checklist;

/// <summary>One LlmPreflight diagnostic read back from the build's SARIF log.</summary>
internal sealed record Finding(string RuleId, string Level, string Message, string File, int Line, int Column)
{
    /// <summary>Reads the LLM results of a SARIF 2.1 log, in file and line order, without duplicates.</summary>
    public static IReadOnlyList<Finding> ReadSarif(string path, string baseDirectory)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var findings = new SortedSet<Finding>(Comparer<Finding>.Create(Compare));
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var ruleId = result.GetProperty("ruleId").GetString() ?? "";
                if (!ruleId.StartsWith("LLM", StringComparison.Ordinal))
                {
                    continue;
                }

                var level = result.TryGetProperty("level", out var l) ? l.GetString() ?? "warning" : "warning";
                var message = result.GetProperty("message").GetProperty("text").GetString() ?? "";
                string file = "";
                int line = 0, column = 0;
                if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0)
                {
                    var physical = locations[0].GetProperty("physicalLocation");
                    var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "";
                    file = Path.GetRelativePath(baseDirectory, new Uri(uri).LocalPath);
                    var region = physical.GetProperty("region");
                    line = region.GetProperty("startLine").GetInt32();
                    column = region.TryGetProperty("startColumn", out var c) ? c.GetInt32() : 1;
                }

                findings.Add(new Finding(ruleId, level, message, file, line, column));
            }
        }

        return [.. findings];
    }

    private static int Compare(Finding a, Finding b)
    {
        var byFile = string.CompareOrdinal(a.File, b.File);
        if (byFile != 0) return byFile;
        var byLine = a.Line.CompareTo(b.Line);
        if (byLine != 0) return byLine;
        var byColumn = a.Column.CompareTo(b.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.RuleId, b.RuleId);
    }

    public override string ToString() => $"{File}({Line},{Column}): {Level} {RuleId}: {Message}";
}
