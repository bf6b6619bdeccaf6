using System.Collections.Immutable;
using System.Reflection;
using LlmPreflight.Analyzers.Infrastructure;
using LlmPreflight.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Tests.Meta;

/// <summary>Every analyzer and code fix the two shipped assemblies contain, found by reflection.</summary>
public static class AnalyzerInventory
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
    [
        .. typeof(LlmAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } =
    [
        .. typeof(LlmCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .OrderBy(t => t.Name)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!),
    ];

    public static TheoryData<string> AnalyzerNames => [.. Analyzers.Select(a => a.GetType().Name)];

    public static TheoryData<string> CodeFixNames => [.. CodeFixes.Select(f => f.GetType().Name)];

    public static DiagnosticAnalyzer Analyzer(string name) => Analyzers.Single(a => a.GetType().Name == name);

    public static CodeFixProvider CodeFix(string name) => CodeFixes.Single(f => f.GetType().Name == name);

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above the test output folder.");
        }
    }
}
