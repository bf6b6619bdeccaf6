using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace LlmPreflight.Runtime.Tests.Redaction;

/// <summary>
/// Precision and recall of the built-in detectors on the labelled set (Data/pii-labelled.tsv, built by
/// Data/make_labelled_set.py), span-exact: a finding counts only if its kind, start and length equal a labelled span.
/// The figures are recorded in docs/pii-redaction.md.
/// </summary>
public sealed class PiiLabelledSetTests(ITestOutputHelper output)
{
    // Floors a little under the measured figures, so a regression fails while the set stays honest (hard cases kept).
    private static readonly Dictionary<string, (double Precision, double Recall)> Floors = new()
    {
        [LlmPiiKind.Email] = (0.95, 0.95),
        [LlmPiiKind.Phone] = (0.95, 0.93),
        [LlmPiiKind.CreditCard] = (0.95, 0.95),
        [LlmPiiKind.Iban] = (0.95, 0.95),
        [LlmPiiKind.UsSsn] = (0.95, 0.95),
        [LlmPiiKind.ArgentineDni] = (0.95, 0.95),
        [LlmPiiKind.ArgentineCuit] = (0.95, 0.90),
        [LlmPiiKind.IPAddress] = (0.95, 0.95),
        [LlmPiiKind.ApiKey] = (1.0, 1.0),
    };

    [Fact]
    public void TheSetHasAtLeast300PositivesAnd300LookAlikeNegativesCoveringEveryDetector()
    {
        var lines = LabelledLine.Load();
        int positives = lines.Sum(line => line.Spans.Count);
        int negatives = lines.Count(line => !line.IsPositive);

        Assert.True(positives >= 300, $"the labelled set has {positives} positive spans; keep at least 300");
        Assert.True(negatives >= 300, $"the labelled set has {negatives} look-alike negatives; keep at least 300");
        foreach (string kind in Floors.Keys)
        {
            Assert.True(lines.Count(l => l.Target == kind && l.IsPositive) >= 25, $"{kind}: fewer than 25 positive lines");
            Assert.True(lines.Count(l => l.Target == kind && !l.IsPositive) >= 25, $"{kind}: fewer than 25 negative lines");
            Assert.Contains(lines, l => l.Language == "es" && l.Spans.Any(s => s.Kind == kind));
        }
    }

    [Fact]
    public void PrecisionAndRecallPerDetectorMeetTheirFloors()
    {
        var lines = LabelledLine.Load();
        var scores = Floors.Keys.ToDictionary(kind => kind, _ => new Score());
        var misses = new StringBuilder();
        foreach (LabelledLine line in lines)
        {
            var expected = line.Spans.Select(s => (s.Kind, s.Start, s.Length)).ToHashSet();
            var found = LlmPiiRedactor.Default.Redact(line.Text).Findings.Select(f => (f.Kind, f.Start, f.Length)).ToHashSet();
            foreach (var span in found)
            {
                if (expected.Contains(span))
                {
                    scores[span.Kind].TruePositives++;
                }
                else
                {
                    scores[span.Kind].FalsePositives++;
                    misses.AppendLine($"  false {span.Kind}: '{line.Text.Substring(span.Start, span.Length)}' in: {line.Text}");
                }
            }

            foreach (var span in expected.Where(span => !found.Contains(span)))
            {
                scores[span.Kind].FalseNegatives++;
                misses.AppendLine($"  missed {span.Kind}: '{line.Text.Substring(span.Start, span.Length)}' in: {line.Text}");
            }

            if (!line.IsPositive && found.Any(f => f.Kind == line.Target))
            {
                scores[line.Target].NegativeLinesFlagged++;
            }

            if (!line.IsPositive)
            {
                scores[line.Target].NegativeLines++;
            }
        }

        var table = new StringBuilder("| Kind | Labelled spans | Found | Correct | Precision | Recall | Look-alike lines | Flagged |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (kind, s) in scores)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {s.TruePositives + s.FalseNegatives} | {s.TruePositives + s.FalsePositives} | {s.TruePositives} | {s.Precision:0.000} | {s.Recall:0.000} | {s.NegativeLines} | {s.NegativeLinesFlagged} |");
        }

        var all = new Score
        {
            TruePositives = scores.Values.Sum(s => s.TruePositives),
            FalsePositives = scores.Values.Sum(s => s.FalsePositives),
            FalseNegatives = scores.Values.Sum(s => s.FalseNegatives),
            NegativeLines = scores.Values.Sum(s => s.NegativeLines),
            NegativeLinesFlagged = scores.Values.Sum(s => s.NegativeLinesFlagged),
        };
        table.AppendLine(CultureInfo.InvariantCulture, $"| all | {all.TruePositives + all.FalseNegatives} | {all.TruePositives + all.FalsePositives} | {all.TruePositives} | {all.Precision:0.000} | {all.Recall:0.000} | {all.NegativeLines} | {all.NegativeLinesFlagged} |");
        output.WriteLine(table.ToString());
        output.WriteLine("Errors:");
        output.WriteLine(misses.ToString());

        foreach (var (kind, (precision, recall)) in Floors)
        {
            Assert.True(scores[kind].Precision >= precision, $"{kind}: precision {scores[kind].Precision:0.000} is under its floor {precision}\n{table}\n{misses}");
            Assert.True(scores[kind].Recall >= recall, $"{kind}: recall {scores[kind].Recall:0.000} is under its floor {recall}\n{table}\n{misses}");
        }

        Assert.True(all.Precision >= 0.97 && all.Recall >= 0.97, $"overall precision {all.Precision:0.000} / recall {all.Recall:0.000} under 0.97\n{table}\n{misses}");
    }

    private sealed class Score
    {
        public int TruePositives { get; set; }

        public int FalsePositives { get; set; }

        public int FalseNegatives { get; set; }

        public int NegativeLines { get; set; }

        public int NegativeLinesFlagged { get; set; }

        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    }
}
