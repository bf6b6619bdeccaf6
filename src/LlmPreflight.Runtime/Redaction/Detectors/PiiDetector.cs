using System.Collections.Generic;

namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>A built-in detector: adds every span of its kind it finds to <c>found</c>, ranked as the redactor says.</summary>
    internal abstract class PiiDetector
    {
        public abstract string Kind { get; }

        public abstract void Find(string text, int rank, List<PiiCandidate> found);
    }
}
