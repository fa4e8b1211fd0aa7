namespace Portal.Theming;

/// <summary>
/// Marks a type whose public properties templates may read. Only marked types are exposed to Liquid, so a
/// template can never reach an entity or a service by accident.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LiquidModelAttribute : Attribute;
