using System.Runtime.CompilerServices;
using System.Text;
using LlmPreflight.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using static LlmPreflight.Runtime.Tests.Infrastructure.Respond;

namespace LlmPreflight.Runtime.Tests.Redaction;

/// <summary>
/// Restoring placeholders in a streamed answer: however the answer is split into pieces, the restored pieces add up to
/// <see cref="LlmRedaction.Restore"/> of the whole answer, and only a short tail that could still be a placeholder waits.
/// </summary>
public sealed class StreamRestoreTests
{
    private const string SpanishUser = "Soy ana.lopez@gmail.com, mi cel es +54 9 11 1234 5678, la tarjeta 4111 1111 1111 1111 y mi CUIT 20-30123456-3.";
    private const string EnglishUser = "I'm bo@example.org, call (212) 555-0123; my SSN is 536-90-4399 and the server is 192.168.1.10. Key AIzaSyD4rJ8c1PqKx7vT2bQm9nLw0eZ5uHsGfYd leaked.";

    private static readonly LlmRedaction Spanish = LlmPiiRedactor.Default.Redact(SpanishUser);
    private static readonly LlmRedaction English = LlmPiiRedactor.Default.Redact(EnglishUser);
    private static readonly LlmRedaction Angled = AngledRedaction();

    // A format that ends in the number: "PHONE#1" followed by "2" is another placeholder, so the digits must wait.
    private static readonly LlmRedaction Hashed = new LlmPiiRedactor(new LlmPiiRedactorOptions { PlaceholderFormat = "{0}#{1}" })
        .Redact("Call +54 9 11 1234 5678 or write to ana@example.com.");

    /// <summary>Answers a model gives, with what Restore makes of each (checked here, so the split property compares against a known-good whole).</summary>
    public static TheoryData<string, string, string> Answers => new()
    {
        {
            "es", "Listo, te escribimos a [EMAIL_1] y te llamamos al [PHONE_1]. La tarjeta [CARD_1] no se cobró; el CUIT [CUIT_1] quedó registrado.",
            "Listo, te escribimos a ana.lopez@gmail.com y te llamamos al +54 9 11 1234 5678. La tarjeta 4111 1111 1111 1111 no se cobró; el CUIT 20-30123456-3 quedó registrado."
        },
        {
            "es", "[EMAIL_1] es tu correo y tu número es [PHONE_1]",
            "ana.lopez@gmail.com es tu correo y tu número es +54 9 11 1234 5678"
        },
        {
            "es", "Contactos: [EMAIL_1][PHONE_1], [CARD_1]/[CUIT_1]; en Markdown: \\[EMAIL\\_1\\] y \\[PHONE\\_1\\]. También [email_1] o [ Email _ 1 ].",
            "Contactos: ana.lopez@gmail.com+54 9 11 1234 5678, 4111 1111 1111 1111/20-30123456-3; en Markdown: ana.lopez@gmail.com y +54 9 11 1234 5678. También ana.lopez@gmail.com o ana.lopez@gmail.com."
        },
        {
            "es", "Ver [1] y [la guía](https://example.com/guia) — [NOMBRE_1] y [EMAIL_2] no son nuestros, [EMAIL_1] sí. Corchete suelto: [",
            "Ver [1] y [la guía](https://example.com/guia) — [NOMBRE_1] y [EMAIL_2] no son nuestros, ana.lopez@gmail.com sí. Corchete suelto: ["
        },
        {
            "en", "Sure — I'll email [EMAIL_1] and call [PHONE_1]. SSN [SSN_1] is on file, [IP_1] is blocked and [API_KEY_1] was revoked.",
            "Sure — I'll email bo@example.org and call (212) 555-0123. SSN 536-90-4399 is on file, 192.168.1.10 is blocked and AIzaSyD4rJ8c1PqKx7vT2bQm9nLw0eZ5uHsGfYd was revoked."
        },
        {
            "en", "[ EMAIL_1   ] keeps three spaces, [EMAIL_1    ] has four; [EMAIL_1234567890] is too long and [EMAIL_01] is the first.\\",
            "bo@example.org keeps three spaces, [EMAIL_1    ] has four; [EMAIL_1234567890] is too long and bo@example.org is the first.\\"
        },
        {
            "en", "Arrays like a[i] and [[nested]] or \\[escaped\\] stay; [PHONE_1]",
            "Arrays like a[i] and [[nested]] or \\[escaped\\] stay; (212) 555-0123"
        },
        {
            "angled", "<EMPLOYEE_ID-1> ordered from < IP-1 >; <ORDER-2> is unknown, a<b and x -> y stay. <employee_id - 1>",
            "EMP-123456 ordered from 10.1.2.3; <ORDER-2> is unknown, a<b and x -> y stay. EMP-123456"
        },
        {
            "hashed", "Call PHONE#1 or write to email # 1; PHONE#12 and ISSUE#1 are not yours, C# is a language. PHONE#1",
            "Call +54 9 11 1234 5678 or write to ana@example.com; PHONE#12 and ISSUE#1 are not yours, C# is a language. +54 9 11 1234 5678"
        },
    };

