namespace LlmPreflight.Runtime.Tests.Prompts;

/// <summary>The sample prompt files under Prompts/Samples, as copied to the output and as embedded resources.</summary>
public static class Samples
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Prompts", "Samples");

    public static LlmPromptCatalogBuilder FromDirectory() => LlmPromptCatalog.CreateBuilder().AddDirectory(Directory);

    public static LlmPromptCatalogBuilder FromResources() => LlmPromptCatalog.CreateBuilder().AddEmbeddedResources(typeof(Samples).Assembly);

    public static Dictionary<string, object?> FaqArguments(string question = "How do I reset my password?") => new()
    {
        ["product"] = "pro",
        ["excerpt"] = "Reset it under Settings > Security.",
        ["question"] = question,
        ["max_words"] = 40,
    };

    /// <summary>The problems a catalog built from one text reports.</summary>
    public static IReadOnlyList<string> ProblemsOf(string text, string source = "bad.prompt")
        => Assert.Throws<LlmPromptCatalogException>(() => LlmPromptCatalog.CreateBuilder().AddText(source, text).Build()).Problems;

    /// <summary>A valid header around a body, for the body-error tests.</summary>
    public static string WithHeader(string parameters, string body)
        => "---\nid: p\nversion: 1\nparameters:\n" + parameters + "---\n" + body;
}
