using System.Text.Json;

namespace LlmPreflight.Runtime.Tests.Validation;

/// <summary><see cref="LlmOutput"/> over replies as models write them: each test asserts the exact value or the exact errors.</summary>
public sealed class OutputParserTests
{
    private const string ValidOrder = """{"customer":"ACME","lines":[{"sku":"ABC-1","quantity":2}],"status":"Shipped"}""";

    private static (string Path, string Message)[] Errors<T>(LlmParseResult<T> result)
        => result.Errors.Select(e => (e.Path, e.Message)).ToArray();

    private static void AssertAcme(Order? order)
    {
        Assert.NotNull(order);
        Assert.Equal("ACME", order.Customer);
        Assert.Equal(OrderStatus.Shipped, order.Status);
        OrderLine line = Assert.Single(order.Lines);
        Assert.Equal(("ABC-1", 2), (line.Sku, line.Quantity));
    }

    [Fact]
    public void FencedJsonBetweenChatterIsRead()
    {
        string reply = "Sure! Here is the order you asked for:\n\n```json\n" + ValidOrder + "\n```\n\nLet me know if you need anything else.";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.True(result.IsValid, result.ToString());
        AssertAcme(result.Value);
        Assert.Equal(ValidOrder, result.Json);
        Assert.Equal(string.Empty, result.RepairInstruction);
    }

    [Fact]
    public void JsonInProseWithBracesInsideStringsIsRead()
    {
        string reply = "I looked at {the usual options} first. The answer is "
            + """{"customer":"ACME {Europe}","note":"say \"hi\" } and { and ] to them","lines":[{"sku":"ABC-1","quantity":2}],"status":"Shipped"}"""
            + " - hope that helps :}";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("ACME {Europe}", result.Value!.Customer);
        Assert.Equal("say \"hi\" } and { and ] to them", result.Value.Note);
    }

    [Fact]
    public void AFenceInsideAJsonStringDoesNotEndTheBlock()
    {
        string note = "run:\n```python\nprint(1)\n```\ndone";
        string reply = "```json\n{\"customer\":\"ACME\",\"note\":" + JsonSerializer.Serialize(note) + ",\"lines\":[{\"sku\":\"ABC-1\",\"quantity\":2}],\"status\":\"Shipped\"}\n```";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(note, result.Value!.Note);
    }

    [Fact]
    public void TheFencedAnswerWinsOverAnExampleInTheProse()
    {
        string reply = "The format is like {\"customer\":\"Example Corp\",\"lines\":[]} with more fields.\n\n```json\n" + ValidOrder + "\n```";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        AssertAcme(result.Value);
    }

    [Fact]
    public void CommentsTrailingCommasAndOtherCasingAreAccepted()
    {
        string reply = """
            {
              // the buyer
              "Customer": "ACME",
              "LINES": [ { "sku": "ABC-1", "quantity": 2, }, ],
              "status": "shipped",
            }
            """;

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.True(result.IsValid, result.ToString());
        AssertAcme(result.Value);
    }

    [Fact]
    public void TruncatedJsonIsReportedAsCutOff()
    {
        string reply = "```json\n{\"customer\":\"ACME\",\"lines\":[{\"sku\":\"ABC-1\",\"quantity\":2},{\"sku\":\"AB";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(
            [("$", "The JSON is cut off: the text ends before the object that starts at line 2, column 1 is closed. "
                + "The output was probably truncated at the output token limit; ask for a shorter answer or raise the maximum output tokens.")],
            Errors(result));
    }

    [Fact]
    public void WrongTypesAreAllReportedWithTheirPaths()
    {
        string reply = """{"customer":42,"lines":[{"sku":"ABC-1","quantity":"three"},{"sku":"ABC-2","quantity":2.5}],"status":"Shipped"}""";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.Equal(
            [
                ("$.customer", "must be a string, but is the number 42."),
                ("$.lines[0].quantity", "must be an integer, but is the string \"three\"."),
                ("$.lines[1].quantity", "must be an integer, but is the number 2.5."),
            ],
            Errors(result));
    }

    [Fact]
    public void AMissingRequiredMemberIsAnError()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("""{"lines":[],"status":"Open"}""");

