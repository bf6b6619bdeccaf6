namespace LlmPreflight.Analyzers.Catalog;

/// <summary>What a model call does; rules about outputs and tokens only apply to some kinds.</summary>
internal enum ModelCallKind
{
    Chat,
    Completion,
    Responses,
    Embeddings,
    Images,
    Audio,
    Moderation,
    AgentRun,
    PromptInvocation,
    AssistantRun,
    Realtime,
    TokenCount,
    Batch,

    /// <summary>A user's own wrapper, declared in <c>llm_preflight.model_methods</c>.</summary>
    Custom,
}

internal static class ModelCallKinds
{
    public static ModelCallKind? Parse(string text) => text switch
    {
        "chat" => ModelCallKind.Chat,
        "completion" => ModelCallKind.Completion,
        "responses" => ModelCallKind.Responses,
        "embeddings" => ModelCallKind.Embeddings,
        "images" => ModelCallKind.Images,
        "audio" => ModelCallKind.Audio,
        "moderation" => ModelCallKind.Moderation,
        "agent-run" => ModelCallKind.AgentRun,
        "prompt-invocation" => ModelCallKind.PromptInvocation,
        "assistant-run" => ModelCallKind.AssistantRun,
        "realtime" => ModelCallKind.Realtime,
        "token-count" => ModelCallKind.TokenCount,
        "batch" => ModelCallKind.Batch,
        "custom" => ModelCallKind.Custom,
        _ => null,
    };

    public const string Names = "chat, completion, responses, embeddings, images, audio, moderation, agent-run, prompt-invocation, assistant-run, realtime, token-count, batch, custom";
}
