using Portal.Core.Security;

namespace Portal.Audit;

public static class AuditPermissions
{
    public const string ViewAudit = "Audit.View";

    public static readonly IReadOnlyList<PermissionDefinition> All =
    [
        new(ViewAudit, "Read and export the audit trail", "Audit", StaffRoles.Administrator),
    ];
}
