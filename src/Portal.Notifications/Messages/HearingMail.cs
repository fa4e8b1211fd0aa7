using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Notifications;
using Portal.Core.Text;
using Portal.Hearings;
using Portal.Hearings.Model;
using Portal.Hearings.Public;

namespace Portal.Notifications.Messages;

/// <summary>
/// The participant's mail for a hearing: confirmation (with the calendar invitation), waitlist place, lottery entry and
/// result, promotion from the waitlist, cancellation, and the materials. Written in the language the person signed up in.
/// </summary>
internal sealed class HearingMail(PortalDb db, INotificationOutbox outbox, TextCatalog text)
    : IEventHandler<RegistrationConfirmed>, IEventHandler<RegistrationWaitlisted>, IEventHandler<RegistrationReceived>,
      IEventHandler<RegistrationPromoted>, IEventHandler<RegistrationCancelled>, IEventHandler<LotteryDrawn>, IEventHandler<HearingMaterialsReleased>,
      IEventHandler<HearingCancelled>, IEventHandler<HearingRescheduled>
{
    public const string Template = "hearing-update";

    private Hearing? untracked;

    public Task HandleAsync(RegistrationConfirmed e, CancellationToken cancellationToken) =>
        SendAsync(e.HearingId, e.Registrant, "confirmed", "Your seat at the hearing is confirmed. The calendar invitation is attached.", true, null, cancellationToken);

    public Task HandleAsync(RegistrationWaitlisted e, CancellationToken cancellationToken) =>
        SendAsync(e.HearingId, e.Registrant, "waitlisted",
            "All seats are taken; you are number {0} on the waitlist. If a seat becomes free, it goes to the first person on the list and we write to you at once.",
            false, null, cancellationToken, e.Position);

    public Task HandleAsync(RegistrationReceived e, CancellationToken cancellationToken) =>
        SendAsync(e.HearingId, e.Registrant, "registered", "Your registration is in the public lottery. After registration closes we draw the participants in public and write to you with the result.", false, null, cancellationToken);

    public Task HandleAsync(RegistrationPromoted e, CancellationToken cancellationToken) =>
        SendAsync(e.HearingId, e.Registrant, "promoted", "A seat became free and it is yours: your place at the hearing is confirmed. The calendar invitation is attached.", true, null, cancellationToken);

    public Task HandleAsync(RegistrationCancelled e, CancellationToken cancellationToken) =>
        SendAsync(e.HearingId, e.Registrant, "cancelled", "Your registration is cancelled and your seat has been offered to the next person.", false, null, cancellationToken);

    public Task HandleAsync(LotteryDrawn e, CancellationToken cancellationToken) => e.Status == "confirmed"
        ? SendAsync(e.HearingId, e.Registrant, "drawn", "You were drawn in the public lottery: your place at the hearing is confirmed. The calendar invitation is attached.", true, null, cancellationToken)
        : SendAsync(e.HearingId, e.Registrant, "not-drawn", "You were not drawn in the public lottery and are on the waitlist. If a seat becomes free, we write to you at once.", false, null, cancellationToken);

    public Task HandleAsync(HearingMaterialsReleased e, CancellationToken cancellationToken) =>
        SendAsync(e.HearingId, e.Registrant, "materials", "The materials for the hearing are ready. Please read them before the hearing.", false, e.MaterialsUrl, cancellationToken);

    /// <summary>Everyone still in the hearing hears of the cancellation; those with a seat get the calendar cancellation too.</summary>
    public async Task HandleAsync(HearingCancelled e, CancellationToken cancellationToken)
    {
        if (await FindHearingAsync(e.HearingId, cancellationToken) is not { } hearing)
        {
            return;
        }
        var registration = await FindRegistrationAsync(e.Registrant.Code, cancellationToken);
        Enqueue(hearing, e.Registrant, "hearing-cancelled", "The organiser has cancelled the hearing. The reason: {0}",
            registration?.Status == RegistrationStatus.Confirmed ? registration : null, null, $"{Template}:{e.Registrant.Code}:hearing-cancelled",
            new Dictionary<string, string> { ["notice"] = "cancelled" }, e.Reason);
    }

    /// <summary>A new time or place; those with a seat get the updated invitation (same event, next SEQUENCE).</summary>
    public async Task HandleAsync(HearingRescheduled e, CancellationToken cancellationToken)
    {
        if (await FindHearingAsync(e.HearingId, cancellationToken) is not { } hearing)
        {
            return;
        }
        var registration = await FindRegistrationAsync(e.Registrant.Code, cancellationToken);
        var seat = registration?.Status == RegistrationStatus.Confirmed;
        Enqueue(hearing, e.Registrant, "changed",
            seat ? "The time or place of the hearing has changed; the new details are below and the updated calendar invitation is attached."
                : "The time or place of the hearing has changed; the new details are below.",
            seat ? registration : null, null, $"{Template}:{e.Registrant.Code}:changed:{e.Revision}", new Dictionary<string, string> { ["notice"] = "changed" });
    }

    /// <summary>
    /// The tracked hearing if the caller changed it; else read once per scope without tracking: the group commit stores
    /// a batch of sign-ups in one scope, and a tracked hearing would be compared on every save.
    /// </summary>
    private async Task<Hearing?> FindHearingAsync(int id, CancellationToken cancellationToken)
    {
        if (db.TrackedByKey<Hearing, int>(id) is { } tracked)
        {
            return tracked;
        }
        if (untracked?.Id != id)
        {
            untracked = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        }
        return untracked;
    }

    /// <summary>
    /// The registration as the caller left it (tracked), else as stored, read without tracking. Not through
    /// <c>DbSet.Local</c>: it runs <c>DetectChanges</c> over the whole unit of work, and a hearing's change or
    /// cancellation raises one event per participant in one unit of work, which made notifying 5,000 participants
    /// take over five minutes (the hearing locked all the while).
    /// </summary>
    private async Task<Registration?> FindRegistrationAsync(string code, CancellationToken cancellationToken) =>
        db.TrackedBy<Registration, string>(nameof(Registration.Code), code)
        ?? await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken);

    private async Task SendAsync(int hearingId, Registrant who, string kind, string message, bool invite, string? link, CancellationToken cancellationToken,
        params object[] args)
    {
        var hearing = await FindHearingAsync(hearingId, cancellationToken);
        if (hearing is null)
        {
            return;
        }
        var registration = invite ? await FindRegistrationAsync(who.Code, cancellationToken) : null;
        Enqueue(hearing, who, kind, message, registration, link, $"{Template}:{who.Code}:{kind}", null, args);
    }

    /// <summary>
    /// Queues one participant message; an invitation is attached when <paramref name="invitation"/> is given. The
    /// message is a catalog key, translated into the person's language before <paramref name="args"/> go into it.
    /// </summary>
    internal void Enqueue(Hearing hearing, Registrant who, string kind, string message, Registration? invitation, string? link, string deduplicationKey,
        Dictionary<string, string>? extra = null, params object[] args)
    {
        var culture = who.Culture == "en" ? "en" : "zh-CN";
        var ci = System.Globalization.CultureInfo.GetCultureInfo(culture);
        var values = new Dictionary<string, string>
        {
            ["hearing_title"] = hearing.Title,
            ["name"] = who.Name,
            ["message"] = args.Length == 0 ? text.Translate(message, ci) : string.Format(ci, text.Translate(message, ci), args),
            ["code"] = who.Code,
            ["starts"] = SiteClock.FormatDateTime(hearing.StartsUtc),
            ["venue"] = string.Join(" ", new[] { hearing.VenueName, hearing.VenueAddress }.Where(v => v.Length > 0)),
            ["hearing_url"] = $"/hearings/{hearing.Slug}",
            ["status_url"] = $"/hearings/{hearing.Slug}/registrations/{who.Code}?token={who.CancelToken}",
            // Nothing to cancel once the registration or the hearing itself is cancelled.
            ["cancel_url"] = kind is "cancelled" or "hearing-cancelled" ? "" : $"/hearings/{hearing.Slug}/registrations/{who.Code}/cancel?token={who.CancelToken}",
            ["link_url"] = link ?? "",
        };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }
        var attachments = new List<MessageAttachment>();
        if (invitation is not null)
        {
            attachments.Add(new MessageAttachment("invitation.ics", "text/calendar; method=PUBLISH", HearingCalendar.CreateIcs(hearing, invitation)));
        }
        outbox.Enqueue(new OutgoingMessage(Template, who.Email, culture, values)
        {
            Attachments = attachments,
            DeduplicationKey = deduplicationKey,
        });
    }
}
