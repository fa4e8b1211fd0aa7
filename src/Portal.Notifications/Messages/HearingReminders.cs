using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Hearings;
using Portal.Hearings.Model;
using Portal.Notifications.Model;

namespace Portal.Notifications.Messages;

/// <summary>
/// The reminder the day before: every confirmed participant of a published hearing that starts within
/// <see cref="NotificationOptions.HearingReminderHours"/> gets one message with the invitation. Runs in the jobs round
/// (one node at a time); the outbox's deduplication key (code and start time) makes it once per person, across rounds,
/// restarts and nodes, while a rescheduled hearing reminds again for its new time. A hearing scheduled less than a day
/// ahead reminds in the next round, as long as it has not started.
/// </summary>
internal sealed class HearingReminders(PortalDb db, TimeProvider clock, IOptions<NotificationOptions> options, HearingMail mail)
{
    public const string Kind = "reminder";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddHours(options.Value.HearingReminderHours);
        var hearings = await db.Set<Hearing>().AsNoTracking()
            .Where(h => h.State == HearingState.Published && h.StartsUtc > now && h.StartsUtc <= horizon)
            .ToListAsync(cancellationToken);
        foreach (var hearing in hearings)
        {
            var participants = await db.Set<Registration>().AsNoTracking()
                .Where(r => r.HearingId == hearing.Id && r.Status == RegistrationStatus.Confirmed)
                .OrderBy(r => r.Id)
                .ToListAsync(cancellationToken);
            var keys = participants.ToDictionary(r => r.Id, r => $"{HearingMail.Template}:{r.Code}:{Kind}:{hearing.StartsUtc.UtcDateTime:yyyyMMddHHmm}");
            var values = keys.Values.ToList();
            var sent = (await db.Set<OutboxMessage>().Where(m => m.DeduplicationKey != null && values.Contains(m.DeduplicationKey))
                .Select(m => m.DeduplicationKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            foreach (var r in participants.Where(p => !sent.Contains(keys[p.Id])))
            {
                var key = keys[r.Id];
                mail.Enqueue(hearing, new Registrant(r.Email, r.Name, r.Code, r.CancelToken, r.Culture), Kind,
                    "A reminder: the hearing is about to take place. Please bring your registration code. The calendar invitation is attached.",
                    r, null, key, new Dictionary<string, string> { ["reminder"] = "yes" });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
