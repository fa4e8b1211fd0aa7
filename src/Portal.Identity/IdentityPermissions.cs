using Portal.Core.Security;

namespace Portal.Identity;

public static class IdentityPermissions
{
    public const string ManageUsers = "Identity.ManageUsers";
    public const string ManageRoles = "Identity.ManageRoles";
    public const string ManageSettings = "Identity.ManageSettings";

    /// <summary>
    /// Any signed-in staff member: the dashboard, one's own API tokens and two-factor sign-in. Any other permission
    /// implies it (<see cref="PermissionChecks.HasPermission"/>); granted alone, it opens just those.
    /// </summary>
    public const string Staff = "Identity.Staff";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Staff, "Use the staff area", "Identity", StaffRoles.All.ToArray()),
        new(ManageUsers, "Manage staff users", "Identity", StaffRoles.Administrator),
        new(ManageRoles, "Manage roles and permissions", "Identity", StaffRoles.Administrator),
        new(ManageSettings, "Manage site settings and theme", "Identity", StaffRoles.Administrator),
    ];
}
