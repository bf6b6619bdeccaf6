using System;

namespace LlmPreflight.Internal.Validation
{
    /// <summary>The JSON schema <c>type</c> keyword's values, as flags so <c>["string","null"]</c> is one value.</summary>
    [Flags]
    internal enum JsonTypes
    {
        Any = 0,
        Null = 1,
        Boolean = 2,
        Object = 4,
        Array = 8,
        Number = 16,
        Integer = 32,
        String = 64,
    }
}
