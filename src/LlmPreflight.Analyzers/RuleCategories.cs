namespace LlmPreflight.Analyzers;

internal static class RuleCategories
{
    public const string Configuration = "Configuration";
    public const string Reliability = "Reliability";
    public const string Cost = "Cost";
    public const string Correctness = "Correctness";
    public const string Security = "Security";
    public const string Maintainability = "Maintainability";
    public const string Observability = "Observability";
}
