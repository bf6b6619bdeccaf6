namespace LlmPreflight
{
    /// <summary>The type of a prompt parameter, as declared in the prompt file's <c>parameters:</c> list.</summary>
    public enum LlmPromptParameterType
    {
        /// <summary><c>string</c>: a <see cref="System.String"/>, inserted as it is.</summary>
        String,

        /// <summary><c>int</c>: any whole-number type (<c>int</c>, <c>long</c>, ...), written in invariant culture.</summary>
        Int,

        /// <summary><c>number</c>: any numeric type, finite, written in invariant culture (<c>3.5</c>, never <c>3,5</c>).</summary>
        Number,

        /// <summary><c>bool</c>: written <c>true</c> or <c>false</c>.</summary>
        Bool,

        /// <summary><c>date</c>: a date with no time of day (<c>DateTime</c>, <c>DateTimeOffset</c>, <c>DateOnly</c>), written <c>yyyy-MM-dd</c>.</summary>
        Date,

        /// <summary><c>datetime</c>: a <c>DateTime</c> or <c>DateTimeOffset</c>, written ISO 8601 to the second with its offset.</summary>
        DateTime,

        /// <summary><c>json</c>: any value, serialised with System.Text.Json; a string must already be JSON and is inserted as it is.</summary>
        Json,

        /// <summary><c>enum(a, b, c)</c>: a string (or a .NET enum value's name) that must be one of the listed choices.</summary>
        Enum,
    }
}
