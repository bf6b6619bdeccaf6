using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// The built-in readers, chosen by the full name of the result type (or a base type), so the runtime
    /// needs no reference to any SDK. See docs/runtime.md, "Cost tracking and telemetry", for the list.
    /// </summary>
    internal static class BuiltInUsageReaders
    {
        // Tried in order; the first that recognises the type (or a base type) by full name wins.
        private static readonly Func<Type, ILlmUsageReader?>[] Candidates =
        {
            // Wrappers whose value carries the usage.
            t => Unwrap(t, "System.ClientModel.ClientResult`1", "Value"),
            t => Unwrap(t, "Azure.Response`1", "Value"),

            // OpenAI 2.x (also what Azure.AI.OpenAI 2.x returns).
            t => Usage(t, "OpenAI.Chat.ChatCompletion", "Model"),
            t => Usage(t, "OpenAI.Chat.StreamingChatCompletionUpdate", "Model"),
            t => Usage(t, "OpenAI.Responses.ResponseResult", "Model"),
            t => Unwrap(t, "OpenAI.Responses.StreamingResponseCompletedUpdate", "Response"),
            t => Unwrap(t, "OpenAI.Responses.StreamingResponseIncompleteUpdate", "Response"),
            t => Usage(t, "OpenAI.Embeddings.OpenAIEmbeddingCollection", "Model"),

            // Microsoft.Extensions.AI (ChatResponse<T> derives from ChatResponse); streaming via UsageContent.
            t => Usage(t, "Microsoft.Extensions.AI.ChatResponse", "ModelId", "RawRepresentation"),
            t => Usage(t, "Microsoft.Extensions.AI.GeneratedEmbeddings`1", null),
            t => Accessors.FindBase(t, "Microsoft.Extensions.AI.ChatResponseUpdate") is Type update ? new MeaiUpdateReader(update) : null,

            // Semantic Kernel: usage sits in Metadata["Usage"] (an OpenAI ChatTokenUsage).
            SemanticKernel,

            // Anthropic: the message, and the stream's message_start / message_delta events.
            t => Usage(t, "Anthropic.Models.Messages.Message", "Model"),
            t => Unwrap(t, "Anthropic.Models.Messages.RawMessageStartEvent", "Message"),
            t => Usage(t, "Anthropic.Models.Messages.RawMessageDeltaEvent", null),
            AnthropicStreamEvent,

            // OllamaSharp: the final ("done") stream item and the embed response carry the counts themselves.
            t => t.Namespace?.StartsWith("OllamaSharp", StringComparison.Ordinal) == true && Accessors.Number(t, "PromptEvalCount") != null
                ? new SelfReader(Accessors.Property(t, "Model"), "ollama")
                : null,

            // Semantic Kernel returns IReadOnlyList<ChatMessageContent>: sum its items.
            t => ElementType(t) is Type element && Accessors.FindBase(element, "Microsoft.SemanticKernel.KernelContent") != null ? SequenceReader.Instance : null,
        };

        public static ILlmUsageReader For(Type type)
        {
            foreach (Func<Type, ILlmUsageReader?> candidate in Candidates)
            {
                if (candidate(type) is ILlmUsageReader reader)
                {
                    return reader;
                }
            }

            return NoUsage.Instance;
        }

        private static ILlmUsageReader? SemanticKernel(Type type)
        {
            Type? content = Accessors.FindBase(type, "Microsoft.SemanticKernel.KernelContent") ?? Accessors.FindBase(type, "Microsoft.SemanticKernel.StreamingKernelContent");
            Func<object, object?>? metadata = content is null ? null : Accessors.Property(type, "Metadata");
            return metadata is null ? null : new SemanticKernelReader(metadata, Accessors.Property(type, "ModelId"), Accessors.Property(content!, "InnerContent"));
        }

        private static ILlmUsageReader? AnthropicStreamEvent(Type type)
        {
            if (Accessors.FindBase(type, "Anthropic.Models.Messages.RawMessageStreamEvent") is null)
            {
                return null;
            }

            Func<object, object?>? pickStart = Accessors.TryPick(type, "TryPickStart");
            Func<object, object?>? pickDelta = Accessors.TryPick(type, "TryPickDelta");
            return pickStart != null && pickDelta != null ? new UnionReader(pickStart, pickDelta) : null;
        }

        /// <summary>The gen_ai.provider.name implied by the namespace of an SDK object, or null.</summary>
        public static string? ProviderOf(object? value)
        {
            string? space = value?.GetType().Namespace;
            if (space is null)
            {
                return null;
            }

            if (space.StartsWith("Azure.AI.OpenAI", StringComparison.Ordinal))
            {
                return "azure.ai.openai";
            }

            if (space.StartsWith("Azure.AI.Inference", StringComparison.Ordinal))
            {
                return "azure.ai.inference";
            }

            if (space.StartsWith("OpenAI", StringComparison.Ordinal))
            {
                return "openai";
            }

            if (space.StartsWith("Anthropic", StringComparison.Ordinal))
            {
                return "anthropic";
            }

            return space.StartsWith("OllamaSharp", StringComparison.Ordinal) ? "ollama" : null;
        }

        private static ILlmUsageReader? Unwrap(Type type, string fullName, string property)
        {
            Type? match = Accessors.FindBase(type, fullName);
            Func<object, object?>? value = match is null ? null : Accessors.Property(match, property);
            return value is null ? null : new UnwrapReader(value);
        }

        private static ILlmUsageReader? Usage(Type type, string fullName, string? modelProperty, string? rawProperty = null)
        {
            Type? match = Accessors.FindBase(type, fullName);
            Func<object, object?>? usage = match is null ? null : Accessors.Property(match, "Usage");
            if (match is null || usage is null)
            {
                return null;
            }

            return new UsagePropertyReader(
                usage,
                modelProperty is null ? null : Accessors.Property(match, modelProperty),
                rawProperty is null ? null : Accessors.Property(match, rawProperty),
                rawProperty is null ? ProviderOfType(match) : null);
        }

        private static string? ProviderOfType(Type type)
        {
            string? space = type.Namespace;
            return space is null ? null
                : space.StartsWith("OpenAI", StringComparison.Ordinal) ? "openai"
                : space.StartsWith("Anthropic", StringComparison.Ordinal) ? "anthropic"
                : null;
        }

        private static Type? ElementType(Type type)
        {
            foreach (Type face in type.GetInterfaces())
            {
                if (face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                {
                    return face.GetGenericArguments()[0];
                }
            }

            return null;
        }

        private sealed class NoUsage : ILlmUsageReader
        {
            public static readonly NoUsage Instance = new NoUsage();

            public bool TryRead(object result, out LlmUsage usage)
            {
                usage = default;
                return false;
            }
        }

        private sealed class UnwrapReader : ILlmUsageReader
        {
            private readonly Func<object, object?> _value;

            public UnwrapReader(Func<object, object?> value) => _value = value;

            public bool TryRead(object result, out LlmUsage usage) => LlmUsageReaders.TryRead(_value(result), out usage);
        }

        private sealed class UsagePropertyReader : ILlmUsageReader
        {
            private readonly Func<object, object?> _usage;
            private readonly Func<object, object?>? _model;
            private readonly Func<object, object?>? _raw;
            private readonly string? _provider;

            public UsagePropertyReader(Func<object, object?> usage, Func<object, object?>? model, Func<object, object?>? raw, string? provider)
            {
                _usage = usage;
                _model = model;
                _raw = raw;
                _provider = provider;
            }

            public bool TryRead(object result, out LlmUsage usage)
            {
                if (!UsageShapes.TryRead(_usage(result), out LlmUsage counts))
                {
                    usage = default;
                    return false;
                }

                string? provider = _raw is null ? _provider : ProviderOf(_raw(result));
                usage = counts.With(UsageShapes.ModelText(_model?.Invoke(result)), provider);
                return true;
            }
        }

        private sealed class SelfReader : ILlmUsageReader
        {
            private readonly Func<object, object?>? _model;
            private readonly string _provider;

            public SelfReader(Func<object, object?>? model, string provider)
            {
                _model = model;
                _provider = provider;
            }

            public bool TryRead(object result, out LlmUsage usage)
            {
                bool found = UsageShapes.TryRead(result, out usage);
                usage = usage.With(UsageShapes.ModelText(_model?.Invoke(result)), _provider);
                return found;
            }
        }

        /// <summary>MEAI streaming: a <c>UsageContent</c> among the update's <c>Contents</c>.</summary>
        private sealed class MeaiUpdateReader : ILlmUsageReader
        {
            private readonly Func<object, object?>? _contents;
            private readonly Func<object, object?>? _model;
            private readonly Func<object, object?>? _raw;

            public MeaiUpdateReader(Type update)
            {
                _contents = Accessors.Property(update, "Contents");
                _model = Accessors.Property(update, "ModelId");
                _raw = Accessors.Property(update, "RawRepresentation");
            }

            public bool TryRead(object result, out LlmUsage usage)
            {
                if (_contents?.Invoke(result) is IEnumerable contents)
                {
                    foreach (object? content in contents)
                    {
                        if (content != null && content.GetType().FullName == "Microsoft.Extensions.AI.UsageContent"
                            && UsageShapes.TryRead(DetailsOf(content), out LlmUsage counts))
                        {
                            usage = counts.With(UsageShapes.ModelText(_model?.Invoke(result)), ProviderOf(_raw?.Invoke(result)));
                            return true;
                        }
                    }
                }

                usage = default;
                return false;
            }

            private static readonly ConcurrentDictionary<Type, Func<object, object?>> DetailsReaders = new ConcurrentDictionary<Type, Func<object, object?>>();

            private static object? DetailsOf(object content)
                => DetailsReaders.GetOrAdd(content.GetType(), type => Accessors.Property(type, "Details") ?? (_ => null))(content);
        }

        private sealed class SemanticKernelReader : ILlmUsageReader
        {
            private readonly Func<object, object?> _metadata;
            private readonly Func<object, object?>? _model;
            private readonly Func<object, object?>? _inner;

            public SemanticKernelReader(Func<object, object?> metadata, Func<object, object?>? model, Func<object, object?>? inner)
            {
                _metadata = metadata;
                _model = model;
                _inner = inner;
            }

            public bool TryRead(object result, out LlmUsage usage)
            {
                if (_metadata(result) is IReadOnlyDictionary<string, object?> metadata
                    && metadata.TryGetValue("Usage", out object? usageObject)
                    && UsageShapes.TryRead(usageObject, out LlmUsage counts))
                {
                    usage = counts.With(UsageShapes.ModelText(_model?.Invoke(result)), ProviderOf(_inner?.Invoke(result)) ?? ProviderOf(usageObject));
                    return true;
                }

                usage = default;
                return false;
            }
        }

        /// <summary>Anthropic's stream event union: the start event carries the input count, the delta events the cumulative output.</summary>
        private sealed class UnionReader : ILlmUsageReader
        {
            private readonly Func<object, object?>[] _picks;

            public UnionReader(params Func<object, object?>[] picks) => _picks = picks;

            public bool TryRead(object result, out LlmUsage usage)
            {
                foreach (Func<object, object?> pick in _picks)
                {
                    if (pick(result) is object picked && LlmUsageReaders.TryRead(picked, out usage))
                    {
                        return true;
                    }
                }

                usage = default;
                return false;
            }
        }

        private sealed class SequenceReader : ILlmUsageReader
        {
            public static readonly SequenceReader Instance = new SequenceReader();

            public bool TryRead(object result, out LlmUsage usage)
            {
                bool found = false;
                usage = default;
                foreach (object? item in (IEnumerable)result)
                {
                    if (LlmUsageReaders.TryRead(item, out LlmUsage one))
                    {
                        usage = found
                            ? new LlmUsage(usage.InputTokens + one.InputTokens, usage.OutputTokens + one.OutputTokens, usage.CachedInputTokens + one.CachedInputTokens, one.Model ?? usage.Model, one.Provider ?? usage.Provider)
                            : one;
                        found = true;
                    }
                }

                return found;
            }
        }
    }
}
