using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Text;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>
    /// Chooses the <see cref="CompletionReader"/> of a result type by the full names of the SDK types (the runtime
    /// references no SDK), once per runtime type. The same approach as the usage readers: see
    /// <see cref="BuiltInUsageReaders"/>.
    /// </summary>
    internal static class CompletionReaders
    {
        private static readonly ConcurrentDictionary<Type, CompletionReader> Registered = new ConcurrentDictionary<Type, CompletionReader>();
        private static readonly ConcurrentDictionary<Type, CompletionReader> Resolved = new ConcurrentDictionary<Type, CompletionReader>();
        private static readonly ConcurrentDictionary<Type, Func<object, string?>> PartTexts = new ConcurrentDictionary<Type, Func<object, string?>>();
        private static readonly Func<Type, CompletionReader> ResolveReader = Resolve;

        // Tried in order; the first that recognises the type (or a base type) wins.
        private static readonly Func<Type, CompletionReader?>[] Candidates =
        {
            t => t == typeof(string) ? new CompletionReader(null, null, o => (string)o) : null,

            // Wrappers: the value carries the output.
            t => Unwrap(t, "System.ClientModel.ClientResult`1", "Value"),
            t => Unwrap(t, "Azure.Response`1", "Value"),
            t => Unwrap(t, "OpenAI.Responses.StreamingResponseCompletedUpdate", "Response"),
            t => Unwrap(t, "OpenAI.Responses.StreamingResponseIncompleteUpdate", "Response"),

            // OpenAI 2.x chat: FinishReason is an enum (Length, ContentFilter); a refusal arrives as its own text.
            t => Accessors.FindBase(t, "OpenAI.Chat.ChatCompletion") is Type c
                ? new CompletionReader(null, Reason(c, "FinishReason", "Refusal"), Parts(c, "Content"))
                : null,
            t => Accessors.FindBase(t, "OpenAI.Chat.StreamingChatCompletionUpdate") is Type u
                ? new CompletionReader(null, Reason(u, "FinishReason", "RefusalUpdate"), Parts(u, "ContentUpdate"))
                : null,

            // OpenAI Responses: Status (incomplete) and IncompleteStatusDetails.Reason (max_output_tokens, content_filter).
            t => Accessors.FindBase(t, "OpenAI.Responses.ResponseResult") is Type r
                ? new CompletionReader(null, ResponsesStatus(r), StringMethod(r, "GetOutputText"))
                : null,

            // Betalgo: the first choice carries FinishReason and the message.
            t => Accessors.FindBase(t, "Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels.ChatCompletionCreateResponse") is Type b
                ? FirstItem(b, "Choices")
                : null,

            // Anthropic's stream events: the message_start event's message, the message_delta event's delta (stop_reason).
            t => Accessors.FindBase(t, "Anthropic.Models.Messages.RawMessageStreamEvent") is Type e ? AnthropicEvent(e) : null,
            t => Unwrap(t, "Anthropic.Models.Messages.RawMessageDeltaEvent", "Delta"),

            // Semantic Kernel: Metadata["FinishReason"], the text in Content.
            SemanticKernel,

            // Everything else by shape: MEAI ChatResponse(Update) and OpenAI-like types (FinishReason), Anthropic's
            // Message (StopReason, an ApiEnum read through Raw()), Ollama's done items (DoneReason), Betalgo's choice.
            Shaped,
        };

        public static CompletionReader For(Type type)
            => Resolved.GetOrAdd(type, ResolveReader);

        public static void Register(Type type, CompletionReader reader)
        {
            Registered[type] = reader;
            Resolved.Clear();
        }

        private static CompletionReader Resolve(Type type)
        {
            if (TypeRegistrations.TryFind(Registered, type, out CompletionReader registered))
            {
                return registered;
            }

            foreach (Func<Type, CompletionReader?> candidate in Candidates)
            {
                if (candidate(type) is CompletionReader reader)
                {
                    return reader;
                }
            }

            return CompletionReader.None;
        }

        private static CompletionReader? Unwrap(Type type, string fullName, string property)
        {
            Type? match = Accessors.FindBase(type, fullName);
            Func<object, object?>? value = match is null ? null : Accessors.Property(match, property);
            return value is null ? null : new CompletionReader(value, null, null);
        }

        private static CompletionReader? FirstItem(Type type, string property)
        {
            Func<object, object?>? list = Accessors.Property(type, property);
            return list is null ? null : new CompletionReader(o => list(o) is IEnumerable items ? First(items) : null, null, null);
        }

        private static object? First(IEnumerable items)
        {
            foreach (object? item in items)
            {
                return item;
            }

            return null;
        }

        private static CompletionReader? AnthropicEvent(Type type)
        {
            Func<object, object?>? start = Accessors.TryPick(type, "TryPickStart");
            Func<object, object?>? delta = Accessors.TryPick(type, "TryPickDelta");
            Type? startType = PickedType(type, "TryPickStart");
            Func<object, object?>? message = startType is null ? null : Accessors.Property(startType, "Message");
            if (start is null || delta is null || message is null)
            {
                return null;
            }

            return new CompletionReader(o => delta(o) ?? (start(o) is object started ? message(started) : null), null, null);
        }

        private static Type? PickedType(Type type, string method)
        {
            foreach (MethodInfo candidate in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                ParameterInfo[] parameters = candidate.GetParameters();
                if (candidate.Name == method && parameters.Length == 1 && parameters[0].IsOut)
                {
                    return parameters[0].ParameterType.GetElementType();
                }
            }

            return null;
        }

        private static CompletionReader? SemanticKernel(Type type)
        {
            Type? content = Accessors.FindBase(type, "Microsoft.SemanticKernel.KernelContent") ?? Accessors.FindBase(type, "Microsoft.SemanticKernel.StreamingKernelContent");
            Func<object, object?>? metadata = content is null ? null : Accessors.Property(type, "Metadata");
            if (metadata is null)
            {
                return null;
            }

            Func<object, string?>? text = StringProperty(type, "Content");
            return new CompletionReader(
                null,
                o => metadata(o) is IReadOnlyDictionary<string, object?> values && values.TryGetValue("FinishReason", out object? reason)
                    ? CompletionReasons.Status(UsageShapes.ModelText(reason))
                    : default,
                text);
        }

        private static CompletionReader? Shaped(Type type)
        {
            Func<object, LlmCompletionStatus>? status = Reason(type, "FinishReason", null) ?? Reason(type, "StopReason", null) ?? Reason(type, "DoneReason", null);
            Func<object, string?>? text = StringProperty(type, "Text")
                ?? StringProperty(type, "Content")
                ?? Nested(type, "Message")
                ?? StringProperty(type, "Response")
                ?? Nested(type, "Delta")
                ?? Parts(type, "Content");
            return status is null && text is null ? null : new CompletionReader(null, status, text);
        }

        /// <summary>A reason property (enum, string, MEAI's ChatFinishReason, Anthropic's ApiEnum) and an optional refusal text.</summary>
        private static Func<object, LlmCompletionStatus>? Reason(Type type, string reasonProperty, string? refusalProperty)
        {
            Func<object, object?>? reason = Accessors.Property(type, reasonProperty);
            if (reason is null)
            {
                return null;
            }

            Func<object, string?>? refusal = refusalProperty is null ? null : StringProperty(type, refusalProperty);
            return o =>
            {
                string? reasonText = UsageShapes.ModelText(reason(o));
                string? refused = refusal?.Invoke(o);
                return string.IsNullOrEmpty(refused)
                    ? CompletionReasons.Status(reasonText)
                    : new LlmCompletionStatus(LlmCompletionKind.Refused, reasonText ?? "refusal", refused);
            };
        }

        /// <summary>Responses: <c>Status</c>; when incomplete, <c>IncompleteStatusDetails.Reason</c> says whether it was cut or filtered.</summary>
        private static Func<object, LlmCompletionStatus>? ResponsesStatus(Type type)
        {
            Func<object, object?>? status = Accessors.Property(type, "Status");
            Func<object, object?>? details = Accessors.Property(type, "IncompleteStatusDetails");
            if (status is null)
            {
                return null;
            }

            var detailReasons = new ConcurrentDictionary<Type, Func<object, object?>>();
            return o =>
            {
                string? statusText = UsageShapes.ModelText(status(o));
                LlmCompletionKind kind = CompletionReasons.Classify(statusText);
                if (kind != LlmCompletionKind.Incomplete || details?.Invoke(o) is not object detail)
                {
                    return new LlmCompletionStatus(kind, statusText);
                }

                Func<object, object?> read = detailReasons.GetOrAdd(detail.GetType(), t => Accessors.Property(t, "Reason") ?? (_ => null));
                string? detailText = UsageShapes.ModelText(read(detail));
                LlmCompletionKind detailKind = CompletionReasons.Classify(detailText);
                return detailKind == LlmCompletionKind.Truncated || detailKind == LlmCompletionKind.Filtered
                    ? new LlmCompletionStatus(detailKind, detailText, statusText)
                    : new LlmCompletionStatus(LlmCompletionKind.Incomplete, detailText ?? statusText, statusText);
            };
        }

        private static Func<object, string?>? StringProperty(Type type, string name)
        {
            PropertyInfo? property = Accessors.FindProperty(type, name);
            Func<object, object?>? read = property?.PropertyType == typeof(string) ? Accessors.Property(type, name) : null;
            return read is null ? null : o => (string?)read(o);
        }

        private static Func<object, string?>? StringMethod(Type type, string name)
            => Accessors.StringMethod(type, name);

        /// <summary>A property holding another result-like object (Ollama's and Betalgo's <c>Message</c>), read by its own reader.</summary>
        private static Func<object, string?>? Nested(Type type, string name)
        {
            PropertyInfo? property = Accessors.FindProperty(type, name);
            Func<object, object?>? read = property is null || property.PropertyType.IsValueType ? null : Accessors.Property(type, name);
            return read is null ? null : o => read(o) is object inner ? For(inner.GetType()).Text(inner) : null;
        }

        /// <summary>A sequence of content parts (OpenAI's <c>ChatMessageContent</c>, Anthropic's content blocks): their texts joined.</summary>
        private static Func<object, string?>? Parts(Type type, string name)
        {
            PropertyInfo? property = Accessors.FindProperty(type, name);
            Func<object, object?>? read = property is null || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType) || property.PropertyType == typeof(string)
                ? null
                : Accessors.Property(type, name);
            if (read is null)
            {
                return null;
            }

            return o =>
            {
                if (read(o) is not IEnumerable parts)
                {
                    return null;
                }

                StringBuilder? text = null;
                foreach (object? part in parts)
                {
                    if (part != null && PartTexts.GetOrAdd(part.GetType(), PartText)(part) is string piece)
                    {
                        (text ??= new StringBuilder()).Append(piece);
                    }
                }

                return text?.ToString();
            };
        }

        /// <summary>A part's text: Anthropic's union through <c>TryPickText</c>, others through a <c>Text</c> property.</summary>
        private static Func<object, string?> PartText(Type type)
        {
            Func<object, object?>? pick = Accessors.TryPick(type, "TryPickText");
            if (pick != null && PickedType(type, "TryPickText") is Type picked && StringProperty(picked, "Text") is Func<object, string?> pickedText)
            {
                return o => pick(o) is object block ? pickedText(block) : null;
            }

            return StringProperty(type, "Text") ?? (_ => null);
        }
    }
}
