namespace LlmPreflight.Runtime.Tests.Prompts;

/// <summary>Every way a prompt file can be malformed is reported at build time with the file, the line and the fix.</summary>
public sealed class PromptFileErrorTests
{
    private static string Only(string text) => Assert.Single(Samples.ProblemsOf(text));

    [Fact]
    public void AFileMustStartWithAHeader()
    {
        Assert.Equal(
            "bad.prompt, line 2: a prompt file starts with a '---' line that opens its header (id, version, description, model, parameters).",
            Only("\nHello {{name}}"));
        Assert.Equal(
            "bad.prompt, line 1: the file is empty. A prompt file starts with a header: a '---' line, 'id: ...' and 'version: ...' lines, and a closing '---' line.",
            Only("  \n"));
    }

    [Fact]
    public void AnUnclosedHeaderIsReportedWhereItOpens()
        => Assert.Equal(
            "bad.prompt, line 1: the header opened here is not closed: add a '---' line after the last header key.",
            Only("---\nid: p\nversion: 1\nHello"));

    [Fact]
    public void UnknownDuplicateAndMalformedHeaderKeys()
        => Assert.Equal(
            [
                "bad.prompt, line 4: unknown header key 'temperature'. The keys are id, version, description, model, parameters.",
                "bad.prompt, line 5: 'id' is set twice in the header; keep one.",
                "bad.prompt, line 6: expected 'key: value' in the header, found \"just words\".",
                "bad.prompt, line 7: this line is indented, but only the parameters under 'parameters:' are. Remove the indentation, or move it under 'parameters:'.",
            ],
            Samples.ProblemsOf("---\nid: p\nversion: 1\ntemperature: 0.2\nid: q\njust words\n  stray: string\n---\nHello"));

    [Fact]
    public void IdAndVersionAreRequiredAndChecked()
    {
        Assert.Equal(
            [
                "bad.prompt, line 1: the header has no 'id' (for example 'id: faq-answer').",
                "bad.prompt, line 1: the header has no 'version' (for example 'version: 1').",
            ],
            Samples.ProblemsOf("---\ndescription: nothing else\n---\nHello"));
        Assert.Equal(
            [
                "bad.prompt, line 2: id 'faq answer' is not valid: an id holds letters, digits, '.', '_' and '-' and starts with a letter or digit (it becomes a telemetry tag).",
                "bad.prompt, line 3: version 'v3' is not valid: a version is a whole number or dotted numbers such as 3 or 1.2, so the latest version is well defined.",
                "bad.prompt, line 1: the header has no 'id' (for example 'id: faq-answer').",
                "bad.prompt, line 1: the header has no 'version' (for example 'version: 1').",
            ],
            Samples.ProblemsOf("---\nid: faq answer\nversion: v3\n---\nHello"));
    }

    [Fact]
    public void ParameterDeclarationsAreChecked()
        => Assert.Equal(
            [
                "bad.prompt, line 4: 'parameters:' takes no value on its own line; list each parameter below it, indented, as 'name: type'.",
                "bad.prompt, line 5: parameter 'a' has the unknown type 'integer'. The types are string, int, number, bool, date, datetime, json, enum(a, b, ...).",
                "bad.prompt, line 6: parameter 'b' has no type; write it as 'b: string' (types: string, int, number, bool, date, datetime, json, enum(a, b, ...)).",
                "bad.prompt, line 7: 'first name' is not a parameter name: names hold letters, digits and '_' and start with a letter or '_'.",
                "bad.prompt, line 9: parameter 'c' is declared twice (first on line 8).",
                "bad.prompt, line 10: parameter 'd': enum(x, , y) has an empty choice; list the choices separated by commas, e.g. enum(formal, casual).",
                "bad.prompt, line 11: parameter 'e': the choice 'x' is listed twice.",
            ],
            Samples.ProblemsOf("---\nid: p\nversion: 1\nparameters: a\n  a: integer\n  b\n  first name: string\n  c: int\n  c: bool\n  d: enum(x, , y)\n  e: enum(x, x)\n---\n{{c}}"));

    [Fact]
    public void APlaceholderMustBeDeclaredAndEveryParameterUsed()
        => Assert.Equal(
            [
                "bad.prompt, line 9: placeholder '{{nmae}}' is not declared under 'parameters:' in the header. Declare it (e.g. '  nmae: string') or fix the name.",
                "bad.prompt, line 5: parameter 'name' is declared but no placeholder uses it. Remove it, or add {{name}} to the body.",
            ],
            Samples.ProblemsOf(Samples.WithHeader("  name: string\n", "--- user\n\nHello {{nmae}}!")));

