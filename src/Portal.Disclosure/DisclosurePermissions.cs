using Portal.Core.Security;

namespace Portal.Disclosure;

public static class DisclosurePermissions
{
    public const string EditContent = "Disclosure.EditContent";
    public const string PublishContent = "Disclosure.PublishContent";
    public const string ManageSections = "Disclosure.ManageSections";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(EditContent, "Write and edit documents, service guides and fees", "Disclosure", StaffRoles.Editor, StaffRoles.Spokesperson, StaffRoles.DecisionOfficer),
        new(PublishContent, "Publish, schedule and unpublish disclosure content", "Disclosure", StaffRoles.Editor),
        new(ManageSections, "Rename and reorder the disclosure sections", "Disclosure", StaffRoles.Administrator),
    ];
}
