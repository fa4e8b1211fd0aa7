namespace Portal.Core.Security;

public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string DecisionOfficer = "DecisionOfficer";
    public const string Moderator = "Moderator";
    public const string Spokesperson = "Spokesperson";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, DecisionOfficer, Moderator, Spokesperson];
}

/// <summary>A permission a module grants, with the roles that hold it on a new site.</summary>
public sealed record PermissionDefinition(string Name, string DisplayName, string Module, params string[] DefaultRoles);

public static class PermissionClaim
{
    /// <summary>
    /// Joins permission names into one policy name that any one of them satisfies (a screen every staff member of a module
    /// may open, whose actions each check their own permission): <c>A + AnyOf + B</c>.
    /// </summary>
    public const string AnyOf = "|";

    /// <summary>The permissions a policy name stands for: itself, or each of those joined with <see cref="AnyOf"/>.</summary>
    public static string[] Names(string policy) => policy.Split(AnyOf, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Claim type carried by roles (role claims) and so by every signed-in staff principal.</summary>
    public const string Type = "portal:permission";
}
