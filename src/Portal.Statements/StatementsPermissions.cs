using Portal.Core.Security;

namespace Portal.Statements;

public static class StatementsPermissions
{
    public const string Draft = "statements.draft";
    public const string Review = "statements.review";

    /// <summary>Release to the public: schedule, publish now, correct and retract. Only the spokesperson office holds it.</summary>
    public const string Publish = "statements.publish";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(Draft, "Write statements and interpretations", "Statements", StaffRoles.Editor, StaffRoles.Spokesperson),
        new(Review, "Review statements written by someone else", "Statements", StaffRoles.Editor, StaffRoles.Spokesperson),
        new(Publish, "Schedule, publish, correct and retract statements", "Statements", StaffRoles.Spokesperson),
    ];
}
