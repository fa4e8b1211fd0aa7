using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Consultations.Model;

/// <summary>
/// Moderation, responses and finalization of one decision take its row lock first: a conditional UPDATE that
/// only matches while the decision is still open for work. Whoever comes second waits, then sees the other's
/// result (PostgreSQL re-checks the condition after the wait; SQLite serializes writers), so no response or
/// publication can slip in after the outcome is published, on one node or several.
/// </summary>
internal static class DecisionLock
{
    public static async Task<bool> TakeAsync(PortalDb db, int consultationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<Consultation>()
            .Where(c => c.Id == consultationId && c.State == ConsultationState.Published)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ModifiedUtc, now), cancellationToken) == 1;
}