    private static LlmRedaction AngledRedaction()
    {
        var options = new LlmPiiRedactorOptions { PlaceholderFormat = "<{0}-{1}>" };
        options.CustomDetectors.Add(new LlmRegexPiiDetector("EMPLOYEE_ID", @"\bEMP-\d{6}\b"));
        return new LlmPiiRedactor(options).Redact("EMP-123456 logged in from 10.1.2.3");
    }

    private static LlmRedaction RedactionFor(string name) => name switch
    {
        "es" => Spanish,
        "en" => English,
        "hashed" => Hashed,
        _ => Angled,
    };

    /// <summary>Pushes the pieces one by one, checking the hold-back bound after each, and returns what was shown.</summary>
    private static string Stream(LlmRedaction redaction, IEnumerable<string> pieces)
    {
        var restorer = redaction.CreateStreamRestorer();
        var shown = new StringBuilder();
        foreach (string piece in pieces)
        {
            shown.Append(restorer.Push(piece));
            Assert.InRange(restorer.HeldLength, 0, restorer.MaxHeldLength);
        }

        shown.Append(restorer.Complete());
        Assert.Equal(0, restorer.HeldLength);
        return shown.ToString();
    }

    private static IEnumerable<string> Split(string text, params int[] cuts)
    {
        int from = 0;
        foreach (int cut in cuts)
        {
            yield return text.Substring(from, cut - from);
            from = cut;
        }

        yield return text.Substring(from);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void RestoreOfTheWholeAnswerIsWhatTheCasesExpect(string redaction, string answer, string restored)
        => Assert.Equal(restored, RedactionFor(redaction).Restore(answer));

    [Theory]
    [MemberData(nameof(Answers))]
    public void EverySplitIntoTwoOrThreePiecesRestoresLikeTheWholeAnswer(string redaction, string answer, string restored)
    {
        LlmRedaction r = RedactionFor(redaction);
        for (int i = 0; i <= answer.Length; i++)
        {
            Assert.Equal(restored, Stream(r, Split(answer, i)));
            for (int j = i; j <= answer.Length; j += 3)
            {
                Assert.Equal(restored, Stream(r, Split(answer, i, j)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void CharacterByCharacterAndRandomPiecesRestoreLikeTheWholeAnswer(string redaction, string answer, string restored)
    {
        LlmRedaction r = RedactionFor(redaction);
        Assert.Equal(restored, Stream(r, answer.Select(c => c.ToString())));

        var random = new Random(20_250_611);
        for (int round = 0; round < 300; round++)
        {
            var pieces = new List<string>();
            for (int at = 0; at < answer.Length;)
            {
                // Token-sized pieces, with empty ones mixed in as some SDKs send them.
                int length = Math.Min(random.Next(0, 9), answer.Length - at);
                pieces.Add(answer.Substring(at, length));
                at += length;
            }

            Assert.Equal(restored, Stream(r, pieces));
        }
    }

    [Fact]
    public void OnlyATailThatCouldStillBeAPlaceholderIsHeldAndItIsReleasedOnceItCannot()
    {
        var restorer = Spanish.CreateStreamRestorer();

        Assert.Equal("Escribí a ", restorer.Push("Escribí a [EMA"));
        Assert.Equal(4, restorer.HeldLength);
        Assert.Equal("ana.lopez@gmail.com y ", restorer.Push("IL_1] y [la"));
        Assert.Equal("[la guía](x) ", restorer.Push(" guía](x) ["));
        Assert.Equal(1, restorer.HeldLength);
        Assert.Equal("[1] ok.", restorer.Push("1] ok."));
        Assert.Equal(0, restorer.HeldLength);
        Assert.Equal(string.Empty, restorer.Complete());
    }

    [Fact]
    public void TheLongestPossiblePlaceholderIsTheMostEverHeldAndOneMoreCharacterSettlesIt()
    {
        var restorer = Spanish.CreateStreamRestorer();
        // Every optional part at its longest: escapes, a 41-character kind, a 9-digit number, 3 spaces in each gap.
        string longest = "\\[   " + "E" + new string('X', 40) + "   \\_   " + "123456789" + "   \\]";
        Assert.Equal(68, longest.Length);
        Assert.Equal(longest.Length - 1, restorer.MaxHeldLength);

        var shown = new StringBuilder();
        foreach (char c in "Hola " + longest.Substring(0, longest.Length - 1))
        {
            shown.Append(restorer.Push(c.ToString()));
            Assert.InRange(restorer.HeldLength, 0, restorer.MaxHeldLength);
        }

        Assert.Equal("Hola ", shown.ToString());
        Assert.Equal(restorer.MaxHeldLength, restorer.HeldLength);
        Assert.Equal(longest + " fin", restorer.Push("] fin"));
        Assert.Equal(0, restorer.HeldLength);
    }

    [Fact]
    public void AStrayBracketDoesNotStallTheStream()
    {
        var restorer = English.CreateStreamRestorer();
        var shown = new StringBuilder();
        string text = "Note [" + string.Concat(Enumerable.Repeat("this is a long aside without a closing bracket, ", 5));

        foreach (char c in text)
        {
            shown.Append(restorer.Push(c.ToString()));
            Assert.InRange(restorer.HeldLength, 0, 6); // "[this " (a kind, then room for spaces) is the most of it that reads like a placeholder's start
        }

        Assert.Equal(text, shown.Append(restorer.Complete()).ToString());
    }

    [Fact]
    public void ARedactionWithoutFindingsHoldsNothing()
    {
        var restorer = LlmPiiRedactor.Default.Redact("Nothing personal here.").CreateStreamRestorer();

        Assert.Equal("[EMA", restorer.Push("[EMA"));
        Assert.Equal(0, restorer.HeldLength);
        Assert.Equal("IL_1]", restorer.Push("IL_1]"));
    }

    [Fact]
    public void NullPiecesAreEmptyACompletedRestorerSaysToCreateANewOneAndCompletingTwiceIsHarmless()
    {
        var restorer = Spanish.CreateStreamRestorer();

        Assert.Equal(string.Empty, restorer.Push(null));
        Assert.Equal(string.Empty, restorer.Push("[EMAIL_"));
        Assert.Equal("[EMAIL_", restorer.Complete());
        Assert.Equal(string.Empty, restorer.Complete());
        var error = Assert.Throws<InvalidOperationException>(() => restorer.Push("more"));
        Assert.Contains("CreateStreamRestorer", error.Message);
        Assert.Throws<ArgumentNullException>(() => Spanish.RestoreAsync((IAsyncEnumerable<string>)null!));
        Assert.Throws<ArgumentNullException>(() => Spanish.RestoreAsync((IAsyncEnumerable<ChatResponseUpdate>)null!));
    }

    private static async IAsyncEnumerable<string> Pieces(IEnumerable<string?> pieces, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string? piece in pieces)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return piece!;
        }
    }

    [Fact]
    public async Task TheStringAdapterYieldsRestoredPiecesAndSkipsThoseThatOnlyExtendAPlaceholder()
    {
        var output = new List<string>();
        await foreach (string piece in Spanish.RestoreAsync(Pieces(["Hola ", "[EM", "AIL", null, "_1], ", "fin ["])))
        {
            output.Add(piece);
        }

        Assert.Equal(["Hola ", "ana.lopez@gmail.com, ", "fin ", "["], output);
    }

    [Fact]
    public async Task TheMeaiAdapterRestoresARealChatClientStreamWhoseChunksSplitPlaceholders()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStream(["Listo: escribí a [EMA", "IL_1] y ll", "amé al [PHONE", "_1", "]. La tarjeta [ca", "rd_1] no se cobró."]));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        var received = new List<ChatResponseUpdate>();
        var restored = new List<ChatResponseUpdate>();

        await foreach (var update in Spanish.RestoreAsync(Recording(
            LlmGuard.StreamAsync(ct => chat.GetStreamingResponseAsync(Spanish.Text, cancellationToken: ct)), received)))
        {
            restored.Add(update);
        }

        Assert.Equal(
            "Listo: escribí a ana.lopez@gmail.com y llamé al +54 9 11 1234 5678. La tarjeta 4111 1111 1111 1111 no se cobró.",
            string.Concat(restored.Select(u => u.Text)));
        Assert.Equal(
            ["Listo: escribí a ", "ana.lopez@gmail.com y ll", "amé al ", "", "+54 9 11 1234 5678. La tarjeta ", "4111 1111 1111 1111 no se cobró."],
            restored.Select(u => u.Text));
        Assert.All(restored, u => Assert.DoesNotContain("[", u.Text));
        Assert.All(restored, u => Assert.Equal("chatcmpl-1", u.ResponseId));
        Assert.All(restored, u => Assert.Equal("gpt-4o-mini", u.ModelId));
        Assert.Equal(received.Count, restored.Count);

        // The SDK's updates are left as they came (a caching client below would store them), and the PII never left.
        Assert.Equal(
            "Listo: escribí a [EMAIL_1] y llamé al [PHONE_1]. La tarjeta [card_1] no se cobró.",
            string.Concat(received.Select(u => u.Text)));
        string sent = Assert.Single(server.Requests).Body;
        Assert.Contains("[EMAIL_1]", sent);
        Assert.DoesNotContain("ana.lopez", sent);
    }

    [Fact]
    public async Task TheMeaiAdapterSendsTextHeldAtTheEndOfTheStreamInOneMoreUpdateOfTheSameResponse()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(ChatStream(["Te escribo a [EMAIL_1]. Ver [", "EMAIL_"]));
        IChatClient chat = Clients.Chat(server).AsIChatClient();
        var restored = new List<ChatResponseUpdate>();

        await foreach (var update in Spanish.RestoreAsync(chat.GetStreamingResponseAsync(Spanish.Text)))
        {
            restored.Add(update);
        }

        ChatResponseUpdate last = restored[^1];
        Assert.Equal("[EMAIL_", last.Text);
        Assert.Equal(("chatcmpl-1", "gpt-4o-mini", ChatRole.Assistant), (last.ResponseId, last.ModelId, last.Role));
        Assert.Equal("Te escribo a ana.lopez@gmail.com. Ver [EMAIL_", string.Concat(restored.Select(u => u.Text)));
        Assert.Equal("Te escribo a ana.lopez@gmail.com. Ver [EMAIL_", (await Spanish.RestoreAsync(chat.GetStreamingResponseAsync(Spanish.Text)).ToChatResponseAsync()).Text);
    }

    [Fact]
    public async Task TheMeaiAdapterKeepsOtherContentsAndFlushesHeldTextBeforeANewMessage()
    {
        // Updates as a tool-calling client produces them: two messages, a function call and usage between text.
        var call = new FunctionCallContent("call-1", "lookup", new Dictionary<string, object?> { ["email"] = "[EMAIL_1]" });
        var usage = new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 4 });
        ChatResponseUpdate[] updates =
        [
            new(ChatRole.Assistant, [new TextContent("Busco a [EMA")]) { MessageId = "m1", ResponseId = "r1" },
            new(ChatRole.Assistant, [call]) { MessageId = "m1", ResponseId = "r1" },
            new(ChatRole.Assistant, [new TextContent("IL_1] y [")]) { MessageId = "m1", ResponseId = "r1" },
            new(ChatRole.Assistant, [new TextContent("PHONE_1] listo"), usage]) { MessageId = "m2", ResponseId = "r1", FinishReason = ChatFinishReason.Stop },
        ];

