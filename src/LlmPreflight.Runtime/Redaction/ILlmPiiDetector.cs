using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>
    /// A detector of one kind of sensitive value, added through <see cref="LlmPiiRedactorOptions.CustomDetectors"/>.
    /// <see cref="LlmRegexPiiDetector"/> covers the usual case of a pattern plus an optional check.
    /// </summary>
    public interface ILlmPiiDetector
    {
        /// <summary>
        /// The placeholder label, e.g. <c>"EMPLOYEE_ID"</c>: upper-case letters, digits and underscores, starting with a letter.
        /// </summary>
        string Kind { get; }

        /// <summary>Every value of this kind in <paramref name="text"/>; overlapping matches are allowed.</summary>
        IEnumerable<LlmPiiMatch> Find(string text);
    }
}
