using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace LlmPreflight.Runtime.Tests.Prompts;

/// <summary>Loading the sample prompt files (from a directory and from embedded resources), versions, and rendering.</summary>
public sealed class PromptCatalogTests
{
    [Fact]
    public void DirectoryAndEmbeddedResourcesLoadTheSameTemplates()
    {
        LlmPromptCatalog fromFiles = Samples.FromDirectory().Build();
        LlmPromptCatalog fromResources = Samples.FromResources().Build();

        Assert.Equal(["faq-answer", "faq-answer-short", "ticket-summary"], fromFiles.Ids);
        Assert.Equal(fromFiles.Ids, fromResources.Ids);
        foreach (string id in fromFiles.Ids)
        {
            var files = fromFiles.Versions(id);
            var resources = fromResources.Versions(id);
            Assert.Equal(files.Select(t => t.Version), resources.Select(t => t.Version));
            Assert.Equal(files.SelectMany(t => t.Messages).Select(m => m.ToString()), resources.SelectMany(t => t.Messages).Select(m => m.ToString()));
        }

        LlmPromptTemplate faq = fromResources.Get("faq-answer", "3");
        Assert.StartsWith("resource ", faq.Source);
        Assert.EndsWith("3.prompt", faq.Source);
        Assert.Equal(Path.Combine(Samples.Directory, "faq-answer", "3.prompt"), fromFiles.Get("faq-answer", "3").Source);
    }

    [Fact]
    public void HeaderFieldsAndTypedParametersAreRead()
    {
        LlmPromptTemplate faq = Samples.FromDirectory().Build().Get("faq-answer", "3");

        Assert.Equal(("faq-answer", "3", "gpt-4o-mini"), (faq.Id, faq.Version, faq.Model));
        Assert.Equal("Answers a customer question from one FAQ excerpt, in the product's voice.", faq.Description);
        Assert.Equal(["product: enum(basic, pro, enterprise)", "excerpt: string", "question: string", "max_words: int"], faq.Parameters.Select(p => p.ToString()));
        Assert.Equal(["basic", "pro", "enterprise"], faq.Parameters[0].Choices);
        Assert.Equal([LlmPromptRole.System, LlmPromptRole.User], faq.Messages.Select(m => m.Role));
        Assert.Equal("{{question}}", faq.Messages[1].Text);
    }

    [Fact]
    public void LatestVersionByDefaultAndPinnedVersionOnRequest()
    {
        LlmPromptCatalog catalog = Samples.FromDirectory().Build();

        Assert.Equal("4", catalog.Get("faq-answer").Version);
        Assert.Equal("3", catalog.Get("faq-answer", "3").Version);
        Assert.Equal("3", catalog.Get("faq-answer", "3.0").Version);
        Assert.Equal("4", catalog.Render("faq-answer", Samples.FaqArguments()).Version);
        Assert.Equal(["3", "4"], catalog.Versions("faq-answer").Select(t => t.Version));
        Assert.True(catalog.TryGet("faq-answer", "3", out LlmPromptTemplate pinned));
        Assert.Equal("faq-answer@3", pinned.ToString());
        Assert.False(catalog.TryGet("faq-answer", "5", out _));
        Assert.False(catalog.TryGet("nope", null, out _));
    }

    [Fact]
    public void VersionsCompareAsNumbersPartByPart()
    {
        static string File(string version) => $"---\nid: p\nversion: {version}\n---\nv{version}";
        LlmPromptCatalog catalog = LlmPromptCatalog.CreateBuilder()
            .AddText("a", File("9")).AddText("b", File("10")).AddText("c", File("1.10")).AddText("d", File("1.9"))
            .Build();

        Assert.Equal(["1.9", "1.10", "9", "10"], catalog.Versions("p").Select(t => t.Version));
        Assert.Equal("v10", catalog.Render("p", new Dictionary<string, object?>()).Text);
    }

    [Fact]
    public void UnknownPromptOrVersionSaysWhatTheCatalogHas()
    {
        LlmPromptCatalog catalog = Samples.FromDirectory().Build();

        Assert.Equal(
            "The prompt catalog has no prompt 'faq'. Its prompts are faq-answer, faq-answer-short, ticket-summary.",
            Assert.Throws<KeyNotFoundException>(() => catalog.Get("faq")).Message);
        Assert.Equal(
            "Prompt 'faq-answer' has no version 7. Its versions are 3, 4.",
            Assert.Throws<KeyNotFoundException>(() => catalog.Get("faq-answer", "7")).Message);
    }

    [Fact]
    public void RendersSystemAndUserMessages()
    {
        LlmPrompt prompt = Samples.FromDirectory().Build().Get("faq-answer", "3").Render(Samples.FaqArguments());

        Assert.Equal(
            "You are the support assistant for the pro plan.\n"
            + "Answer only from the FAQ excerpt below. If it does not answer the question, say so.\n"
            + "Use at most 40 words.\n\n"
            + "FAQ excerpt:\n"
            + "Reset it under Settings > Security.",
            prompt.SystemText);
        Assert.Equal("How do I reset my password?", prompt.UserText);
        Assert.Equal(prompt.SystemText + "\n\n" + prompt.UserText, prompt.Text);
        Assert.Equal(("faq-answer", "3", "gpt-4o-mini"), (prompt.Id, prompt.Version, prompt.Model));
        Assert.Null(prompt.Variant);
        Assert.Null(prompt.Experiment);
        Assert.Equal("faq-answer@3", prompt.ToString());
    }

