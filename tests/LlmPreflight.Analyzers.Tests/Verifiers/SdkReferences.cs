using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace LlmPreflight.Analyzers.Tests.Verifiers;

/// <summary>Which real SDK assemblies a test source compiles against.</summary>
public enum SdkSet
{
    /// <summary>The current SDKs: OpenAI 2.x, Azure OpenAI 2.x, MEAI, Semantic Kernel, Anthropic, Ollama, Betalgo, Agents, LLamaSharp, Polly.</summary>
    Current,

    /// <summary>Azure.AI.OpenAI 1.0.0-beta instead of 2.x, plus the legacy OpenAI_API 1.x library.</summary>
    Legacy,

    /// <summary>The framework alone: a project that references no LLM SDK.</summary>
    None,
}

/// <summary>
/// Metadata references for test compilations: .NET 10 reference assemblies plus the real SDK assemblies restored
/// for this test project (never hand-written fakes).
/// </summary>
public static class SdkReferences
{
    private static readonly Type[] s_anchors =
    [
        typeof(OpenAI.Chat.ChatClient),
        typeof(Azure.AI.Inference.ChatCompletionsClient),
        typeof(Microsoft.Extensions.AI.IChatClient),
        typeof(Microsoft.Extensions.AI.ChatClientBuilder),
        typeof(Microsoft.Extensions.AI.OpenAIClientExtensions),
        typeof(Microsoft.SemanticKernel.Kernel),
        typeof(Microsoft.SemanticKernel.KernelExtensions),
        typeof(Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService),
        typeof(Microsoft.SemanticKernel.Connectors.AzureOpenAI.AzureOpenAIChatCompletionService),
        typeof(Anthropic.AnthropicClient),
        typeof(OllamaSharp.OllamaApiClient),
        typeof(Betalgo.Ranul.OpenAI.Managers.OpenAIService),
        typeof(Microsoft.Agents.AI.AIAgent),
        typeof(Microsoft.Agents.AI.ChatClientAgent),
        typeof(LLama.StatelessExecutor),
        typeof(Polly.ResiliencePipeline),
        typeof(Polly.Policy),
        typeof(LlmPreflight.LlmGuard),
        typeof(Moq.Mock),
        typeof(NSubstitute.Substitute),
        typeof(FakeItEasy.A),
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(() =>
        [.. Basic.Reference.Assemblies.Net100.References.All]);

    private static readonly Lazy<ImmutableHashSet<string>> s_frameworkNames = new(() =>
        Basic.Reference.Assemblies.Net100.ReferenceInfos.All
            .Select(info => Path.GetFileNameWithoutExtension(info.FileName))
            .ToImmutableHashSet(StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_current = new(() => Closure(s_anchors.Select(t => t.Assembly), exclude: []));

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_legacy = new(() =>
    {
        var legacyFolder = Path.Combine(AppContext.BaseDirectory, "legacy-sdks");
        var legacyAzure = Path.Combine(legacyFolder, "Azure.AI.OpenAI.dll");
        var openAiApi = Path.Combine(legacyFolder, "OpenAI_API.dll");
        var rest = Closure(s_anchors.Where(t => t.Assembly.GetName().Name is not ("Azure.AI.OpenAI" or "Microsoft.SemanticKernel.Connectors.AzureOpenAI")).Select(t => t.Assembly), exclude: ["Azure.AI.OpenAI", "Microsoft.SemanticKernel.Connectors.AzureOpenAI"]);
        return rest.Add(MetadataReference.CreateFromFile(legacyAzure)).Add(MetadataReference.CreateFromFile(openAiApi));
    });

    public static ImmutableArray<MetadataReference> Framework => s_framework.Value;

    public static ImmutableArray<MetadataReference> For(SdkSet set) => set switch
    {
        SdkSet.Current => s_current.Value,
        SdkSet.Legacy => s_legacy.Value,
        _ => [],
    };

    /// <summary>The anchors' assemblies and every non-framework assembly they reference that sits beside the tests.</summary>
    private static ImmutableArray<MetadataReference> Closure(IEnumerable<Assembly> roots, string[] exclude)
    {
        var paths = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<AssemblyName>(roots.Select(a => a.GetName()));
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (name.Name is null || s_frameworkNames.Value.Contains(name.Name) || exclude.Contains(name.Name))
            {
                continue;
            }

            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            if (!File.Exists(path) || !paths.Add(path))
            {
                continue;
            }

            foreach (var referenced in Assembly.LoadFrom(path).GetReferencedAssemblies())
            {
                pending.Enqueue(referenced);
            }
        }

        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
