using System.Security.Cryptography;
using System.Text;
using LlmPreflight.Internal.Prompts;
using Microsoft.Extensions.Configuration;

namespace LlmPreflight.Runtime.Tests.Prompts;

/// <summary>A/B experiments: sticky assignment by subject id, weights, overrides, and their validation.</summary>
public sealed class PromptExperimentTests
{
    private static readonly string[] Subjects = Enumerable.Range(0, 10_000).Select(i => "user-" + i).ToArray();

    private static LlmPromptCatalog FaqExperiment(LlmPromptCatalogBuilder builder, Action<LlmPromptExperimentOptions>? adjust = null)
        => builder.AddExperiment("faq-tone", "faq-answer", e =>
        {
            e.AddVariant("control", 50, version: "3").AddVariant("friendly", 30, version: "4").AddVariant("short", 20, promptId: "faq-answer-short");
            adjust?.Invoke(e);
        }).Build();

    private static IReadOnlyList<string> Problems(Action<LlmPromptCatalogBuilder> add)
    {
        LlmPromptCatalogBuilder builder = Samples.FromDirectory();
        add(builder);
        return Assert.Throws<LlmPromptCatalogException>(() => builder.Build()).Problems;
    }

    private static IConfiguration Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void TheSameSubjectGetsTheSameVariantFromIndependentCatalogs()
    {
        LlmPromptExperiment first = FaqExperiment(Samples.FromDirectory()).ExperimentFor("faq-answer")!;
        LlmPromptExperiment second = FaqExperiment(Samples.FromResources()).ExperimentFor("faq-answer")!;

        Assert.All(Subjects.Take(2_000), subject =>
        {
            string variant = first.Assign(subject).Name;
            Assert.Equal(variant, first.Assign(subject).Name);
            Assert.Equal(variant, second.Assign(subject).Name);
        });
    }

