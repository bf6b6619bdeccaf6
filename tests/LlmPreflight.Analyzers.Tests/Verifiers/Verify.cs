using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace LlmPreflight.Analyzers.Tests.Verifiers;

/// <summary>Options every analyzer or code-fix test can set.</summary>
public sealed record TestOptions
{
    public SdkSet Sdks { get; init; } = SdkSet.Current;
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.Latest;
    public OutputKind OutputKind { get; init; } = OutputKind.DynamicallyLinkedLibrary;

    /// <summary>Lines for the [*.cs] section of an .editorconfig, e.g. "llm_preflight.guard_methods = M:...".</summary>
    public string[] EditorConfig { get; init; } = [];

    /// <summary>Compiler diagnostics the source is expected to produce besides the analyzer's.</summary>
    public DiagnosticResult[] ExpectedCompilerDiagnostics { get; init; } = [];

    public static readonly TestOptions Default = new();
}

internal static class TestSetup
{
    public static void Apply(SolutionState state, ProjectState? _, TestOptions options)
    {
        state.AdditionalReferences.AddRange(SdkReferences.Framework);
        state.AdditionalReferences.AddRange(SdkReferences.For(options.Sdks));
        state.OutputKind = options.OutputKind;
        if (options.EditorConfig.Length > 0)
        {
            state.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + string.Join("\n", options.EditorConfig) + "\n"));
        }
    }

    public static readonly ReferenceAssemblies ReferenceAssemblies = new("net10.0");
}

/// <summary>Runs one analyzer over test sources with markup such as <c>{|LLM0001:client.CompleteChat(m)|}</c>.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task AnalyzerAsync(string source, TestOptions? options = null) => AnalyzerAsync([source], options);

    public static Task AnalyzerAsync(string[] sources, TestOptions? options = null)
    {
        options ??= TestOptions.Default;
        var test = new AnalyzerTest(options.LanguageVersion);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        TestSetup.Apply(test.TestState, null, options);
        test.TestState.ExpectedDiagnostics.AddRange(options.ExpectedCompilerDiagnostics);
        return test.RunAsync();
    }

    private sealed class AnalyzerTest(LanguageVersion languageVersion) : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest() : this(LanguageVersion.Latest)
        {
        }

        protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(languageVersion);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Disable);

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            ReferenceAssemblies = TestSetup.ReferenceAssemblies;
            return base.RunImplAsync(cancellationToken);
        }
    }
}

/// <summary>Runs an analyzer and its code fix, checking the single fix, Fix All in document, project and solution.</summary>
public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task CodeFixAsync(string source, string fixedSource, TestOptions? options = null, int? codeActionIndex = null, string? equivalenceKey = null) =>
        CodeFixAsync([source], [fixedSource], options, codeActionIndex, equivalenceKey);

    public static Task CodeFixAsync(string[] sources, string[] fixedSources, TestOptions? options = null, int? codeActionIndex = null, string? equivalenceKey = null)
    {
        options ??= TestOptions.Default;
        var test = new CodeFixTest(options.LanguageVersion)
        {
            CodeActionIndex = codeActionIndex,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        TestSetup.Apply(test.TestState, null, options);
        TestSetup.Apply(test.FixedState, null, options);
        // Diagnostics a fix leaves in place (another SDK's call, a place the fix declines) are marked up in the fixed source too.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.TestState.ExpectedDiagnostics.AddRange(options.ExpectedCompilerDiagnostics);
        return test.RunAsync();
    }

    private sealed class CodeFixTest(LanguageVersion languageVersion) : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public CodeFixTest() : this(LanguageVersion.Latest)
        {
        }

        protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(languageVersion);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Disable);

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            ReferenceAssemblies = TestSetup.ReferenceAssemblies;
            return base.RunImplAsync(cancellationToken);
        }
    }
}
