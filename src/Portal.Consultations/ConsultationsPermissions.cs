using Portal.Core.Security;

namespace Portal.Consultations;

public static class ConsultationsPermissions
{
    public const string DraftDecisions = "Consultations.DraftDecisions";
    public const string PublishDecisions = "Consultations.PublishDecisions";
    public const string ModerateComments = "Consultations.ModerateComments";
    public const string RespondToComments = "Consultations.RespondToComments";
    public const string FinalizeDecisions = "Consultations.FinalizeDecisions";

    /// <summary>
    /// Any of the module's permissions: the consultation list and statistics, from which each person reaches the screens
    /// they may use (each screen and action checks its own permission).
    /// </summary>
    public const string AnyConsultationWork = DraftDecisions + PermissionClaim.AnyOf + PublishDecisions + PermissionClaim.AnyOf + ModerateComments
        + PermissionClaim.AnyOf + RespondToComments + PermissionClaim.AnyOf + FinalizeDecisions;

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(DraftDecisions, "Write and correct decision drafts", "Consultations", StaffRoles.DecisionOfficer),
        new(PublishDecisions, "Publish decision drafts for comment", "Consultations", StaffRoles.DecisionOfficer),
        new(ModerateComments, "Moderate public comments", "Consultations", StaffRoles.Moderator, StaffRoles.DecisionOfficer),
        new(RespondToComments, "Answer comments", "Consultations", StaffRoles.DecisionOfficer),
        new(FinalizeDecisions, "Finalize decisions", "Consultations", StaffRoles.DecisionOfficer),
    ];
}