    [Fact]
    public void TheBucketIsTheDocumentedSha256RuleSoOtherProcessesAndLanguagesAgree()
    {
        // first 8 bytes of SHA-256("faq-tone\nuser-42"), big-endian, modulo 10,000: nothing process-specific.
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes("faq-tone\nuser-42"));
        ulong value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | hash[i];
        }

        Assert.Equal((int)(value % 10_000), StickyBucket.Of("faq-tone", "user-42"));
        Assert.NotEqual(StickyBucket.Of("faq-tone", "user-42"), StickyBucket.Of("other-experiment", "user-42"));
    }

    [Fact]
    public void TenThousandSubjectsSplitCloseToTheWeights()
    {
        LlmPromptExperiment experiment = FaqExperiment(Samples.FromDirectory()).ExperimentFor("faq-answer")!;

        var counts = Subjects.GroupBy(s => experiment.Assign(s).Name).ToDictionary(g => g.Key, g => g.Count());

        // Expected 5,000 / 3,000 / 2,000; a binomial standard deviation is at most 50, so 150 is three of them.
        Assert.InRange(counts["control"], 4_850, 5_150);
        Assert.InRange(counts["friendly"], 2_850, 3_150);
        Assert.InRange(counts["short"], 1_850, 2_150);
        Assert.Equal([0.5, 0.3, 0.2], experiment.Variants.Select(v => v.Share));
    }

    [Fact]
    public void ChangingWeightsMovesOnlyTheSubjectsBetweenTheOldAndNewBoundary()
    {
        LlmPromptExperiment before = Samples.FromDirectory().AddExperiment("faq-tone", "faq-answer", e => e.AddVariant("a", 50, "3").AddVariant("b", 50, "4")).Build().ExperimentFor("faq-answer")!;
        LlmPromptExperiment after = Samples.FromDirectory().AddExperiment("faq-tone", "faq-answer", e => e.AddVariant("a", 60, "3").AddVariant("b", 40, "4")).Build().ExperimentFor("faq-answer")!;

        var moved = Subjects.Where(s => before.Assign(s).Name != after.Assign(s).Name).ToList();

        // 10% of the buckets change hands, all from b to a; nobody moves the other way.
        Assert.InRange(moved.Count, 850, 1_150);
        Assert.All(moved, s => Assert.Equal(("b", "a"), (before.Assign(s).Name, after.Assign(s).Name)));
    }

    [Fact]
    public void AZeroWeightVariantGetsNobody()
    {
        LlmPromptExperiment experiment = FaqExperiment(Samples.FromDirectory(), e => e.AddVariant("off", 0, "4")).ExperimentFor("faq-answer")!;

        Assert.DoesNotContain(Subjects, s => experiment.Assign(s).Name == "off");
        Assert.Equal(0, experiment.Variants.Single(v => v.Name == "off").Share);
    }

    [Fact]
    public void RenderingForASubjectRecordsTheExperimentAndVariant()
    {
        LlmPromptCatalog catalog = FaqExperiment(Samples.FromDirectory());
        string subject = Subjects.First(s => catalog.ExperimentFor("faq-answer")!.Assign(s).Name == "short");

        LlmPrompt prompt = catalog.Render("faq-answer", Samples.FaqArguments(), subject);

        Assert.Equal(("faq-answer-short", "1", "faq-tone", "short"), (prompt.Id, prompt.Version, prompt.Experiment, prompt.Variant));
        Assert.StartsWith("Answer in one sentence (never more than 40 words) for a pro customer", prompt.SystemText);
        Assert.Equal("faq-answer-short@1 [faq-tone/short]", prompt.ToString());
    }

    [Fact]
    public void WithoutASubjectTheControlIsRenderedOutsideTheExperiment()
    {
        LlmPromptCatalog catalog = FaqExperiment(Samples.FromDirectory());

        LlmPrompt prompt = catalog.Render("faq-answer", Samples.FaqArguments());

        Assert.Equal(("faq-answer", "3"), (prompt.Id, prompt.Version));
        Assert.Null(prompt.Variant);
        Assert.Null(prompt.Experiment);
        Assert.Equal("4", catalog.Get("faq-answer").Render(Samples.FaqArguments()).Version);
    }

    [Fact]
    public void AForcedVariantAndSubjectOverrides()
    {
        LlmPromptCatalog catalog = FaqExperiment(Samples.FromDirectory(), e =>
        {
            e.ForcedVariant = "friendly";
            e.Override("qa-alice", "short");
        });
        LlmPromptExperiment experiment = catalog.ExperimentFor("faq-answer")!;

        Assert.All(Subjects.Take(500), s => Assert.Equal("friendly", experiment.Assign(s).Name));
        Assert.Equal("short", experiment.Assign("qa-alice").Name);
        Assert.Equal("4", catalog.Render("faq-answer", Samples.FaqArguments()).Version);
        Assert.Equal(
            "Experiment 'faq-tone' needs a subject id to assign a variant; pass a stable id such as the user's or tenant's, or render without one to skip the experiment. (Parameter 'subjectId')",
            Assert.Throws<ArgumentException>(() => catalog.Render("faq-answer", Samples.FaqArguments(), "")).Message);
    }

    [Fact]
    public void WeightsAreChecked()
    {
        Assert.Equal(
            [
                "experiment 'w': variant 'a' has weight -1; a weight is a finite number of zero or more (0 turns the variant off).",
                "experiment 'w': variant 'b' has weight NaN; a weight is a finite number of zero or more (0 turns the variant off).",
            ],
            Problems(b => b.AddExperiment("w", "faq-answer", e => e.AddVariant("a", -1).AddVariant("b", double.NaN))));
        Assert.Equal(
            ["experiment 'w': the weights add up to 0, so no subject could be assigned. Give at least one variant a positive weight."],
            Problems(b => b.AddExperiment("w", "faq-answer", e => e.AddVariant("a", 0).AddVariant("b", 0))));
        Assert.Equal(
            ["experiment 'w' has no variants; add them with AddVariant, or as a Variants list in configuration."],
            Problems(b => b.AddExperiment("w", "faq-answer", _ => { })));
    }

    [Fact]
    public void VariantsForcedVariantAndOverridesMustExist()
        => Assert.Equal(
            [
                "experiment 'w': variant 'a' is listed twice; variant names must be unique.",
                "experiment 'w': variant 'b' uses prompt 'faq-answer' version 9, which the catalog does not have; its versions are 3, 4.",
                "experiment 'w': variant 'c' uses prompt 'faq-answer-long', which is not in the catalog. Its prompts are faq-answer, faq-answer-short, ticket-summary.",
                "experiment 'w': the forced variant 'z' is not one of its variants (a, b, c).",
                "experiment 'w': the override for subject 'qa' names the variant 'y', which is not one of its variants (a, b, c).",
            ],
            Problems(b => b.AddExperiment("w", "faq-answer", e =>
            {
                e.AddVariant("a", 1).AddVariant("a", 1).AddVariant("b", 1, version: "9").AddVariant("c", 1, promptId: "faq-answer-long");
                e.ForcedVariant = "z";
                e.Override("qa", "y");
            })));

    [Fact]
    public void VariantsMustTakeTheSameArguments()
        => Assert.Equal(
            [
                "experiment 'w': variant 'ticket' (ticket-summary@1) takes (ticket: json, opened: date, priority_score: number, escalated: bool) but variant 'a' (faq-answer@3) takes "
                + "(product: enum(basic, pro, enterprise), excerpt: string, question: string, max_words: int). Every variant must declare the same parameters, because callers pass one set of arguments.",
            ],
            Problems(b => b.AddExperiment("w", "faq-answer", e => e.AddVariant("a", 1, "3").AddVariant("ticket", 1, promptId: "ticket-summary"))));

    [Fact]
    public void OneExperimentPerPromptAndUniqueNames()
        => Assert.Equal(
            [
                "experiment 'x' runs on prompt 'faq', which is not in the catalog. Its prompts are faq-answer, faq-answer-short, ticket-summary.",
                "experiment 'a' is added twice; add it once.",
                "experiment 'b' runs on prompt 'faq-answer', and so does experiment 'a'. Run one experiment per prompt id, so each subject gets one assignment.",
            ],
            Problems(b => b
                .AddExperiment("x", "faq", e => e.AddVariant("v", 1))
                .AddExperiment("a", "faq-answer", e => e.AddVariant("v", 1))
                .AddExperiment("a", "ticket-summary", e => e.AddVariant("v", 1))
                .AddExperiment("b", "faq-answer", e => e.AddVariant("v", 1))));

    [Fact]
    public void ExperimentsFromConfigurationKeepTheListedVariantOrder()
    {
        IConfiguration configuration = Json("""
            {
              "LlmPreflight": {
                "Default": { "MaxRetries": 2 },
                "Prompts": {
                  "Experiments": {
                    "faq-tone": {
                      "Prompt": "faq-answer",
                      "Variants": [
                        { "Name": "zeta", "Version": "3", "Weight": 50 },
                        { "Name": "alpha", "Version": "4", "Weight": 30 },
                        { "Name": "short", "Prompt": "faq-answer-short", "Weight": 20 }
                      ],
                      "Force": null,
                      "Overrides": { "qa-alice": "alpha" }
                    }
                  }
                }
              }
            }
            """);

        LlmPromptExperiment fromConfiguration = Samples.FromResources().AddConfiguration(configuration).Build().ExperimentFor("faq-answer")!;
        LlmPromptExperiment fromCode = Samples.FromDirectory().AddExperiment("faq-tone", "faq-answer", e => e
            .AddVariant("zeta", 50, "3").AddVariant("alpha", 30, "4").AddVariant("short", 20, promptId: "faq-answer-short")).Build().ExperimentFor("faq-answer")!;

        Assert.Equal(["zeta", "alpha", "short"], fromConfiguration.Variants.Select(v => v.Name));
        Assert.Null(fromConfiguration.Forced);
        Assert.Equal("alpha", fromConfiguration.Overrides["qa-alice"].Name);
        Assert.All(Subjects.Take(2_000), s => Assert.Equal(fromCode.Assign(s).Name, fromConfiguration.Assign(s).Name));

        // The guard's own configuration reader leaves the Prompts section to the catalog (and applies the rest at once).
        try
        {
            new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddLlmPreflight(configuration.GetSection("LlmPreflight"));
        }
        finally
        {
            LlmGuard.Configure(_ => { });
        }
    }

    [Fact]
    public void ConfigurationProblemsNameTheKey()
        => Assert.Equal(
            [
                "configuration key 'Prompts:Experiment' is not a prompt catalog setting; the one key here is Experiments.",
                "configuration key 'Prompts:Experiments:t:Weights' is not an experiment setting. Known settings: Prompt, Variants, Force, Overrides.",
                "configuration key 'Prompts:Experiments:t:Variants:0:Weight' has the value \"half\", which is not a number.",
                "configuration key 'Prompts:Experiments:t:Variants:1' (variant 'b') has no Weight; give it one, such as 50.",
                "experiment 't' (configuration key 'Prompts:Experiments:t'): variant 'c' (configuration key 'Prompts:Experiments:t:Variants:2') has weight -5; a weight is a finite number of zero or more (0 turns the variant off).",
                "experiment 't' (configuration key 'Prompts:Experiments:t'): the forced variant 'nope' (configuration key 'Prompts:Experiments:t:Force') is not one of its variants (c).",
            ],
            Problems(b => b.AddConfiguration(Json("""
                {
                  "Prompts": {
                    "Experiment": { "x": 1 },
                    "Experiments": {
                      "t": {
                        "Prompt": "faq-answer",
                        "Weights": "50/50",
                        "Force": "nope",
                        "Variants": [
                          { "Name": "a", "Weight": "half" },
                          { "Name": "b" },
                          { "Name": "c", "Weight": -5 }
                        ]
                      }
                    }
                  }
                }
                """))));
}