        var restored = new List<ChatResponseUpdate>();
        await foreach (var update in Spanish.RestoreAsync(Pieces(updates)))
        {
            restored.Add(update);
        }

        Assert.Equal(["Busco a ", "", "ana.lopez@gmail.com y ", "[", "PHONE_1] listo"], restored.Select(u => u.Text));
        Assert.Same(updates[1], restored[1]);
        Assert.Equal(["m1", "m1", "m1", "m1", "m2"], restored.Select(u => u.MessageId));
        Assert.Same(usage, Assert.Single(restored[4].Contents.OfType<UsageContent>()));
        Assert.Equal(ChatFinishReason.Stop, restored[4].FinishReason);
        Assert.Equal("Busco a [EMA", updates[0].Text);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Pieces(IEnumerable<ChatResponseUpdate> updates)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Recording(IAsyncEnumerable<ChatResponseUpdate> updates, List<ChatResponseUpdate> received)
    {
        await foreach (var update in updates)
        {
            received.Add(update);
            yield return update;
        }
    }

    // The OpenAI streaming pattern from docs/runtime.md ("PII redaction"), word for word but for the writer it prints to.
    private static async Task ShowRestoredAsync(ChatClient chatClient, LlmRedaction redaction, ChatCompletionOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        LlmStreamRestorer restorer = redaction.CreateStreamRestorer();
        await foreach (StreamingChatCompletionUpdate update in LlmGuard.StreamAsync(
            ct => chatClient.CompleteChatStreamingAsync([new UserChatMessage(redaction.Text)], options, ct), cancellationToken))
        {
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                output.Write(restorer.Push(part.Text));
            }
        }

