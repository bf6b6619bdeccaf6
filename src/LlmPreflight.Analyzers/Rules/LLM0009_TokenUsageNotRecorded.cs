using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0009: a model call whose token usage nobody records — its result is discarded, or kept without the member
/// ever reading usage (<c>Usage</c>, <c>UsageContent</c>, <c>Metadata["Usage"]</c>, <c>EvalCount</c>) or passing
/// the result on, outside a guard that tracks cost and outside an OpenTelemetry-instrumented pipeline.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0009_TokenUsageNotRecorded : ModelCallAnalyzer
{
    private const string MeaiSdkId = "meai";
    private const string AgentsSdkId = "agents";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0009_TokenUsageNotRecorded);

    private protected override void AnalyzeModelCall(ModelCallContext context)
    {
        var (invocation, call, llm) = (context.Invocation, context.Call, context.Llm);
        var outcomes = llm.Outcomes;
        if (call.Sdk is null
            || !outcomes.CarriesUsage(invocation.Type)
            || GuardedScope.Of(invocation, llm, context.Configuration).Covers(GuardConcerns.CostTracking))
        {
            return;
        }

        var root = CallResult.Root(invocation);
        var value = CallResult.Outermost(invocation, out _);
        string problem;
        if (CallResult.IsDiscarded(value))
        {
            problem = "its result is discarded, so the tokens it used are never recorded";
        }
        else
        {
            if (CallResult.IsPassedOn(value, root)
                || value.Parent is IForEachLoopOperation loop && loop.Locals.Any(l => CallResult.IsLocalPassedOn(l, root))
                || ReadsUsage(root.Syntax, outcomes))
            {
                return;
            }

            problem = call.IsStreaming
                ? "no update's token usage is read in this member, so the tokens it used are never recorded"
                : "its token usage is never read in this member, so the tokens it used are never recorded";
        }

        if (IsInstrumented(root.Syntax, call, outcomes))
        {
            return;
        }

        context.ReportOnCall(Descriptors.LLM0009_TokenUsageNotRecorded, problem, DescribeUsage(call.Sdk.Id));
    }

    /// <summary>The member mentions a usage member or content type, or indexes metadata with a usage key.</summary>
    private static bool ReadsUsage(SyntaxNode member, SdkOutcomes outcomes)
    {
        foreach (var node in member.DescendantNodes())
        {
            switch (node)
            {
                case IdentifierNameSyntax name when outcomes.UsageNames.Contains(name.Identifier.ValueText):
                    return true;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) && outcomes.UsageKeys.Contains(literal.Token.ValueText):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// OpenTelemetry records usage of calls through an instrumented Microsoft.Extensions.AI pipeline: one built in
    /// this member, or, for calls on the MEAI or Agent Framework abstractions, one set up anywhere in the
    /// compilation (the DI registration usually lives in Program.cs, far from the calls).
    /// </summary>
    private static bool IsInstrumented(SyntaxNode member, ModelCall call, SdkOutcomes outcomes) =>
        member.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => SdkOutcomes.IsOpenTelemetryName(n.Identifier.ValueText))
        || call.Sdk?.Id is MeaiSdkId or AgentsSdkId && outcomes.CompilationUsesOpenTelemetry;

    private static string DescribeUsage(string sdkId) => sdkId switch
    {
        MeaiSdkId => "'Usage' (or the 'UsageContent' of streamed updates)",
        AgentsSdkId => "'Usage' (or the 'UsageContent' of streamed updates)",
        "semantic-kernel" => "'Metadata[\"Usage\"]'",
        "ollama" => "'PromptEvalCount' and 'EvalCount' of the final item",
        _ => "'Usage'",
    };
}
