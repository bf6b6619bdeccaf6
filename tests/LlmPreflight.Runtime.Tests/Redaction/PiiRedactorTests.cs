using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmPreflight.Runtime.Tests.Redaction;

/// <summary>LlmPiiRedactor: placeholders, restore, overlaps, options and bad input.</summary>
public sealed class PiiRedactorTests
{
    [Fact]
    public void PlaceholdersAreTypedNumberedPerKindAndRepeatForTheSameValue()
    {
        var redaction = LlmPiiRedactor.Default.Redact(
            "Write to ana@example.com or bo@example.org; ana@example.com again. Call +54 9 11 1234 5678 or (212) 555-0123.");

        Assert.Equal("Write to [EMAIL_1] or [EMAIL_2]; [EMAIL_1] again. Call [PHONE_1] or [PHONE_2].", redaction.Text);
        Assert.Equal(["EMAIL", "EMAIL", "EMAIL", "PHONE", "PHONE"], redaction.Findings.Select(f => f.Kind));
        Assert.Equal(4, redaction.Placeholders.Count);
        Assert.Equal("bo@example.org", redaction.Placeholders["[EMAIL_2]"]);
        var first = redaction.Findings[0];
        Assert.Equal((9, 15, "ana@example.com", "[EMAIL_1]"), (first.Start, first.Length, first.Value, first.Placeholder));
    }

    [Fact]
    public void RestorePutsOriginalsBackEvenWhenTheModelChangesCaseSpacingOrEscapesMarkdown()
    {
        var redaction = LlmPiiRedactor.Default.Redact("Mi mail es ana@example.com y mi CUIT 20-30123456-3.");
        Assert.Equal("Mi mail es [EMAIL_1] y mi CUIT [CUIT_1].", redaction.Text);

        string answer = "Listo: [EMAIL_1], [email_1], [ Email _ 1 ], \\[EMAIL\\_1\\] y [CUIT_1]. [EMAIL_2] y [PHONE_1] no existen.";

        Assert.Equal(
            "Listo: ana@example.com, ana@example.com, ana@example.com, ana@example.com y 20-30123456-3. [EMAIL_2] y [PHONE_1] no existen.",
            redaction.Restore(answer));
    }

    [Fact]
    public void TextWithoutFindingsIsReturnedUnchanged()
    {
        var redaction = LlmPiiRedactor.Default.Redact("Order 1234-5678 shipped on 2024-03-15, version 1.2.3.4.5.");

        Assert.False(redaction.HasFindings);
        Assert.Equal("Order 1234-5678 shipped on 2024-03-15, version 1.2.3.4.5.", redaction.Text);
        Assert.Equal("[EMAIL_1] stays", redaction.Restore("[EMAIL_1] stays"));
    }

    [Theory]
    [InlineData("+54 9 11 1234 5678", "PHONE")]
    [InlineData("011 4123-4567", "PHONE")]
    [InlineData("15-1234-5678", "PHONE")]
    [InlineData("(212) 555-0123", "PHONE")]
    [InlineData("+44 20 7946 0958", "PHONE")]
    [InlineData("4111 1111 1111 1111", "CARD")]
    [InlineData("3782-822463-10005", "CARD")]
    [InlineData("DE89 3704 0044 0532 0130 00", "IBAN")]
    [InlineData("GB82WEST12345698765432", "IBAN")]
    [InlineData("536-90-4399", "SSN")]
    [InlineData("20-30123456-3", "CUIT")]
    [InlineData("192.168.1.10", "IP")]
    [InlineData("2001:db8::1", "IP")]
    [InlineData("::ffff:192.0.2.128", "IP")]
    [InlineData("AIzaSyD4rJ8c1PqKx7vT2bQm9nLw0eZ5uHsGfYd", "API_KEY")]
    public void EachShapeTheIssueNamesIsFoundWhole(string value, string kind)
    {
        var redaction = LlmPiiRedactor.Default.Redact($"value: {value} end");

        var finding = Assert.Single(redaction.Findings);
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(value, finding.Value);
    }