        output.Write(restorer.Complete());
    }

    [Fact]
    public async Task TheDocumentedOpenAIStreamingPatternShowsTheRestoredAnswerThroughTheGuard()
    {
        FastPolicy.Configure();
        await using var server = new ScriptedServer(Status(503), ChatStream(["Done: I'll write to [EM", "AIL_1", "] and call [PHONE_1]", " about [", "SSN_1]. Bye ["]));
        var output = new WritesRecorder();

        await ShowRestoredAsync(Clients.Chat(server), English, new ChatCompletionOptions(), output, CancellationToken.None);

        Assert.Equal("Done: I'll write to bo@example.org and call (212) 555-0123 about 536-90-4399. Bye [", output.ToString());
        Assert.Equal(["Done: I'll write to ", "", "bo@example.org and call (212) 555-0123", " about ", "536-90-4399. Bye ", "["], output.Writes);
        Assert.Equal(2, server.Attempts); // the 503 was retried by the guard before the first chunk
        Assert.DoesNotContain("bo@example.org", server.Requests[1].Body);
    }

    /// <summary>A StringWriter that also keeps each write, to see what the user saw and when.</summary>
    private sealed class WritesRecorder : StringWriter
    {
        public List<string> Writes { get; } = [];

        public override void Write(string? value)
        {
            Writes.Add(value ?? string.Empty);
            base.Write(value);
        }
    }
}
