using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// LLM0012: a hard-coded credential. Two detections, one diagnostic per location:
/// (a) a non-empty string constant reaching a credential sink of the SDK catalog (a key parameter, a key property, or a
/// user-defined conversion from string to a credential type); (b) any string literal shaped like a provider key,
/// also in projects that reference no SDK. A literal both would report is reported once, by (a).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LLM0012_HardCodedCredential : LlmAnalyzer
{
    /// <summary>Diagnostic property: the environment variable the key should come from.</summary>
    public const string EnvironmentVariableProperty = "EnvironmentVariable";

    /// <summary>Diagnostic property: what the variable holds, e.g. "OpenAI API key" (the fix's error message names it).</summary>
    public const string CredentialProperty = "Credential";

    /// <summary>Diagnostic property, "true" when the reported expression is the credential and nothing else, so replacing it is safe.</summary>
    public const string ReplaceableProperty = "Replaceable";

    /// <summary>How many locals a value is followed through, and how far back a literal is traced to its sinks.</summary>
    private const int MaxDepth = 4;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.LLM0012_HardCodedCredential);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, LlmCompilationContext llm)
    {
        var sinks = CredentialSinkSet.Create(context.Compilation);
        if (sinks.IsEmpty)
        {
            RegisterKeyScan(context, null);
            return;
        }

        RegisterKeyScan(context, sinks);

        // Consumers are collected per operation block and reported at its end: a literal in a local's initializer is
        // then reported from the block that contains it (a local diagnostic, which code fixes and Fix All need).
        context.RegisterOperationBlockStartAction(block =>
        {
            var consumers = new ConcurrentQueue<Consumer>();
            block.RegisterOperationAction(
                c =>
                {
                    if (TryGetConsumer(c.Operation, sinks, out var consumer))
                    {
                        consumers.Enqueue(consumer);
                    }
                },
                OperationKind.Argument,
                OperationKind.Conversion,
                OperationKind.SimpleAssignment);
            block.RegisterOperationBlockEndAction(end =>
            {
                foreach (var consumer in consumers)
                {
                    ReportConsumer(end.ReportDiagnostic, consumer, sinks);
                }
            });
        });
    }

    private protected override void OnCompilationStartWithoutSdk(CompilationStartAnalysisContext context) =>
        RegisterKeyScan(context, null);

    private static void RegisterKeyScan(CompilationStartAnalysisContext context, CredentialSinkSet? sinks) =>
        context.RegisterSyntaxNodeAction(
            c => ScanForKey(c, sinks),
            SyntaxKind.StringLiteralExpression,
            SyntaxKind.Utf8StringLiteralExpression,
            SyntaxKind.InterpolatedStringExpression);

    // ---- (b) provider key formats ----

    private static void ScanForKey(SyntaxNodeAnalysisContext context, CredentialSinkSet? sinks)
    {
        if (!TryMatchKey(context.Node, out var match))
        {
            return;
        }

        // Where the literal reaches a sink, the sink-based detection reports it, with more to say.
        if (sinks is not null && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is { } operation
            && FindConsumers(operation, sinks).Any(c => Evaluate(c).Any(f => f.Node == context.Node)))
        {
            return;
        }

        var replaceable = match.IsWholeValue && !context.Node.IsKind(SyntaxKind.Utf8StringLiteralExpression)
            && (context.Node is not InterpolatedStringExpressionSyntax interpolated || interpolated.Contents.All(c => c is InterpolatedStringTextSyntax));
        Report(
            context.ReportDiagnostic,
            context.Node,
            "This string looks like " + match.Provider.Described,
            match.Provider.EnvironmentVariable,
            replaceable);
    }

    private static bool TryMatchKey(SyntaxNode node, out KeyMatch match)
    {
        match = default;
        switch (node)
        {
            case LiteralExpressionSyntax literal:
                return ProviderKeyFormats.TryMatch(literal.Token.ValueText, out match);
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text && ProviderKeyFormats.TryMatch(text.TextToken.ValueText, out match))
                    {
                        // A key in one text part of several is not the whole string.
                        match = new KeyMatch(match.Provider, match.IsWholeValue && interpolated.Contents.Count == 1);
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    // ---- (a) constants reaching a credential sink ----

    private static void ReportConsumer(System.Action<Diagnostic> report, Consumer consumer, CredentialSinkSet sinks)
    {
        foreach (var finding in Evaluate(consumer))
        {
            // A local's literal can reach several sinks: only the first of them (in source order) reports it.
            if (finding.ViaLocal && !IsFirstConsumer(finding, consumer, sinks))
            {
                continue;
            }

            var key = finding.Value is { } value && ProviderKeyFormats.TryMatch(value, out var match) ? match.Provider : null;
            Report(
                report,
                finding.Node,
                DescribeValue(finding, key) + DescribeSink(consumer),
                EnvironmentVariableFor(consumer, sinks, key),
                replaceable: true);
        }
    }

    /// <summary>
    /// Where a value becomes a credential: an argument, a conversion operand, or a property assignment.
    /// <paramref name="Target"/> is the parameter or property that takes the key.
    /// </summary>
    private readonly record struct Consumer(IOperation Operation, IOperation Value, CredentialSink Sink, ISymbol Target);

    /// <summary>
    /// A hard-coded string: <paramref name="Node"/> is what is reported and replaced (the literal, the constant
    /// expression, or the reference to a const field named <paramref name="ConstantName"/>).
    /// </summary>
    private readonly record struct Finding(SyntaxNode Node, string? Value, string? ConstantName, bool IsLiteral, bool ViaLocal);

    private static bool TryGetConsumer(IOperation operation, CredentialSinkSet sinks, out Consumer consumer)
    {
        consumer = default;
        switch (operation)
        {
            case IArgumentOperation { Parameter: { } parameter, ArgumentKind: not ArgumentKind.DefaultValue } argument
                when sinks.MatchParameter(parameter) is { } sink:
                consumer = new Consumer(argument, argument.Value, sink, parameter);
                return true;
            case IConversionOperation { OperatorMethod: { Parameters.Length: 1 } method } conversion
                when sinks.MatchParameter(method.Parameters[0]) is { } sink:
                consumer = new Consumer(conversion, conversion.Operand, sink, method.Parameters[0]);
                return true;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment
                when sinks.MatchProperty(property) is { } sink:
                consumer = new Consumer(assignment, assignment.Value, sink, property);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The hard-coded strings that flow into <paramref name="consumer"/>.</summary>
    private static List<Finding> Evaluate(Consumer consumer)
    {
        var findings = new List<Finding>();
        Collect(consumer.Value, findings, viaLocal: false, depth: 0);
        return findings;
    }

    private static void Collect(IOperation value, List<Finding> findings, bool viaLocal, int depth)
    {
        while (value is IConversionOperation { OperatorMethod: null } conversion)
        {
            value = conversion.Operand;
        }

        switch (value)
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                Collect(conditional.WhenTrue, findings, viaLocal, depth);
                Collect(whenFalse, findings, viaLocal, depth);
                return;
            case ICoalesceOperation coalesce:
                Collect(coalesce.Value, findings, viaLocal, depth);
                Collect(coalesce.WhenNull, findings, viaLocal, depth);
                return;
            case ILocalReferenceOperation local:
                if (depth < MaxDepth && InitializerOf(local) is { } initializer)
                {
                    Collect(initializer, findings, viaLocal: true, depth + 1);
                }

                return;
            case IFieldReferenceOperation { Field.IsConst: true } field when IsHardCoded(field.ConstantValue):
                findings.Add(new Finding(field.Syntax, (string)field.ConstantValue.Value!, field.Field.Name, IsLiteral: false, viaLocal));
                return;
            case INameOfOperation:
                return;
            default:
                if (IsHardCoded(value.ConstantValue))
                {
                    findings.Add(new Finding(value.Syntax, (string)value.ConstantValue.Value!, null, value is ILiteralOperation, viaLocal));
                }

                return;
        }
    }

    private static bool IsHardCoded(Optional<object?> constant) =>
        constant.HasValue && constant.Value is string text && !string.IsNullOrWhiteSpace(text);

    /// <summary>
    /// The initializer of a local that is const, or whose initializer is its only assignment; null otherwise.
    /// </summary>
    private static IOperation? InitializerOf(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            || initializer.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        if (!local.IsConst && References(Root(reference), local).Any(IsWrite))
        {
            return null;
        }

        return model.GetOperation(initializer);
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private static IEnumerable<ILocalReferenceOperation> References(IOperation root, ILocalSymbol local) =>
        root.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local));

    private static bool IsWrite(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IAssignmentOperation assignment => assignment.Target == reference,
        IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
        IIncrementOrDecrementOperation => true,
        ITupleOperation => true, // a deconstruction target; conservatively a write
        _ => false,
    };

    /// <summary>
    /// The sinks <paramref name="operation"/>'s value can reach, tracing up through conversions, conditionals, <c>??</c>
    /// and the initializer of a local to that local's uses.
    /// </summary>
    private static List<Consumer> FindConsumers(IOperation operation, CredentialSinkSet sinks)
    {
        var consumers = new List<Consumer>();
        AddConsumers(operation, sinks, consumers, 0);
        return consumers;
    }

    private static void AddConsumers(IOperation operation, CredentialSinkSet sinks, List<Consumer> consumers, int depth)
    {
        var current = operation;
        var parent = current.Parent;
        while (parent is IConversionOperation { OperatorMethod: null }
            or ICoalesceOperation
            || parent is IConditionalOperation conditional && conditional.Condition != current)
        {
            current = parent;
            parent = current.Parent;
        }

        if (parent is null)
        {
            return;
        }

        if (TryGetConsumer(parent, sinks, out var consumer) && consumer.Value == current)
        {
            consumers.Add(consumer);
        }
        else if (depth < MaxDepth && parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            foreach (var reference in References(Root(parent), declarator.Symbol))
            {
                AddConsumers(reference, sinks, consumers, depth + 1);
            }
        }
    }

    private static bool IsFirstConsumer(Finding finding, Consumer consumer, CredentialSinkSet sinks)
    {
        if (consumer.Operation.SemanticModel?.GetOperation(finding.Node) is not { } operation)
        {
            return true;
        }

        var first = FindConsumers(operation, sinks)
            .Where(c => Evaluate(c).Any(f => f.Node == finding.Node))
            .OrderBy(c => c.Operation.Syntax.SpanStart)
            .FirstOrDefault();
        return first.Operation is null || first.Operation == consumer.Operation;
    }

    // ---- wording and properties ----

    private static string DescribeValue(Finding finding, KeyProvider? key)
    {
        var what = key is null ? null : key.Name + " " + key.CredentialNoun;
        if (finding.ConstantName is { } name)
        {
            return what is null ? $"The constant '{name}'" : $"The constant '{name}', {CredentialText.WithArticle(what)},";
        }

        var kind = finding.IsLiteral ? "literal" : "constant";
        return CredentialText.Capitalize(CredentialText.WithArticle(what is null ? $"hard-coded string {kind}" : $"{what} {kind}"));
    }

    private static string DescribeSink(Consumer consumer)
    {
        switch (consumer.Target)
        {
            case IPropertySymbol property:
                return $" is assigned to '{property.ContainingType.Name}.{property.Name}'";
            case IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter:
                var definition = method.ReducedFrom ?? method;
                return definition.MethodKind switch
                {
                    MethodKind.Constructor => $" is passed to '{definition.ContainingType.Name}'",
                    MethodKind.Conversion => $" is converted to '{definition.ContainingType.Name}'",
                    _ => $" is passed as '{parameter.Name}' to '{definition.ContainingType.Name}.{definition.Name}'",
                };
            default:
                return " is used as a credential";
        }
    }

    /// <summary>
    /// The sink's SDK variable, except that a credential object handed to another SDK's call, directly or through a
    /// local (an <c>ApiKeyCredential</c> given to <c>AzureOpenAIClient</c>), takes that SDK's variable.
    /// </summary>
    private static string EnvironmentVariableFor(Consumer consumer, CredentialSinkSet sinks, KeyProvider? key)
    {
        var sdk = consumer.Operation.Parent is IObjectCreationOperation creation && ReceivingSdk(creation, sinks, 0) is { } receiving
            ? receiving
            : consumer.Sink.Sdk;
        if (sdk.ApiKeyEnvironmentVariable.Length > 0)
        {
            return sdk.ApiKeyEnvironmentVariable;
        }

        return key?.EnvironmentVariable ?? "API_KEY";
    }

    /// <summary>The catalog SDK whose method or constructor receives <paramref name="value"/> as an argument, or null.</summary>
    private static SdkInfo? ReceivingSdk(IOperation value, CredentialSinkSet sinks, int depth)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation { OperatorMethod: null })
        {
            value = parent;
            parent = value.Parent;
        }

        return parent switch
        {
            IArgumentOperation { Parameter.ContainingSymbol: { } receiver } =>
                sinks.SdkOf(receiver) is { ApiKeyEnvironmentVariable.Length: > 0 } sdk ? sdk : null,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when depth < MaxDepth =>
                References(Root(parent), declarator.Symbol).Select(r => ReceivingSdk(r, sinks, depth + 1)).FirstOrDefault(s => s is not null),
            _ => null,
        };
    }

    private static void Report(System.Action<Diagnostic> report, SyntaxNode node, string message, string environmentVariable, bool replaceable)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(EnvironmentVariableProperty, environmentVariable)
            .Add(CredentialProperty, CredentialText.DescribeEnvironmentVariable(environmentVariable))
            .Add(ReplaceableProperty, replaceable ? "true" : "false");
        report(Diagnostic.Create(Descriptors.LLM0012_HardCodedCredential, node.GetLocation(), properties, message));
    }
}
