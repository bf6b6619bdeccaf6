using System;
using System.Collections.Generic;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>Finds what a user registered for a result type: the type itself, then its base types, then its interfaces.</summary>
    internal static class TypeRegistrations
    {
        public static bool TryFind<T>(IReadOnlyDictionary<Type, T> registered, Type type, out T found)
        {
            for (Type? current = type; current != null; current = current.BaseType)
            {
                if (registered.TryGetValue(current, out found!))
                {
                    return true;
                }
            }

            foreach (Type face in type.GetInterfaces())
            {
                if (registered.TryGetValue(face, out found!))
                {
                    return true;
                }
            }

            found = default!;
            return false;
        }
    }
}
