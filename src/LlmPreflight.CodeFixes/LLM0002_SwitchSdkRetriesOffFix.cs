using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Analyzers;
using LlmPreflight.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace LlmPreflight.CodeFixes;

/// <summary>
/// LLM0002 fix for a client whose calls all go through the runtime guard (<c>UseLlmPreflight()</c>) but which keeps
/// the SDK's own retries: sets <c>RetryPolicy = new ClientRetryPolicy(0)</c>, so the guard's backoff is the only one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LLM0002_SwitchSdkRetriesOffFix)), Shared]
public sealed class LLM0002_SwitchSdkRetriesOffFix : LlmCodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ClientWithoutRetryBackoff);

    protected override string Title => "Switch the SDK's retries off (LlmGuard retries)";

    protected override string EquivalenceKey => RuleIdentifiers.ClientWithoutRetryBackoff + ".SwitchSdkRetriesOff";

    protected override bool CanFix(SyntaxNode node, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken) =>
        LLM0002_UseExponentialRetryPolicyFix.HasReason(diagnostic, LLM0002_ClientWithoutRetryBackoff.ReasonRetriesMultiply)
        && LLM0002_UseExponentialRetryPolicyFix.Plan(node, model, cancellationToken, retries: 0) is not null;

    protected override Task FixAsync(DocumentEditor editor, SyntaxNode node, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        LLM0002_UseExponentialRetryPolicyFix.Apply(editor, node, cancellationToken, retries: 0);
}