    [Fact]
    public void RendersJsonDateNumberAndBoolInvariantlyAndKeepsLiteralBraces()
    {
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            LlmPrompt prompt = Samples.FromResources().Build().Render("ticket-summary", new Dictionary<string, object?>
            {
                ["ticket"] = new { Id = 4711, Title = "Login fails – “é”", Tags = new[] { "auth", "sso" } },
                ["opened"] = new DateOnly(2025, 3, 1),
                ["priority_score"] = 0.75,
                ["escalated"] = true,
            });

            Assert.Equal(
                "Summarise this ticket, opened 2025-03-01 (priority score 0.75, escalated: true):\n\n"
                + "{\"Id\":4711,\"Title\":\"Login fails – “é”\",\"Tags\":[\"auth\",\"sso\"]}\n\n"
                + "Reply as JSON shaped like {\"summary\": \"...\", \"tags\": [\"...\"]}.\n"
                + "Template syntax such as {{name}} must be copied literally.",
                prompt.Text);
            Assert.Equal(LlmPromptRole.User, Assert.Single(prompt.Messages).Role);
            Assert.Null(prompt.SystemText);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void JsonAcceptsJsonTextElementsAndNodesAsTheyAre()
    {
        LlmPromptTemplate template = Samples.FromDirectory().Build().Get("ticket-summary");
        string Ticket(object? value) => template.Render(new Dictionary<string, object?>
        {
            ["ticket"] = value, ["opened"] = new DateTime(2025, 3, 1), ["priority_score"] = 2, ["escalated"] = false,
        }).Text.Split("\n\n")[1];

        Assert.Equal("{\"a\": [1, 2]}", Ticket(" {\"a\": [1, 2]} "));
        Assert.Equal("{\"b\":true}", Ticket(JsonNode.Parse("{\"b\": true}")));
        Assert.Equal("[1,  2]", Ticket(System.Text.Json.JsonDocument.Parse("[1,  2]").RootElement));
        Assert.Equal("null", Ticket(null));
    }

    [Fact]
    public void CrLfFilesRenderExactlyLikeLfFiles()
    {
        string lf = File.ReadAllText(Path.Combine(Samples.Directory, "faq-answer", "3.prompt")).Replace("\r\n", "\n");
        LlmPromptCatalog fromLf = LlmPromptCatalog.CreateBuilder().AddText("lf", lf).Build();
        LlmPromptCatalog fromCrLf = LlmPromptCatalog.CreateBuilder().AddText("crlf", "\uFEFF" + lf.Replace("\n", "\r\n")).Build();

        Assert.Equal(fromLf.Render("faq-answer", Samples.FaqArguments()).Text, fromCrLf.Render("faq-answer", Samples.FaqArguments()).Text);
        Assert.DoesNotContain('\r', fromCrLf.Render("faq-answer", Samples.FaqArguments()).Text);
    }

    [Fact]
    public void RoleLinesSplitMessagesAndOtherDashLinesStayText()
    {
        LlmPrompt prompt = LlmPromptCatalog.CreateBuilder().AddText("few-shot", """
            ---
            id: few-shot
            version: 2
            parameters:
              word: string
            ---
            --- system
            Translate to French.
            --- end of instructions ---
            ---
            --- user
            cat
            --- Assistant
            chat
            --- user
            {{word}}
            """).Build().Render("few-shot", new Dictionary<string, object?> { ["word"] = "dog" });

        Assert.Equal(
            ["system: Translate to French.\n--- end of instructions ---\n---", "user: cat", "assistant: chat", "user: dog"],
            prompt.Messages.Select(m => m.ToString()));
        Assert.Equal("cat\n\ndog", prompt.UserText);
    }

    [Fact]
    public void ToChatMessagesGivesMicrosoftExtensionsAIRolesAndText()
    {
        LlmPrompt prompt = Samples.FromDirectory().Build().Render("faq-answer", Samples.FaqArguments());

        List<ChatMessage> messages = prompt.ToChatMessages();

        Assert.Equal([ChatRole.System, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(prompt.SystemText, messages[0].Text);
        Assert.Equal("How do I reset my password?", messages[1].Text);
    }

    [Fact]
    public void ToCallContextCarriesIdentityModelAndSize()
    {
        LlmPrompt prompt = Samples.FromDirectory().Build().Get("faq-answer", "3").Render(Samples.FaqArguments());

        LlmCallContext context = prompt.ToCallContext();

        Assert.Equal(("faq-answer", "3", "gpt-4o-mini"), (context.PromptId, context.PromptVersion, context.Model));
        Assert.Null(context.PromptVariant);
        Assert.Equal(prompt.Messages.Sum(m => m.Text.Length), context.InputCharacters);
    }

    [Fact]
    public void RenderingIsSafeFromManyThreads()
    {
        LlmPromptTemplate template = Samples.FromDirectory().Build().Get("faq-answer", "3");

        string[] texts = Enumerable.Range(0, 200).AsParallel().AsOrdered().Select(i => template.Render(Samples.FaqArguments("q" + i)).UserText!).ToArray();

        Assert.Equal(Enumerable.Range(0, 200).Select(i => "q" + i), texts);
    }

    [Fact]
    public void TheCatalogIsASingletonServiceBuiltAtRegistration()
    {
        var services = new ServiceCollection();

        services.AddLlmPromptCatalog(b => b.AddDirectory(Samples.Directory));
        using ServiceProvider provider = services.BuildServiceProvider();

        LlmPromptCatalog catalog = provider.GetRequiredService<LlmPromptCatalog>();
        Assert.Equal("4", catalog.Get("faq-answer").Version);
        Assert.Throws<LlmPromptCatalogException>(() => services.AddLlmPromptCatalog(b => b.AddText("bad.prompt", "no header")));
    }
}