        Assert.Equal([("$.customer", "is required but missing.")], Errors(result));
    }

    [Fact]
    public void AMissingRequiredMemberIsAnErrorWithoutTheSchemaToo()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("""{"lines":[]}""", new LlmParseOptions { ValidateSchema = false });

        Assert.Equal([("$", "JSON deserialization for type 'LlmPreflight.Runtime.Tests.Validation.Order' was missing required properties including: 'customer'.")], Errors(result));
    }

    [Fact]
    public void AnEnumValueOutsideTheSchemaIsAnError()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("""{"customer":"ACME","lines":[],"status":"Cancelled"}""");

        Assert.Equal([("$.status", "must be one of \"Open\", \"Shipped\", but is the string \"Cancelled\".")], Errors(result));
    }

    [Fact]
    public void AnEnumAsANumberIsRejected()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("""{"customer":"ACME","lines":[],"status":7}""", new LlmParseOptions { ValidateSchema = false });

        Assert.Equal([("$.status", "cannot be read as LlmPreflight.Runtime.Tests.Validation.OrderStatus.")], Errors(result));
    }

    [Fact]
    public void RangeLengthAndPatternOfNestedItemsAreCheckedByTheSchema()
    {
        string reply = """{"customer":"ACME","lines":[{"sku":"ABC-1","quantity":2},{"sku":"abc","quantity":0},{"sku":"ABC-1234567890","quantity":100}]}""";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.Equal(
            [
                ("$.lines[1].sku", "must be at least 5 characters long, but has 3."),
                ("$.lines[1].sku", "must match the pattern ^[A-Z]{3}-\\d+$, but is \"abc\"."),
                ("$.lines[1].quantity", "must be at least 1, but is 0."),
                ("$.lines[2].sku", "must be at most 12 characters long, but has 14."),
                ("$.lines[2].quantity", "must be at most 99, but is 100."),
            ],
            Errors(result));
    }

    [Fact]
    public void DataAnnotationsOfNestedItemsAreCheckedWithoutTheSchema()
    {
        string reply = """{"customer":"ACME","lines":[{"sku":"ABC-1","quantity":2},{"sku":"abc","quantity":0}]}""";

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply, new LlmParseOptions { ValidateSchema = false });

        Assert.Equal(
            [
                ("$.lines[1].sku", "The field Sku must match the regular expression '^[A-Z]{3}-\\d+$'."),
                ("$.lines[1].sku", "The field Sku must be a string with a minimum length of 5 and a maximum length of 12."),
                ("$.lines[1].quantity", "The field Quantity must be between 1 and 99."),
            ],
            Errors(result));
    }

    [Fact]
    public void AValidatableObjectRuleOnANestedItemIsReportedAtItsPath()
    {
        string reply = """
            {"carrier":"DHL","legs":[
              {"departs":"2025-01-01T08:00:00","arrives":"2025-01-01T10:00:00"},
              {"departs":"2025-01-02T08:00:00","arrives":"2025-01-01T10:00:00"}]}
            """;

        LlmParseResult<Shipment> result = LlmOutput.Parse<Shipment>(reply);

        Assert.Equal([("$.legs[1].arrives", "A leg must arrive after it departs.")], Errors(result));
    }

    [Fact]
    public void ARecursiveTypeIsCheckedAtEveryLevel()
    {
        string reply = """{"name":"root","children":[{"name":"a","children":[{"name":7}]},{"children":[]}]}""";

        LlmParseResult<Category> result = LlmOutput.Parse<Category>(reply);

        Assert.Equal(
            [
                ("$.children[0].children[0].name", "must be a string, but is the number 7."),
                ("$.children[1].name", "is required but missing."),
            ],
            Errors(result));
    }

    [Fact]
    public void DictionaryValuesAreCheckedByKey()
    {
        LlmParseResult<Scores> result = LlmOutput.Parse<Scores>("""{"byJudge":{"ann":3,"bob lee":"high"}}""");

        Assert.Equal([("$.byJudge['bob lee']", "must be an integer, but is the string \"high\".")], Errors(result));
    }

    [Fact]
    public void AnArrayIsFoundAfterAFootnoteMarker()
    {
        string reply = "Two lines were found [1]:\n[{\"sku\":\"ABC-1\",\"quantity\":2},{\"sku\":\"XYZ-9\",\"quantity\":1}]\n\n[1] from the scanned invoice";

        LlmParseResult<List<OrderLine>> result = LlmOutput.Parse<List<OrderLine>>(reply);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(["ABC-1", "XYZ-9"], result.Value!.Select(l => l.Sku));
    }

    [Fact]
    public void AnUnclosedBracketInProseIsNotMistakenForCutOffJson()
    {
        string reply = "Scores are in the range [0, 1). The order: " + ValidOrder;

        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.True(result.IsValid, result.ToString());
        AssertAcme(result.Value);
    }

    [Fact]
    public void AnArrayWhereAnObjectIsWantedIsReportedNotMinedForItsFirstItem()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("[" + ValidOrder + "," + ValidOrder + "]");

        Assert.Equal([("$", "must be an object, but is an array.")], Errors(result));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("```\n42\n```")]
    public void AScalarIsReadFromTheWholeReply(string reply)
    {
        Assert.True(LlmOutput.TryParse(reply, out int value));
        Assert.Equal(42, value);
    }

    [Fact]
    public void ProseWithoutJsonIsAnError()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("I'm sorry, but I can't extract an order from that {document}.");

        Assert.Equal([("$", "The output contains no JSON object. Reply with a JSON object only.")], Errors(result));
    }

    [Fact]
    public void BrokenJsonSyntaxIsAnErrorWithItsPosition()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("Result:\n{\"customer\": \"ACME\",\n \"lines\": [tru]}");

        Assert.Equal([("$", "The output is not valid JSON: 'tru]}' is an invalid JSON literal. Expected the literal 'true' (line 2, column 15 of the JSON).")], Errors(result));
        Assert.Equal("{\"customer\": \"ACME\",\n \"lines\": [tru]}", result.Json);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void NoTextIsAnError(string? reply)
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>(reply);

        Assert.Equal([("$", "The output is empty; expected JSON for Order.")], Errors(result));
    }

    [Fact]
    public void ASchemaOfYourOwnIsUsedInsteadOfTheGeneratedOne()
    {
        using JsonDocument schema = JsonDocument.Parse("""
            {"type":"object","properties":{"customer":{"type":"string","minLength":2}},"required":["customer"],"additionalProperties":false}
            """);
        var options = new LlmParseOptions { Schema = schema.RootElement };

        LlmParseResult<Order> result = LlmOutput.Parse<Order>("""{"customer":"A","lines":[]}""", options);

        Assert.Equal(
            [
                ("$.customer", "must be at least 2 characters long, but has 1."),
                ("$.lines", "is not an allowed property."),
            ],
            Errors(result));
        Assert.True(LlmOutput.Parse<Order>("""{"customer":"AB"}""", options).IsValid);
    }

    [Fact]
    public void TheRepairInstructionListsEveryErrorWithItsPath()
    {
        LlmParseResult<Order> result = LlmOutput.Parse<Order>("""{"customer":42,"lines":[{"sku":"ABC-1","quantity":0}]}""");

        Assert.Equal(
            "Your previous reply could not be used because its JSON is not valid:\n"
            + "- $.customer: must be a string, but is the number 42.\n"
            + "- $.lines[0].quantity: must be at least 1, but is 0.\n"
            + "Reply again with the corrected JSON only: no explanations and no code fences.",
            result.RepairInstruction);
    }

    [Fact]
    public void ParseOrThrowThrowsATypedExceptionListingTheErrors()
    {
        var error = Assert.Throws<LlmOutputValidationException>(() => LlmOutput.ParseOrThrow<Order>("""{"lines":[{"sku":"ABC-1","quantity":0}]}"""));

        Assert.Equal(typeof(Order), error.TargetType);
        Assert.Equal(["$.customer", "$.lines[0].quantity"], error.Errors.Select(e => e.Path));
        Assert.Equal(
            "The model's output is not a valid Order (2 problems):" + Environment.NewLine
            + "- $.customer: is required but missing." + Environment.NewLine
            + "- $.lines[0].quantity: must be at least 1, but is 0." + Environment.NewLine
            + "Use LlmOutput.Parse to get these errors without an exception, or LlmGuard.RunValidatedAsync to re-ask the model with them.",
            error.Message);
        AssertAcme(LlmOutput.ParseOrThrow<Order>(ValidOrder));
    }

    [Fact]
    public void TryParseReportsValidity()
    {
        Assert.False(LlmOutput.TryParse("""{"lines":[]}""", out Order? invalid));
        Assert.Null(invalid);
        Assert.True(LlmOutput.TryParse(ValidOrder, out Order? valid));
        AssertAcme(valid);
    }

    [Fact]
    public void AnUnreadableResponseTypeIsACallerErrorWithAClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => LlmOutput.ParseResponse<Order>(new Uri("http://example.invalid")));

        Assert.StartsWith("LlmOutput cannot read the text of a Uri. Pass its text to LlmOutput.Parse", error.Message);
    }
}
