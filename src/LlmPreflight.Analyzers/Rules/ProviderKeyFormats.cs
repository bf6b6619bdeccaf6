using System;
using System.Text.RegularExpressions;

namespace LlmPreflight.Analyzers.Rules;

/// <summary>
/// A provider whose API keys have a recognisable shape, and the environment variable its tools read the key from.
/// Every key of the provider contains <paramref name="Prefix"/>, checked (ordinal) before <paramref name="Pattern"/> runs;
/// <paramref name="CredentialNoun"/> is "API key" or "access token".
/// </summary>
internal sealed record KeyProvider(string Name, string EnvironmentVariable, string CredentialNoun, string Prefix, Regex Pattern)
{
    /// <summary>"an OpenAI API key", "a Hugging Face access token".</summary>
    public string Described => CredentialText.WithArticle(Name + " " + CredentialNoun);
}

/// <summary>
/// The result of scanning one string for a provider key. <paramref name="IsWholeValue"/>: the key is the entire string
/// (surrounding whitespace aside), so replacing the string replaces just the key.
/// </summary>
internal readonly record struct KeyMatch(KeyProvider Provider, bool IsWholeValue);

/// <summary>
/// Provider key formats. Scanning is cheap by construction: strings shorter than the shortest key, or that contain
/// none of the ordinal prefixes, never reach a regex.
/// </summary>
internal static class ProviderKeyFormats
{
    // Every pattern refuses a key character right before the prefix, so "task-..." or "xAIza..." do not match.
    private const string NotAfterKeyCharacter = "(?<![A-Za-z0-9_-])";
    private const string NotBeforeKeyCharacter = "(?![A-Za-z0-9_-])";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The shortest key any pattern accepts: a Google key, "AIza" + 35 characters.</summary>
    public const int MinimumKeyLength = 37;

    private static readonly KeyProvider[] s_providers =
    {
        // Anthropic first: its prefix "sk-ant-" also starts with "sk-".
        new("Anthropic", "ANTHROPIC_API_KEY", "API key", "sk-ant-",
            Create(NotAfterKeyCharacter + "sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,}")),

        // Legacy, project, service-account and admin keys all carry "T3BlbkFJ" (base64 of "OpenAI") in the middle.
        new("OpenAI", "OPENAI_API_KEY", "API key", "T3BlbkFJ",
            Create(NotAfterKeyCharacter + "sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}")),

        new("Google", "GOOGLE_API_KEY", "API key", "AIza",
            Create(NotAfterKeyCharacter + "AIza[0-9A-Za-z_-]{35}" + NotBeforeKeyCharacter)),

        // Tokens are random mixed-case letters; IsPlausible refuses single-case runs (identifiers, prose).
        new("Hugging Face", "HF_TOKEN", "access token", "hf_",
            Create(NotAfterKeyCharacter + "hf_[A-Za-z]{34,}" + NotBeforeKeyCharacter)),
    };

    /// <summary>Finds a provider key in <paramref name="text"/>, or returns false.</summary>
    public static bool TryMatch(string? text, out KeyMatch match)
    {
        match = default;
        if (text is null || text.Length < MinimumKeyLength)
        {
            return false;
        }

        foreach (var provider in s_providers)
        {
            if (text.IndexOf(provider.Prefix, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            Match found;
            try
            {
                found = provider.Pattern.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            for (; found.Success; found = found.NextMatch())
            {
                if (IsPlausible(provider, found.Value))
                {
                    var trimmed = text.Trim();
                    match = new KeyMatch(provider, found.Length == trimmed.Length);
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPlausible(KeyProvider provider, string key)
    {
        if (provider.EnvironmentVariable != "HF_TOKEN")
        {
            return true;
        }

        var upper = false;
        var lower = false;
        for (var i = 3; i < key.Length; i++)
        {
            upper |= char.IsUpper(key[i]);
            lower |= char.IsLower(key[i]);
        }

        return upper && lower;
    }

    private static Regex Create(string pattern) => new(pattern, RegexOptions.CultureInvariant, s_timeout);
}

/// <summary>Wording shared by the analyzer's messages and the environment-variable names it suggests.</summary>
internal static class CredentialText
{
    /// <summary>What the environment variable holds, for the fix's error message: "OpenAI API key".</summary>
    public static string DescribeEnvironmentVariable(string environmentVariable) => environmentVariable switch
    {
        "OPENAI_API_KEY" => "OpenAI API key",
        "AZURE_OPENAI_API_KEY" => "Azure OpenAI API key",
        "ANTHROPIC_API_KEY" => "Anthropic API key",
        "GOOGLE_API_KEY" => "Google API key",
        "HF_TOKEN" => "Hugging Face access token",
        "AZURE_AI_INFERENCE_API_KEY" => "Azure AI Inference API key",
        "OLLAMA_API_KEY" => "Ollama API key",
        _ => "API key",
    };

    public static string WithArticle(string phrase) =>
        (phrase.Length > 0 && "AEIOUaeiou".IndexOf(phrase[0]) >= 0 ? "an " : "a ") + phrase;

    public static string Capitalize(string phrase) =>
        phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase.Substring(1);
}
