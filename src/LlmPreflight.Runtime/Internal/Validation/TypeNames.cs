using System;
using System.Linq;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>Type names as C# writes them (<c>List&lt;Order&gt;</c>), for messages.</summary>
    internal static class TypeNames
    {
        public static string Display(Type type)
        {
            if (Nullable.GetUnderlyingType(type) is Type underlying)
            {
                return Display(underlying) + "?";
            }

            if (type.IsArray)
            {
                return Display(type.GetElementType()!) + "[]";
            }

            if (!type.IsGenericType)
            {
                return type.Name;
            }

            string name = type.Name.Substring(0, type.Name.IndexOf('`') is int tick && tick > 0 ? tick : type.Name.Length);
            return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Display)) + ">";
        }
    }
}
