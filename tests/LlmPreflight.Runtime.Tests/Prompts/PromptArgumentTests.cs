namespace LlmPreflight.Runtime.Tests.Prompts;

/// <summary>Rendering checks every argument against its declared type, before anything is sent.</summary>
public sealed class PromptArgumentTests
{
    private static readonly LlmPromptCatalog Catalog = Samples.FromDirectory().Build();

    private static LlmPromptArgumentException Fails(string id, string version, Dictionary<string, object?> arguments)
        => Assert.Throws<LlmPromptArgumentException>(() => Catalog.Get(id, version).Render(arguments));

    private static Dictionary<string, object?> Faq(string key, object? value)
    {
        var arguments = Samples.FaqArguments();
        arguments[key] = value;
        return arguments;
    }

    private static Dictionary<string, object?> Ticket(string key, object? value)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["ticket"] = new { Id = 1 }, ["opened"] = new DateTime(2025, 3, 1), ["priority_score"] = 1.5m, ["escalated"] = false,
        };
        arguments[key] = value;
        return arguments;
    }

    [Fact]
    public void AMissingValueNamesThePromptVersionAndParameter()
    {
        var arguments = Samples.FaqArguments();
        arguments.Remove("question");

        var error = Fails("faq-answer", "3", arguments);

        Assert.Equal("Prompt 'faq-answer' version 3: no value for parameter 'question' (string).", error.Message);
        Assert.Equal(("faq-answer", "3", "arguments"), (error.PromptId, error.Version, error.ParamName));
    }

    [Fact]
    public void AMisspelledKeyIsBothMissingAndExtra()
    {
        var arguments = Samples.FaqArguments();
        arguments.Remove("question");
        arguments["Question"] = "Hi";

        var error = Fails("faq-answer", "4", arguments);

        Assert.Equal(
            "Prompt 'faq-answer' version 4: 2 problems:" + Environment.NewLine
            + "- no value for parameter 'question' (string)." + Environment.NewLine
            + "- 'Question' is not a parameter of this prompt; its parameters are product: enum(basic, pro, enterprise), excerpt: string, question: string, max_words: int.",
            error.Message);
        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void ArgumentsForAPromptWithoutParametersAreRejected()
    {
        LlmPromptCatalog catalog = LlmPromptCatalog.CreateBuilder().AddText("t", "---\nid: hello\nversion: 1\n---\nHello!").Build();

        Assert.Equal(
            "Prompt 'hello' version 1: 'name' is not a parameter of this prompt, which takes none.",
            Assert.Throws<LlmPromptArgumentException>(() => catalog.Render("hello", new Dictionary<string, object?> { ["name"] = "Ada" })).Message);
    }

    [Theory]
    [InlineData("max_words", "ten", "parameter 'max_words' (int) was given a string (\"ten\"); pass a whole number (int, long, ...).")]
    [InlineData("max_words", 3.5, "parameter 'max_words' (int) was given a Double (3.5); pass a whole number (int, long, ...).")]
    [InlineData("product", "premium", "parameter 'product' (enum(basic, pro, enterprise)) was given \"premium\"; pass one of basic, pro, enterprise.")]
    [InlineData("product", 2, "parameter 'product' (enum(basic, pro, enterprise)) was given a Int32 (2); pass one of basic, pro, enterprise.")]
    [InlineData("question", null, "parameter 'question' (string) is null; pass a string.")]
    [InlineData("question", 'x', "parameter 'question' (string) was given a Char (x); pass a string.")]
    public void WrongTypesInTheFaqPrompt(string key, object? value, string problem)
        => Assert.Equal("Prompt 'faq-answer' version 3: " + problem, Fails("faq-answer", "3", Faq(key, value)).Message);

    public static TheoryData<string, object?, string> TicketCases => new()
    {
        { "opened", new DateTime(2025, 3, 1, 10, 30, 0), "parameter 'opened' (date) was given a DateTime (03/01/2025 10:30:00), which has a time of day; pass its .Date, or declare the parameter as datetime." },
        { "opened", "2025-03-01", "parameter 'opened' (date) was given a string (\"2025-03-01\"); pass a DateTime, DateTimeOffset or DateOnly with no time of day." },
        { "priority_score", double.NaN, "parameter 'priority_score' (number) was given a Double (NaN); pass a finite number." },
        { "priority_score", "0.5", "parameter 'priority_score' (number) was given a string (\"0.5\"); pass a number (int, double, decimal, ...)." },
        { "escalated", "yes", "parameter 'escalated' (bool) was given a string (\"yes\"); pass true or false." },
        { "ticket", "{not json", "parameter 'ticket' (json) was given a string that is not JSON (\"{not json\"); pass the object itself to have it serialised, or JSON text." },
        { "ticket", new string('x', 60), "parameter 'ticket' (json) was given a string that is not JSON (\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\"); pass the object itself to have it serialised, or JSON text." },
    };

    [Theory]
    [MemberData(nameof(TicketCases))]
    public void WrongTypesInTheTicketPrompt(string key, object? value, string problem)
        => Assert.Equal("Prompt 'ticket-summary' version 1: " + problem, Fails("ticket-summary", "1", Ticket(key, value)).Message);

    [Fact]
    public void AnUnserialisableJsonValueIsReportedNotThrownRaw()
    {
        var cycle = new Node();
        cycle.Next = cycle;

        var error = Fails("ticket-summary", "1", Ticket("ticket", cycle));

        Assert.StartsWith("Prompt 'ticket-summary' version 1: parameter 'ticket' (json) was given a Node that System.Text.Json cannot serialise: ", error.Message);
    }

    [Fact]
    public void AcceptedValueShapes()
    {
        LlmPromptTemplate faq = Catalog.Get("faq-answer", "3");
        Assert.Contains("at most 40 words", faq.Render(Faq("max_words", 40L)).Text);
        Assert.Contains("for the enterprise plan", faq.Render(Faq("product", Plan.enterprise)).Text);

        LlmPromptTemplate ticket = Catalog.Get("ticket-summary", "1");
        Assert.Contains("opened 2025-03-01 (priority score 1.5,", ticket.Render(Ticket("opened", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(2)))).Text);
        Assert.Contains("(priority score 12,", ticket.Render(Ticket("priority_score", 12)).Text);
        Assert.Contains("(priority score 0.1,", ticket.Render(Ticket("priority_score", 0.1f)).Text);
    }

    [Fact]
    public void DateTimeParametersKeepTheOffset()
    {
        LlmPromptCatalog catalog = LlmPromptCatalog.CreateBuilder()
            .AddText("t", "---\nid: when\nversion: 1\nparameters:\n  at: datetime\n---\nAt {{at}}.")
            .Build();
        string Render(object value) => catalog.Render("when", new Dictionary<string, object?> { ["at"] = value }).Text;

        Assert.Equal("At 2025-03-01T10:30:00+02:00.", Render(new DateTimeOffset(2025, 3, 1, 10, 30, 0, 500, TimeSpan.FromHours(2))));
        Assert.Equal("At 2025-03-01T10:30:00Z.", Render(new DateTime(2025, 3, 1, 10, 30, 0, DateTimeKind.Utc)));
    }

    private enum Plan
    {
        basic,
        enterprise,
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }
}
