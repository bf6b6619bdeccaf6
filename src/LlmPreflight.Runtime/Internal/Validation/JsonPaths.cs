using System.Globalization;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>Builds the JSON paths of validation errors in System.Text.Json's own notation (<c>$.lines[0].qty</c>, <c>$['odd key']</c>).</summary>
    internal static class JsonPaths
    {
        public const string Root = "$";

        public static string Property(string parent, string name)
            => IsIdentifier(name) ? parent + "." + name : parent + "['" + name.Replace("\\", "\\\\").Replace("'", "\\'") + "']";

        public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        private static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
