using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;
using Portal.Hearings.Public;

namespace Portal.Hearings.Admin;

/// <summary>
/// Staff call off a published hearing that has not yet taken place. The reason is published on the hearing page and
/// written to every participant who held a seat, a waitlist place or a lottery entry, with a calendar cancellation for
/// those who had a seat. The hearing row is locked first, as every sign-up locks it, so a sign-up that raced the
/// cancellation on any node is either in the list written to or refused.
/// </summary>
public sealed class CancelHearing(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public const int ReasonMaxLength = 1000;

    public async Task<Result<Hearing>> HandleAsync(string slug, string? reason, CancellationToken cancellationToken)
    {
        var why = PlainText.CleanOrNull(reason)?.Trim() ?? "";
        if (why.Length is < 4 or > ReasonMaxLength)
        {
            return new Refusal(text.Translate("Give the reason for the cancellation (4 to 1,000 characters); it is published and sent to every participant."), "Reason", 422);
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Result<Hearing>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var id = await db.Set<Hearing>().Where(h => h.Slug == slug).Select(h => (int?)h.Id).FirstOrDefaultAsync(cancellationToken);
            if (id is null)
            {
                return new Refusal(text.Translate("This hearing does not exist."), Status: 404);
            }
            var now = clock.GetUtcNow();
            await HearingLock.TakeAsync(db, id.Value, now, cancellationToken);
            var hearing = await db.Set<Hearing>().FirstAsync(h => h.Id == id, cancellationToken);
            var refusal = hearing.StatusAt(now) switch
            {
                HearingStatus.Draft => new Refusal(text.Translate("A draft is not public: change it or leave it unpublished instead."), Status: 409),
                HearingStatus.Cancelled => new Refusal(text.Translate("This hearing has already been cancelled."), Status: 409),
                HearingStatus.Held => new Refusal(text.Translate("This hearing has already taken place and cannot be cancelled."), Status: 409),
                _ => null,
            };
            if (refusal is not null)
            {
                return refusal;
            }
            hearing.State = HearingState.Cancelled;
            hearing.CancelledUtc = now;
            hearing.CancellationReason = why;
            hearing.ScheduleRevision++;
            hearing.ModifiedUtc = now;
            HearingChanges.Record(db, hearing, now);
            foreach (var registration in await ParticipantsAsync(db, hearing.Id, cancellationToken))
            {
                await events.PublishAsync(new HearingCancelled(hearing.Id, hearing.Slug, hearing.Title, CancelSignUp.Who(registration), why), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return hearing;
        });
    }

    /// <summary>Everyone a change of the hearing concerns: a seat, a waitlist place or a lottery entry (not those who cancelled).</summary>
    internal static Task<List<Registration>> ParticipantsAsync(PortalDb db, int hearingId, CancellationToken cancellationToken) =>
        db.Set<Registration>().AsNoTracking()
            .Where(r => r.HearingId == hearingId && r.Status != RegistrationStatus.Cancelled)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
}
