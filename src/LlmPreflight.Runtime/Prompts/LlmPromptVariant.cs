namespace LlmPreflight
{
    /// <summary>One arm of an <see cref="LlmPromptExperiment"/>: a name, a weight and the prompt template its subjects get.</summary>
    public sealed class LlmPromptVariant
    {
        internal LlmPromptVariant(string experiment, string name, double weight, LlmPromptTemplate template, int bucketStart, int bucketEnd)
        {
            Experiment = experiment;
            Name = name;
            Weight = weight;
            Template = template;
            BucketStart = bucketStart;
            BucketEnd = bucketEnd;
        }

        /// <summary>The experiment's name.</summary>
        public string Experiment { get; }

        /// <summary>The variant's name; recorded as <c>llmpreflight.prompt.variant</c>.</summary>
        public string Name { get; }

        /// <summary>The weight as configured (relative to the other variants' weights).</summary>
        public double Weight { get; }

        /// <summary>The share of subjects assigned to it, 0 to 1 (its weight over the sum of weights, in steps of 0.0001).</summary>
        public double Share => (BucketEnd - BucketStart) / 10_000d;

        /// <summary>The template its subjects get.</summary>
        public LlmPromptTemplate Template { get; }

        /// <summary>The first of its buckets (of 10,000); ranges are contiguous in the order the variants are listed.</summary>
        internal int BucketStart { get; }

        /// <summary>One past its last bucket.</summary>
        internal int BucketEnd { get; }

        /// <summary>The variant as <c>experiment/name</c>.</summary>
        /// <returns>The variant's name.</returns>
        public override string ToString() => Experiment + "/" + Name;
    }
}
