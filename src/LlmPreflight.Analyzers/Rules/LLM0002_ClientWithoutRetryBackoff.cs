using System.Collections.Immutable;
using System.Linq;
using LlmPreflight.Analyzers.Catalog;
using LlmPreflight.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// LLM0002: an SDK client constructed so that its calls get no retry with backoff — OpenAI 2.x clients left on the
/// default policy (three retries with no delay) or with retries switched off, clients of SDKs that never retry, and
/// Semantic Kernel builder methods that switch the SDK's retries off. Reported on the construction or builder call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0002_ClientWithoutRetryBackoff : LlmAnalyzer
{
    /// <summary>Diagnostic property naming the problem; the code fix reads it.</summary>
    public const string ReasonProperty = "Reason";

    /// <summary>OpenAI's default <c>ClientRetryPolicy</c>: 3 retries, 0 ms apart.</summary>
    public const string ReasonZeroDelayDefault = "ZeroDelayDefault";

    /// <summary>Options that set <c>RetryPolicy = new ClientRetryPolicy(0)</c> outside a guard.</summary>
    public const string ReasonRetriesOff = "RetriesOff";

    /// <summary>An SDK with no retry at all.</summary>
    public const string ReasonNoRetry = "NoRetry";

    /// <summary>A Semantic Kernel builder that switches the SDK's retries off.</summary>
    public const string ReasonBuilderRetriesOff = "BuilderRetriesOff";

    /// <summary>A client used only through the runtime's guarded pipeline that keeps the SDK's own retries: attempts multiply.</summary>
    public const string ReasonRetriesMultiply = "RetriesMultiply";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0002_ClientWithoutRetryBackoff);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, LlmCompilationContext llm)
    {
        context.RegisterOperationAction(c => AnalyzeCreation(c, llm), OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => AnalyzeBuilderCall(c, llm), OperationKind.Invocation);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, LlmCompilationContext llm)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (llm.GetClient(creation.Type) is not { } client || creation.Constructor is null)
        {
            return;
        }

        var guardedOnly = FlowsOnlyIntoGuardedPipeline(creation);
        var reason = client.Sdk.Retry switch
        {
            RetryDefault.ZeroDelay => ClientModelReason(creation, client, guardedOnly),
            RetryDefault.None => PassesOwnHttpClient(creation.Arguments) || guardedOnly ? null : ReasonNoRetry,
            _ => null,
        };

        if (client.Sdk.Id == "semantic-kernel")
        {
            // SK's service builds its own OpenAI client: zero-delay retries without an HttpClient, none with one.
            reason = TakesReadyClient(creation.Constructor, llm) || PassesOwnHttpClient(creation.Arguments) ? null
                : PassesAnyHttpClient(creation.Arguments) ? ReasonBuilderRetriesOff : ReasonZeroDelayDefault;
        }

        Report(context, creation, reason, creation.Type!.Name, client.Sdk, llm);
    }

    private static void AnalyzeBuilderCall(OperationAnalysisContext context, LlmCompilationContext llm)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (llm.GetClientFactory(invocation.TargetMethod) is not { } factory
            || TakesReadyClient(invocation.TargetMethod, llm)
            || PassesOwnHttpClient(invocation.Arguments))
        {
            return;
        }

        Report(context, invocation, ReasonBuilderRetriesOff, invocation.TargetMethod.Name, factory.Sdk, llm);
    }

    private static void Report(OperationAnalysisContext context, IOperation operation, string? reason, string clientName, SdkInfo sdk, LlmCompilationContext llm)
    {
        if (reason is null)
        {
            return;
        }

        var configuration = llm.GetConfiguration(context.Options, operation.Syntax.SyntaxTree);
        if (GuardedScope.Of(operation, llm, configuration).Covers(GuardConcerns.Retry))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LLM0002_ClientWithoutRetryBackoff,
            operation.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, reason),
            Explain(reason, clientName, sdk)));
    }

    /// <summary>Why an OpenAI (System.ClientModel) client gets no backoff, or null when its options take care of it or are unknown here.</summary>
    private static string? ClientModelReason(IObjectCreationOperation creation, ClientEntry client, bool guardedOnly)
    {
        // Behind the runtime guard, the SDK should not retry at all: its retries would multiply the guard's.
        var withoutPolicy = guardedOnly ? ReasonRetriesMultiply : ReasonZeroDelayDefault;
        var optionsArgument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.Name == ShortName(client.OptionsTypeName));
        if (optionsArgument is null || optionsArgument.ArgumentKind == ArgumentKind.DefaultValue || IsNull(optionsArgument.Value))
        {
            return withoutPolicy;
        }

        var options = CancellationTokenArguments.SkipConversions(optionsArgument.Value);
        var found = options switch
        {
            IObjectCreationOperation inline => InitializerAssignments(inline),
            ILocalReferenceOperation local => LocalOptionsAssignments(local, creation),
            _ => null,
        };

        if (found is not { } assignments)
        {
            // Options from a parameter, field or factory: what they hold is not visible here.
            return null;
        }

        var retryPolicy = assignments.LastOrDefault(a => a.Property == "RetryPolicy");
        if (retryPolicy.Value is not null)
        {
            return IsZeroRetries(retryPolicy.Value) ? (guardedOnly ? null : ReasonRetriesOff) : (guardedOnly ? ReasonRetriesMultiply : null);
        }

        // Customised logging makes System.ClientModel build a fresh ClientRetryPolicy(3), whose delay is correct.
        return assignments.Any(a => a.Property == "ClientLoggingOptions") && !guardedOnly ? null : withoutPolicy;
    }

    /// <summary>
    /// True when the client goes, directly or through a local used nowhere else, into a Microsoft.Extensions.AI
    /// pipeline that includes the runtime guard (<c>client.AsIChatClient().AsBuilder().UseLlmPreflight()</c>).
    /// </summary>
    private static bool FlowsOnlyIntoGuardedPipeline(IObjectCreationOperation creation)
    {
        if (ReachesGuardedPipeline(creation))
        {
            return true;
        }

        if (creation.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return false;
        }

        var root = (IOperation)declarator;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var uses = root.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol)).ToList();
        return uses.Count > 0 && uses.All(ReachesGuardedPipeline);
    }

    private static bool ReachesGuardedPipeline(IOperation value)
    {
        var current = value;
        for (var step = 0; step < 8; step++)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            current = parent switch
            {
                IArgumentOperation { Parent: IInvocationOperation or IObjectCreationOperation } argument => argument.Parent!,
                IInvocationOperation invocation when invocation.Instance is not null => invocation,
                _ => null!,
            };

            if (current is null)
            {
                return false;
            }

            if (current is IInvocationOperation { TargetMethod: { Name: "UseLlmPreflight", ContainingNamespace.Name: "LlmPreflight" } }
                or IObjectCreationOperation { Type: { Name: "LlmGuardChatClient" or "LlmGuardEmbeddingGenerator", ContainingNamespace.Name: "LlmPreflight" } })
            {
                return true;
            }
        }

        return false;
    }

    private static string ShortName(string metadataName) => metadataName.Substring(metadataName.LastIndexOf('.') + 1);

    private static ImmutableArray<(string Property, IOperation Value)> InitializerAssignments(IObjectCreationOperation creation) =>
        creation.Initializer is null
            ? ImmutableArray<(string, IOperation)>.Empty
            : creation.Initializer.Initializers
                .OfType<ISimpleAssignmentOperation>()
                .Where(a => a.Target is IPropertyReferenceOperation)
                .Select(a => (((IPropertyReferenceOperation)a.Target).Property.Name, a.Value))
                .ToImmutableArray();

    /// <summary>The properties set on an options local: its initializer's plus later <c>options.X = ...</c> in the member.</summary>
    private static ImmutableArray<(string Property, IOperation Value)>? LocalOptionsAssignments(ILocalReferenceOperation local, IOperation within)
    {
        var root = within;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var declarator = root.Descendants().OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
        if (declarator?.Initializer?.Value is not { } initial || CancellationTokenArguments.SkipConversions(initial) is not IObjectCreationOperation created)
        {
            return null;
        }

        var later = root.Descendants()
            .OfType<ISimpleAssignmentOperation>()
            .Where(a => a.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
            .Select(a => (((IPropertyReferenceOperation)a.Target).Property.Name, a.Value));
        return InitializerAssignments(created).AddRange(later);
    }

    private static bool IsZeroRetries(IOperation value) =>
        CancellationTokenArguments.SkipConversions(value) is IObjectCreationOperation { Type.Name: "ClientRetryPolicy" } policy
        && policy.Arguments.FirstOrDefault(a => a.Parameter?.Name == "maxRetries") is { ArgumentKind: not ArgumentKind.DefaultValue } maxRetries
        && maxRetries.Value.ConstantValue is { HasValue: true, Value: 0 };

    private static bool IsNull(IOperation value) =>
        CancellationTokenArguments.SkipConversions(value) is IDefaultValueOperation or ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };

    /// <summary>An overload that takes a ready SDK client (SK's <c>AddOpenAIChatCompletion(modelId, openAIClient)</c>) inherits that client's policy.</summary>
    private static bool TakesReadyClient(IMethodSymbol method, LlmCompilationContext llm) =>
        method.Parameters.Any(p => llm.IsClientType(p.Type));

    private static bool PassesAnyHttpClient(ImmutableArray<IArgumentOperation> arguments) =>
        arguments.Any(a => a.Parameter?.Type.Name == "HttpClient" && a.ArgumentKind != ArgumentKind.DefaultValue && !IsNull(a.Value));

    /// <summary>
    /// An HttpClient from elsewhere (IHttpClientFactory, a field) may carry a resilience handler: unknown, so not
    /// flagged. A <c>new HttpClient()</c> made on the spot certainly does not retry.
    /// </summary>
    private static bool PassesOwnHttpClient(ImmutableArray<IArgumentOperation> arguments) =>
        arguments.Any(a => a.Parameter?.Type.Name == "HttpClient"
            && a.ArgumentKind != ArgumentKind.DefaultValue
            && !IsNull(a.Value)
            && CancellationTokenArguments.SkipConversions(a.Value) is not IObjectCreationOperation);

    private static string Explain(string reason, string clientName, SdkInfo sdk) => reason switch
    {
        ReasonZeroDelayDefault => $"'{clientName}' is built without a RetryPolicy: {sdk.DisplayName}'s default policy retries 3 times with no delay between attempts (measured gaps of about 0 ms), so a 429 or 503 is retried straight back into the overloaded service; set RetryPolicy = new ClientRetryPolicy(3) for exponential backoff from 0.8 s",
        ReasonRetriesOff => $"'{clientName}' is built with retries switched off (ClientRetryPolicy(0)) outside any guard that retries; a transient 429 or 5xx fails the call",
        ReasonRetriesMultiply => $"'{clientName}' keeps {sdk.DisplayName}'s own retries although its calls go through LlmGuard, which retries too: attempts multiply (up to 4 SDK attempts for each of the guard's); set RetryPolicy = new ClientRetryPolicy(0)",
        ReasonBuilderRetriesOff => $"'{clientName}' builds a client with the SDK's retries switched off ({sdk.DisplayName} passes its own HttpClient and sets ClientRetryPolicy(0)); pass a client you built with a retry policy, or guard the calls",
        _ => $"'{clientName}' ({sdk.DisplayName}) never retries: a transient 429, 5xx or dropped connection fails the call; give it an HttpClient with a resilience handler or guard the calls",
    };
}