    [Theory]
    [InlineData("4111 1111 1111 1112")]         // Luhn fails
    [InlineData("DE88 3704 0044 0532 0130 00")] // mod 97 fails
    [InlineData("20-30123456-7")]               // CUIT check digit fails
    [InlineData("666-12-3456")]                 // area 666 is never issued
    [InlineData("123-00-4567")]                 // group 00 is never issued
    [InlineData("version 1.2.3.4.5")]
    [InlineData("10.0.0.256")]
    [InlineData("MAC 00:1A:2B:3C:4D:5E")]
    [InlineData("2024-03-15 12:30:45")]
    [InlineData("Factura 0001-00012345")]
    [InlineData("pedido 30123456")]             // a DNI-length number without a cue
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")] // no T3BlbkFJ marker
    [InlineData("logo@2x.png")]
    public void LookAlikesAreLeftAlone(string text)
    {
        Assert.Empty(LlmPiiRedactor.Default.Redact(text).Findings);
    }

    [Fact]
    public void ArgentineDniIsFoundOnlyAfterACue()
    {
        var redaction = LlmPiiRedactor.Default.Redact("DNI: 30.123.456, legajo 30123456, documento 28456789.");

        Assert.Equal("DNI: [DNI_1], legajo 30123456, documento [DNI_2].", redaction.Text);
    }

    [Fact]
    public void OverlapsAreResolvedByEvidenceSoACuitIsNotAlsoAPhoneAndAnIPv6KeepsItsIPv4Tail()
    {
        var redaction = LlmPiiRedactor.Default.Redact("CUIT 20-30123456-3 desde ::ffff:192.0.2.128");

        Assert.Equal(["CUIT", "IP"], redaction.Findings.Select(f => f.Kind));
        Assert.Equal("CUIT [CUIT_1] desde [IP_1]", redaction.Text);
    }

    [Fact]
    public void APlaceholderAlreadyInTheInputIsNotReusedSoRestoreCannotTurnTheUsersTextIntoSomeonesAddress()
    {
        var redaction = LlmPiiRedactor.Default.Redact("Why does my template show [EMAIL_1]? My address is ana@example.com.");

        Assert.Equal("Why does my template show [EMAIL_1]? My address is [EMAIL_2].", redaction.Text);
        Assert.Equal("[EMAIL_1] is a literal; ana@example.com is yours.", redaction.Restore("[EMAIL_1] is a literal; [EMAIL_2] is yours."));
    }

    [Fact]
    public void AConversationKeepsOnePlaceholderPerValueAcrossMessages()
    {
        var first = LlmPiiRedactor.Default.Redact("I am ana@example.com");
        var second = LlmPiiRedactor.Default.Redact("cc bo@example.org and ana@example.com", first);

        Assert.Equal("I am [EMAIL_1]", first.Text);
        Assert.Equal("cc [EMAIL_2] and [EMAIL_1]", second.Text);
        Assert.Equal("ana@example.com, bo@example.org", second.Restore("[EMAIL_1], [EMAIL_2]"));
        Assert.Equal("ana@example.com, [EMAIL_2]", first.Restore("[EMAIL_1], [EMAIL_2]"));
    }

    [Fact]
    public void CustomDetectorsAndFormatsWorkAndCustomDetectorsWinOverlaps()
    {
        var options = new LlmPiiRedactorOptions { PlaceholderFormat = "<{0}-{1}>" };
        options.CustomDetectors.Add(new LlmRegexPiiDetector("EMPLOYEE_ID", @"\bEMP-\d{6}\b", id => id != "EMP-000000"));
        options.CustomDetectors.Add(new LlmRegexPiiDetector("ORDER", @"\b\d{3}-\d{2}-\d{4}\b"));
        var redactor = new LlmPiiRedactor(options);

        var redaction = redactor.Redact("EMP-123456 (not EMP-000000) placed order 536-90-4399 from 10.1.2.3");

        Assert.Equal("<EMPLOYEE_ID-1> (not EMP-000000) placed order <ORDER-1> from <IP-1>", redaction.Text);
        Assert.Equal("EMP-123456 at 10.1.2.3", redaction.Restore("<employee_id - 1> at < IP-1 >"));
    }

