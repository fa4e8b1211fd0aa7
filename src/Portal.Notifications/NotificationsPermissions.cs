using Portal.Core.Security;

namespace Portal.Notifications;

public static class NotificationsPermissions
{
    public const string ManageNotifications = "Notifications.Manage";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(ManageNotifications, "See the mail queue and retry failed messages", "Notifications", StaffRoles.Administrator),
    ];
}
