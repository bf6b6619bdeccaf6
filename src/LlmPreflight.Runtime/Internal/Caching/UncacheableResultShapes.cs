using System;
using LlmPreflight.Internal.Metering;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// SDK result types that wrap something that is not data, recognised by full name (the runtime references neither
    /// SDK). They are refused before the model is called, with the call that caches their data instead, rather than
    /// failing the round-trip check after the model has been paid for.
    /// </summary>
    internal static class UncacheableResultShapes
    {
        public static void Refuse(Type type)
        {
            // Azure.Core's Response<T> (Azure.AI.Inference, Azure.AI.OpenAI 1.0.0-beta) carries the live HTTP response; the
            // runtime has no Azure.Core reference to rebuild one, and a subclass built by reflection would break on its updates.
            if (Accessors.FindBase(type, "Azure.Response`1") != null || Accessors.FindBase(type, "Azure.Response") != null)
            {
                throw new LlmCacheSerializationException(
                    type,
                    "it is an Azure.Core response, which holds the live HTTP response rather than the model's answer. Cache its value "
                    + "instead: RunCachedAsync(request, async ct => (await client.CompleteAsync(options, ct)).Value).");
            }

            // A FunctionResult holds the KernelFunction that produced it, which is code and cannot be read back from bytes.
            if (Accessors.FindBase(type, "Microsoft.SemanticKernel.FunctionResult") != null)
            {
                throw new LlmCacheSerializationException(
                    type,
                    "Semantic Kernel's FunctionResult holds the KernelFunction that produced it, which cannot be stored. Cache the "
                    + "function's value instead: RunCachedAsync(request, async ct => (await kernel.InvokePromptAsync(prompt, arguments, "
                    + "cancellationToken: ct)).GetValue<ChatMessageContent>()!).");
            }
        }
    }
}
