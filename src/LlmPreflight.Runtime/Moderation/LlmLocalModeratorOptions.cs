using System.Collections.Generic;

namespace LlmPreflight
{
    /// <summary>What <see cref="LlmLocalModerator"/> refuses. Read once, when the moderator is built.</summary>
    public sealed class LlmLocalModeratorOptions
    {
        /// <summary>
        /// Words or phrases to refuse, matched as whole words, ignoring case, accents and compatibility forms
        /// ("Bomba" matches "bombá" and "ＢＯＭＢＡ"; "arma" does not match "armario"). Spaces in a phrase match any run of whitespace.
        /// </summary>
        public IList<string> BlockedTerms { get; } = new List<string>();

        /// <summary>The longest text allowed, in UTF-16 characters (<c>string.Length</c>); null (the default) for no limit.</summary>
        public int? MaxLength { get; set; }

        /// <summary>The name results and rejections carry; default <c>"local"</c>.</summary>
        public string Name { get; set; } = "local";
    }
}
