using Portal.Core.Security;

namespace Portal.Hearings;

public static class HearingsPermissions
{
    public const string ManageHearings = "Hearings.ManageHearings";
    public const string ManageRegistrations = "Hearings.ManageRegistrations";
    public const string DrawLottery = "Hearings.DrawLottery";
    public const string PublishRecords = "Hearings.PublishRecords";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(ManageHearings, "Schedule and publish hearings", "Hearings", StaffRoles.DecisionOfficer),
        new(ManageRegistrations, "See registrations, check participants in, export the list", "Hearings", StaffRoles.DecisionOfficer, StaffRoles.Moderator),
        new(DrawLottery, "Draw the public lottery and publish the participant list", "Hearings", StaffRoles.DecisionOfficer),
        new(PublishRecords, "Publish hearing records and materials", "Hearings", StaffRoles.DecisionOfficer),
    ];
}
