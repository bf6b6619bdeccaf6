using System.Diagnostics;
using LlmPreflight.Checklist;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: LlmPreflight.Checklist [project-or-folder] [--fail-on-findings]
// Builds the project with the analyzers, lists every LLM diagnostic, then the checklist with each item's state.
var failOnFindings = args.Contains("--fail-on-findings");
var target = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine("docs", "samples", "ChatSample");
if (!File.Exists(target) && !Directory.Exists(target))
{
    Console.Error.WriteLine($"No project or folder at '{target}'. Pass the path of a .csproj or of the folder that holds it.");
    return 2;
}

var workDirectory = Directory.CreateTempSubdirectory("llm-preflight-");
var sarif = Path.Combine(workDirectory.FullName, "findings.sarif");
Console.WriteLine($"Building {target} with the LlmPreflight analyzers...");
var build = Process.Start(new ProcessStartInfo("dotnet")
{
    ArgumentList = { "build", target, "--no-incremental", "-nologo", "-v:q", "-clp:NoSummary;ErrorsOnly", $"-p:ErrorLog={sarif}%2Cversion=2.1" },
    RedirectStandardOutput = true,
    RedirectStandardError = true,
})!;
var output = await build.StandardOutput.ReadToEndAsync();
var errors = await build.StandardError.ReadToEndAsync();
await build.WaitForExitAsync();

if (!File.Exists(sarif))
{
    Console.Error.WriteLine("The build wrote no diagnostics log, so it did not get as far as analysis:");
    Console.Error.WriteLine(output + errors);
    return 2;
}

var findings = Finding.ReadSarif(sarif, Directory.GetCurrentDirectory());
var nonAnalyzerErrors = output.Split('\n').Where(l => l.Contains(" error ", StringComparison.Ordinal) && !l.Contains(" error LLM", StringComparison.Ordinal)).ToList();
if (nonAnalyzerErrors.Count > 0)
{
    Console.WriteLine("The build also failed for reasons of its own:");
    nonAnalyzerErrors.ForEach(Console.WriteLine);
}

Console.WriteLine();
Console.WriteLine(findings.Count == 0 ? "No LlmPreflight findings." : $"{findings.Count} LlmPreflight finding(s):");
foreach (var finding in findings)
{
    Console.WriteLine("  " + finding);
}

var implemented = typeof(LlmPreflight.Analyzers.Infrastructure.LlmAnalyzer).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
    .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
    .Select(d => d.Id)
    .ToHashSet();

Console.WriteLine();
Console.WriteLine("Pre-deploy checklist:");
foreach (var item in ChecklistItem.All)
{
    var checkedBy = item.RuleIds.Where(implemented.Contains).ToArray();
    var count = findings.Count(f => item.RuleIds.Contains(f.RuleId));
    var state = checkedBy.Length == 0 ? "[ ] not checked yet"
        : count == 0 ? "[x] ok"
        : $"[!] {count} finding(s)";
    var rules = checkedBy.Length == 0 ? "" : $" ({string.Join(", ", checkedBy)})";
    Console.WriteLine($"  {item.Number,2}. {item.Title,-32} {state + rules,-40} runtime: {item.Runtime}");
}

return failOnFindings && findings.Count > 0 ? 1 : 0;
