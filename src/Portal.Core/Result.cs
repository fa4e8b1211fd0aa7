namespace Portal.Core;

/// <summary>An expected refusal (a rule not met), as a value the endpoint turns into a 4xx with this message.</summary>
public sealed record Refusal(string Message, string? Field = null, int Status = 400);

public readonly record struct Result<T>(T? Value, Refusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal refusal) => new(default, refusal);
}
