using System.ComponentModel.DataAnnotations;

namespace LlmPreflight.Runtime.Tests.Validation;

public enum OrderStatus
{
    Open,
    Shipped,
}

/// <summary>What the tests ask a model to extract: a required member, an enum, nested items with DataAnnotations.</summary>
public sealed class Order
{
    public required string Customer { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public OrderStatus Status { get; set; }

    public string? Note { get; set; }
}

public sealed class OrderLine
{
    [RegularExpression(@"^[A-Z]{3}-\d+$")]
    [StringLength(12, MinimumLength = 5)]
    public string Sku { get; set; } = "";

    [Range(1, 99)]
    public int Quantity { get; set; }
}

/// <summary>A rule a JSON schema cannot express: a shipment's dates in order (IValidatableObject, on a nested object).</summary>
public sealed class Shipment
{
    public required string Carrier { get; set; }

    public List<Leg> Legs { get; set; } = [];
}

public sealed class Leg : IValidatableObject
{
    public DateTime Departs { get; set; }

    public DateTime Arrives { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Arrives < Departs)
        {
            yield return new ValidationResult("A leg must arrive after it departs.", [nameof(Arrives)]);
        }
    }
}

/// <summary>A recursive type: its schema refers to itself with "$ref".</summary>
public sealed class Category
{
    public required string Name { get; set; }

    public List<Category>? Children { get; set; }
}

public sealed class Scores
{
    public Dictionary<string, int> ByJudge { get; set; } = [];
}
