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
    /// <summary>
    /// Locks the row for a sign-up if the hearing still takes sign-ups at <paramref name="now"/>. Every sign-up does
    /// this before it reads or writes a registration, so it serializes with the draw and with staff's saves of the hearing
    /// (which lock the row first too): a sign-up that read the hearing before a draw, a cancellation or an earlier close
    /// committed is refused here, and one that got here first is committed before the draw reads the registrations.
    /// The UPDATE changes no value; it is there for the lock and the condition.
    /// </summary>
    public static async Task<bool> TakeForSignUpAsync(PortalDb db, int hearingId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<Hearing>()
            .Where(h => h.Id == hearingId && h.State == HearingState.Published && h.DrawnUtc == null && h.RegistrationOpensUtc <= now && h.RegistrationClosesUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.SeatsTaken, h => h.SeatsTaken), cancellationToken) == 1;

    /// <summary>Takes one seat if one is free (whether the hearing takes sign-ups is the caller's rule).</summary>
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