    [Fact]
    public void UnusableOptionsFailAtConstructionNamingEachSettingAndTheFix()
    {
        var options = new LlmPiiRedactorOptions { PlaceholderFormat = "{0}_{1}", Detectors = LlmPiiDetectors.None };
        options.CustomDetectors.Add(new LlmRegexPiiDetector("employee id", "x"));

        var error = Assert.Throws<LlmGuardConfigurationException>(() => new LlmPiiRedactor(options));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("PlaceholderFormat") && p.Contains("bracket"));
        Assert.Contains(error.Problems, p => p.Contains("CustomDetectors[0]") && p.Contains("EMPLOYEE_ID"));
        Assert.Contains(error.Problems, p => p.Contains("Detectors is None"));
        Assert.Contains("{0} (the kind) and {1}", Assert.Throws<LlmGuardConfigurationException>(
            () => new LlmPiiRedactor(new LlmPiiRedactorOptions { PlaceholderFormat = "[{0}]" })).Message);
    }

    [Fact]
    public void NullInputAndOutOfRangeCustomSpansGetClearErrors()
    {
        Assert.Throws<ArgumentNullException>(() => LlmPiiRedactor.Default.Redact(null!));
        Assert.Throws<ArgumentNullException>(() => LlmPiiRedactor.Default.Redact("x").Restore(null!));
        var options = new LlmPiiRedactorOptions();
        options.CustomDetectors.Add(new OutOfRangeDetector());

        var error = Assert.Throws<InvalidOperationException>(() => new LlmPiiRedactor(options).Redact("short"));

        Assert.Contains("'BROKEN'", error.Message);
        Assert.Contains("not inside the 5-character text", error.Message);
    }

    [Fact]
    public void APatternThatRunsPastItsTimeoutFailsClosedWithATypedError()
    {
        var options = new LlmPiiRedactorOptions();
        options.CustomDetectors.Add(new LlmRegexPiiDetector("SLOW", "^(a+)+$", matchTimeout: TimeSpan.FromMilliseconds(50)));
        string hostile = new string('a', 40) + "!";

        var error = Assert.Throws<LlmRedactionTimeoutException>(() => new LlmPiiRedactor(options).Redact(hostile));

        Assert.Equal("SLOW", error.Kind);
        Assert.IsType<RegexMatchTimeoutException>(error.InnerException);
        Assert.Contains("must not be sent", error.Message);
    }

    [Fact]
    public void BuiltInDetectorsStayFastOnLargeAdversarialInput()
    {
        // Long runs built from each detector's alphabet: digits with separators, dotted and colon-separated runs,
        // local-part characters before an "@", key characters after a prefix.
        var text = new StringBuilder();
        text.Append(string.Concat(Enumerable.Repeat("1 2-3.4:", 20_000)));
        text.Append(new string('a', 100_000)).Append('@');
        text.Append("sk-").Append(new string('A', 50_000));
        text.Append(" DNI ").Append(string.Concat(Enumerable.Repeat("1.", 20_000)));
        var watch = Stopwatch.StartNew();

        LlmPiiRedactor.Default.Redact(text.ToString());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void FindingsDescribeThemselvesWithoutTheValue()
    {
        var finding = LlmPiiRedactor.Default.Redact("ana@example.com").Findings[0];

        Assert.Equal("EMAIL at 0+15 -> [EMAIL_1]", finding.ToString());
    }

    private sealed class OutOfRangeDetector : ILlmPiiDetector
    {
        public string Kind => "BROKEN";

        public IEnumerable<LlmPiiMatch> Find(string text) => [new LlmPiiMatch(3, 10)];
    }
}
