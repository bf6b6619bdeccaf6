namespace LlmPreflight.Internal.Prompts
{
    /// <summary>A piece of a compiled message: literal text, or the index of the parameter whose value goes there.</summary>
    internal readonly struct TemplateSegment
    {
        private TemplateSegment(string? literal, int parameter)
        {
            Literal = literal;
            Parameter = parameter;
        }

        /// <summary>The literal text, or <c>null</c> for a placeholder.</summary>
        public string? Literal { get; }

        /// <summary>The placeholder's parameter index (meaningful when <see cref="Literal"/> is <c>null</c>).</summary>
        public int Parameter { get; }

        public static TemplateSegment Text(string literal) => new TemplateSegment(literal, -1);

        public static TemplateSegment Hole(int parameter) => new TemplateSegment(null, parameter);
    }
}
