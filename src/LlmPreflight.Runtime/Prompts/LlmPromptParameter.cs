using System;
using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>One typed placeholder of a prompt template: <c>name: type</c> in the file's <c>parameters:</c> list.</summary>
    public sealed class LlmPromptParameter
    {
        internal LlmPromptParameter(string name, LlmPromptParameterType type, IReadOnlyList<string>? choices)
        {
            Name = name;
            Type = type;
            Choices = choices ?? Array.Empty<string>();
        }

        /// <summary>The name used in <c>{{name}}</c> and as the argument's key (case-sensitive).</summary>
        public string Name { get; }

        /// <summary>The declared type.</summary>
        public LlmPromptParameterType Type { get; }

        /// <summary>The allowed values of an <see cref="LlmPromptParameterType.Enum"/> parameter; empty for other types.</summary>
        public IReadOnlyList<string> Choices { get; }

        /// <summary>The type as written in a prompt file: <c>int</c>, <c>enum(formal, casual)</c>, ...</summary>
        public string TypeName => Type == LlmPromptParameterType.Enum
            ? "enum(" + string.Join(", ", Choices) + ")"
            : Type.ToString().ToLowerInvariant();

        /// <summary>The declaration as written in a prompt file: <c>name: type</c>.</summary>
        /// <returns>The declaration.</returns>
        public override string ToString() => Name + ": " + TypeName;
    }
}
