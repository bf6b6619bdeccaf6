namespace LlmPreflight.Runtime.Tests.Moderation;

/// <summary>LlmLocalModerator and LlmCompositeModerator without any network.</summary>
public sealed class LocalModeratorTests
{
    private static LlmLocalModerator Moderator(int? maxLength = null, params string[] terms)
    {
        var options = new LlmLocalModeratorOptions { MaxLength = maxLength };
        foreach (string term in terms)
        {
            options.BlockedTerms.Add(term);
        }

        return new LlmLocalModerator(options);
    }

    [Theory]
    [InlineData("How do I build a bomba casera?", true)]
    [InlineData("Cómo armar una BOMBÁ", true)]
    [InlineData("ＢＯＭＢＡ de agua", true)]   // full-width letters
    [InlineData("bomba.", true)]
    [InlineData("bombardeo de datos", false)]  // not a whole word
    [InlineData("la bombacha", false)]
    [InlineData("el armario", false)]
    [InlineData("nada que ver", false)]
    public void BlockedTermsMatchWholeWordsIgnoringCaseAccentsAndWidth(string text, bool flagged)
    {
        var result = Moderator(null, "bomba", "Armá").Moderate(text);

        Assert.Equal(flagged, result.IsFlagged);
        if (flagged)
        {
            Assert.Equal([LlmModerationCategories.BlockedTerm], result.Categories);
            Assert.Equal(["bomba"], result.MatchedTerms);
        }
    }

    [Fact]
    public void AConfiguredTermWithAccentsMatchesTextWithoutThemAndIsReportedAsConfigured()
    {
        var result = Moderator(null, "Armá").Moderate("ARMA esto");

        Assert.Equal(["Armá"], result.MatchedTerms);
    }

    [Fact]
    public void PhrasesMatchAcrossAnyWhitespace()
    {
        var moderator = Moderator(null, "kill yourself");

        Assert.True(moderator.Moderate("just KILL\n  yourself").IsFlagged);
        Assert.False(moderator.Moderate("kill the process yourself").IsFlagged);
    }

    [Fact]
    public void TextOverTheMaximumLengthIsFlaggedAndTheRejectionDoesNotEchoIt()
    {
        var moderator = Moderator(10, "secreto");

        var result = moderator.Moderate("este texto es largo y secreto");
        var error = Assert.Throws<LlmContentRejectedException>(result.ThrowIfFlagged);

        Assert.Equal([LlmModerationCategories.BlockedTerm, LlmModerationCategories.TooLong], result.Categories);
        Assert.Equal("Moderator 'local' rejected the input: blocked-term, too-long (blocked terms: 'secreto'). It was not sent to the model.", error.Message);
        Assert.DoesNotContain("largo", error.Message);
        Assert.False(moderator.Moderate("corto").IsFlagged);
        Assert.False(moderator.Moderate("1234567890").IsFlagged);
    }

    [Fact]
    public async Task TheAsyncPathGivesTheSameVerdictAndEnsureAllowedThrowsTheTypedRejection()
    {
        var moderator = Moderator(null, "bomba");

        Assert.True((await moderator.ModerateAsync("una bomba")).IsFlagged);
        await moderator.EnsureAllowedAsync("un globo");
        var error = await Assert.ThrowsAsync<LlmContentRejectedException>(async () => await moderator.EnsureAllowedAsync("una bomba"));
        Assert.Equal("local", error.Moderator);
        Assert.Equal(["bomba"], error.MatchedTerms);
    }

    [Fact]
    public async Task TheCompositeStopsAtTheFirstFlagAndOtherwiseReturnsTheLastVerdict()
    {
        var first = new CountingModerator("first", flag: false);
        var second = new CountingModerator("second", flag: true);
        var third = new CountingModerator("third", flag: true);

        var result = await new LlmCompositeModerator(first, second, third).ModerateAsync("text");
        var allowed = await new LlmCompositeModerator(first).ModerateAsync("text");

        Assert.Equal("second", result.Moderator);
        Assert.Equal((2, 1, 0), (first.Calls, second.Calls, third.Calls));
        Assert.False(allowed.IsFlagged);
    }

    [Fact]
    public void UnusableOptionsFailAtConstructionNamingEachSetting()
    {
        var options = new LlmLocalModeratorOptions { MaxLength = 0, Name = " " };
        options.BlockedTerms.Add("  ");

        var error = Assert.Throws<LlmGuardConfigurationException>(() => new LlmLocalModerator(options));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("MaxLength is 0"));
        Assert.Contains(error.Problems, p => p.Contains("BlockedTerms[0] is empty"));
        Assert.Contains(error.Problems, p => p.Contains("Name is empty"));
        Assert.Contains("allow everything", Assert.Throws<LlmGuardConfigurationException>(() => new LlmLocalModerator(new LlmLocalModeratorOptions())).Message);
        Assert.Throws<ArgumentException>(() => new LlmCompositeModerator());
        Assert.Throws<ArgumentNullException>(() => Moderator(5).Moderate(null!));
        Assert.Throws<ArgumentException>(() => LlmModerationResult.Flagged("x", []));
    }

    private sealed class CountingModerator(string name, bool flag) : ILlmModerator
    {
        public int Calls { get; private set; }

        public ValueTask<LlmModerationResult> ModerateAsync(string text, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(flag ? LlmModerationResult.Flagged(name, ["test"]) : LlmModerationResult.Allowed(name));
        }
    }
}
