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
    /// <summary>Claim type carried by roles (role claims) and so by every signed-in staff principal.</summary>
    public const string Type = "portal:permission";
}
