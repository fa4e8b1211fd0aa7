using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Hearings.Model;

/// <summary>
/// Seats are counted in the hearing row and changed only by conditional UPDATEs inside the registration's
/// transaction. PostgreSQL locks the row and re-checks the condition after a concurrent writer commits; SQLite
/// serializes writers (BEGIN IMMEDIATE). So the count can never pass the seats, on one node or several.
/// </summary>
internal static class HearingLock
{
    /// <summary>Takes one seat if one is free.</summary>
    public static async Task<bool> TakeSeatAsync(PortalDb db, int hearingId, CancellationToken cancellationToken) =>
        await db.Set<Hearing>().Where(h => h.Id == hearingId && h.SeatsTaken < h.Seats)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.SeatsTaken, h => h.SeatsTaken + 1), cancellationToken) == 1;

    public static async Task FreeSeatAsync(PortalDb db, int hearingId, CancellationToken cancellationToken) =>
        await db.Set<Hearing>().Where(h => h.Id == hearingId && h.SeatsTaken > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.SeatsTaken, h => h.SeatsTaken - 1), cancellationToken);

    /// <summary>Locks the hearing row for the rest of the transaction (staff actions: draw, promotions, publishing).</summary>
    public static async Task TakeAsync(PortalDb db, int hearingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<Hearing>().Where(h => h.Id == hearingId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.ModifiedUtc, now), cancellationToken);

    /// <summary>
    /// Fills free seats from the waitlist in order (rank, then arrival). Returns the promoted registrations, which
    /// the caller announces; the hearing row must already be locked by this transaction.
    /// </summary>
    public static async Task<List<Registration>> PromoteAsync(PortalDb db, Hearing hearing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var promoted = new List<Registration>();
        var ids = new List<long>();
        while (true)
        {
            var next = await db.Set<Registration>()
                .Where(r => r.HearingId == hearing.Id && r.Status == RegistrationStatus.Waitlisted && !ids.Contains(r.Id))
                .OrderBy(r => r.Rank).ThenBy(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (next is null || !await TakeSeatAsync(db, hearing.Id, cancellationToken))
            {
                return promoted;
            }
            next.Status = RegistrationStatus.Confirmed;
            next.ConfirmedUtc = now;
            ids.Add(next.Id);
            promoted.Add(next);
        }
    }
}
