using Portal.Core.Data;

namespace Portal.Core.Audit;

/// <summary>
/// Records what a person did that leaves no row of its own (a sign-in, a failed sign-in, a refused attempt).
/// Changes to stored content are recorded without asking: the Audit module watches every <c>SaveChanges</c>.
/// <see cref="Record"/> adds the entry to the unit of work; the caller's <c>SaveChanges</c> commits it.
/// </summary>
public interface IAuditTrail
{
    void Record(PortalDb db, string action, string entityType, string entityKey, string summary, string? actor = null);
}

/// <summary>Entity types whose rows are bookkeeping rather than content (queues, cursors, counters) and are not audited.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAuditedAttribute : Attribute;

internal sealed class NoAuditTrail : IAuditTrail
{
    public void Record(PortalDb db, string action, string entityType, string entityKey, string summary, string? actor = null)
    {
    }
}
