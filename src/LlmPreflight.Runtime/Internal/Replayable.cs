using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight.Internal
{
    /// <summary>Every retry sends the request again, so a one-shot sequence (a LINQ query, an iterator) is read into a list first.</summary>
    internal static class Replayable
    {
        public static IEnumerable<T> Of<T>(IEnumerable<T> items)
            => items is IReadOnlyCollection<T> || items is ICollection<T> ? items : items.ToList();
    }
}
