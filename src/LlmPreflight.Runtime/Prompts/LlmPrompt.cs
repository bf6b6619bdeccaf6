using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;

namespace LlmPreflight
{
    /// <summary>
    /// A rendered prompt: its messages with the values filled in, and its identity (id, version and, when an
    /// experiment chose it, the experiment and variant). <c>using (LlmGuard.BeginScope(prompt))</c> attributes the
    /// guarded calls that send it, so costs, latency and failures can be compared per version and variant.
    /// </summary>
    public sealed class LlmPrompt
    {
        internal LlmPrompt(LlmPromptTemplate template, IReadOnlyList<LlmPromptMessage> messages, LlmPromptVariant? variant)
        {
            Template = template;
            Messages = messages;
            Variant = variant?.Name;
            Experiment = variant?.Experiment;
            Text = messages.Count == 1 ? messages[0].Text : string.Join("\n\n", messages.Select(m => m.Text));
        }

        /// <summary>The template that was rendered.</summary>
        public LlmPromptTemplate Template { get; }

        /// <summary>The prompt's id.</summary>
        public string Id => Template.Id;

        /// <summary>The prompt's version.</summary>
        public string Version => Template.Version;

        /// <summary>The variant an experiment assigned, or <c>null</c> when no experiment chose this prompt.</summary>
        public string? Variant { get; }

        /// <summary>The experiment that assigned <see cref="Variant"/>, or <c>null</c>.</summary>
        public string? Experiment { get; }

        /// <summary>The model the prompt file names, or <c>null</c>.</summary>
        public string? Model => Template.Model;

        /// <summary>The rendered messages, in file order.</summary>
        public IReadOnlyList<LlmPromptMessage> Messages { get; }

        /// <summary>All messages' text, separated by a blank line (for a body without role lines: the one user message).</summary>
        public string Text { get; }

        /// <summary>The system messages' text (joined by a blank line), or <c>null</c> when there are none.</summary>
        public string? SystemText => TextOf(LlmPromptRole.System);

        /// <summary>The user messages' text (joined by a blank line), or <c>null</c> when there are none.</summary>
        public string? UserText => TextOf(LlmPromptRole.User);

        /// <summary>The messages as Microsoft.Extensions.AI chat messages, ready for <c>IChatClient.GetResponseAsync</c>.</summary>
        /// <returns>A new list; add the conversation's later turns to it as needed.</returns>
        public List<ChatMessage> ToChatMessages()
            => Messages.Select(m => new ChatMessage(m.Role == LlmPromptRole.System ? ChatRole.System : m.Role == LlmPromptRole.Assistant ? ChatRole.Assistant : ChatRole.User, m.Text)).ToList();

        /// <summary>
        /// The guard's context for calls that send this prompt: id, version, experiment, variant, the file's model and
        /// the rendered size (for the budget estimate). Set more (e.g. <see cref="LlmCallContext.MaxOutputTokens"/>)
        /// and pass it to <see cref="LlmGuard.BeginScope(LlmCallContext)"/>.
        /// </summary>
        /// <returns>A new context.</returns>
        public LlmCallContext ToCallContext() => new LlmCallContext
        {
            PromptId = Id,
            PromptVersion = Version,
            PromptExperiment = Experiment,
            PromptVariant = Variant,
            Model = Model,
            InputCharacters = Messages.Sum(m => (long)m.Text.Length),
        };

        /// <summary>The prompt as <c>id@version</c>, with <c>[experiment/variant]</c> when an experiment chose it.</summary>
        /// <returns>The prompt's name.</returns>
        public override string ToString() => Id + "@" + Version + (Variant is null ? string.Empty : " [" + Experiment + "/" + Variant + "]");

        private string? TextOf(LlmPromptRole role)
        {
            string[] texts = Messages.Where(m => m.Role == role).Select(m => m.Text).ToArray();
            return texts.Length == 0 ? null : string.Join("\n\n", texts);
        }
    }
}