    [Fact]
    public void UnclosedAndMalformedPlaceholdersNameTheColumn()
        => Assert.Equal(
            [
                "bad.prompt, line 8: '{{' at column 7 opens a placeholder that is not closed on this line. Close it with '}}', or write '{{{{' for literal braces.",
                "bad.prompt, line 9: '{{{name}}' at column 5 is not a placeholder: a name holds letters, digits and '_' and starts with a letter or '_'. Write '{{{{' for literal braces.",
            ],
            Samples.ProblemsOf(Samples.WithHeader("  name: string\n", "{{name}}\nHello {{name\nSee {{{name}}}")));

    [Fact]
    public void RoleLinesAreChecked()
    {
        Assert.Equal(
            "bad.prompt, line 6: '--- sytem' looks like a role line, but the roles are system, user and assistant.",
            Only("---\nid: p\nversion: 1\n---\n\n--- sytem\nBe brief.\n--- user\nHi"));
        Assert.Equal(
            "bad.prompt, line 5: this text comes before the first role line. Put it under a '--- system' or '--- user' line, or remove the role lines to make the whole body one user message.",
            Only("---\nid: p\nversion: 1\n---\nBe brief.\n--- user\nHi"));
        Assert.Equal(
            "bad.prompt, line 5: the system message is empty; write its text below this line, or remove the line.",
            Only("---\nid: p\nversion: 1\n---\n--- system\n\n--- user\nHi"));
        Assert.Equal(
            "bad.prompt, line 4: the prompt has no body: write the prompt's text after the header's closing '---' line.",
            Only("---\nid: p\nversion: 1\n---\n\n"));
    }

    [Fact]
    public void TheSameIdAndVersionTwiceIsAnError()
    {
        var error = Assert.Throws<LlmPromptCatalogException>(() => LlmPromptCatalog.CreateBuilder()
            .AddText("prompts/p/1.prompt", "---\nid: p\nversion: 1\n---\nA")
            .AddText("prompts/p/1-copy.prompt", "---\nid: p\nversion: 1.0\n---\nB")
            .AddText("prompts/p/2.prompt", "---\nid: p\nversion: 2\n---\nC")
            .Build());

        Assert.Equal(
            "Invalid prompt catalog: prompt 'p' version 1 is defined more than once: in prompts/p/1.prompt and in prompts/p/1-copy.prompt. Give each version its own number.",
            error.Message);
    }

    [Fact]
    public void EveryBrokenFileIsReportedInOneException()
    {
        var error = Assert.Throws<LlmPromptCatalogException>(() => LlmPromptCatalog.CreateBuilder()
            .AddText("a.prompt", "no header")
            .AddText("b.prompt", "---\nid: b\nversion: 1\nmodel: x\nmodel: y\n---\nB")
            .AddText("ok.prompt", "---\nid: ok\nversion: 1\n---\nfine")
            .Build());

        Assert.Equal(2, error.Problems.Count);
        Assert.Equal(
            "Invalid prompt catalog (2 problems):" + Environment.NewLine
            + "- a.prompt, line 1: a prompt file starts with a '---' line that opens its header (id, version, description, model, parameters)." + Environment.NewLine
            + "- b.prompt, line 5: 'model' is set twice in the header; keep one.",
            error.Message);
    }

    [Fact]
    public void AMissingDirectoryOrAnAssemblyWithoutPromptsIsReported()
    {
        string missing = Path.Combine(Path.GetTempPath(), "llmpreflight-no-such-prompts");
        Assert.Equal(
            $"the prompt directory '{missing}' does not exist (full path {missing}). Check the path, and that the files are copied to the output (<None Include=\"prompts/**/*.prompt\" CopyToOutputDirectory=\"PreserveNewest\" />).",
            Assert.Single(Assert.Throws<LlmPromptCatalogException>(() => LlmPromptCatalog.CreateBuilder().AddDirectory(missing).Build()).Problems));
        Assert.Equal(
            "the assembly LlmPreflight has no embedded resources ending in .prompt. Embed the files with <EmbeddedResource Include=\"prompts/**/*.prompt\" /> in its project file.",
            Assert.Single(Assert.Throws<LlmPromptCatalogException>(() => LlmPromptCatalog.CreateBuilder().AddEmbeddedResources(typeof(LlmGuard).Assembly).Build()).Problems));
    }

    [Fact]
    public void ABrokenFileInADirectoryNamesItsPath()
    {
        string directory = Path.Combine(Path.GetTempPath(), "llmpreflight-prompts-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "greet"));
        try
        {
            string file = Path.Combine(directory, "greet", "1.prompt");
            File.WriteAllText(file, "---\nid: greet\nversion: 1\nparameters:\n  name: string\n---\nHello {{name}, welcome.");

            Assert.Equal(
                $"{file}, line 7: '{{{{' at column 7 opens a placeholder that is not closed on this line. Close it with '}}}}', or write '{{{{{{{{' for literal braces.",
                Assert.Throws<LlmPromptCatalogException>(() => LlmPromptCatalog.CreateBuilder().AddDirectory(directory).Build()).Problems[0]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
