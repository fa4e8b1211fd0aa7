using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Consultations;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Notifications;
using Portal.Core.Security;
using Portal.Core.Text;

namespace Portal.Notifications.Alerts;

/// <summary>
/// Warns staff before deadlines slip: comments waiting for moderation too long, a closed consultation with
/// unanswered comments, a planned adoption date close with unanswered comments. Each alert is sent once
/// (the outbox's deduplication key), to every staff member holding the permission that can act on it.
/// </summary>
public sealed class StaffAlerts(PortalDb db, TimeProvider clock, INotificationOutbox outbox, IOptions<NotificationOptions> options)
{
    public const string ModerationTemplate = "staff-moderation-waiting";
    public const string ClosedTemplate = "staff-closed-unanswered";
    public const string AdoptionTemplate = "staff-adoption-approaching";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var queued = 0;
        var threshold = now.AddHours(-options.Value.ModerationAlertHours);
        var waiting = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.Status == CommentStatus.Pending && c.SubmittedUtc < threshold)
            .GroupBy(c => c.ConsultationId)
            .Select(g => new { ConsultationId = g.Key, Count = g.Count(), Oldest = g.Min(c => c.SubmittedUtc) })
            .ToListAsync(cancellationToken);
        var today = SiteClock.FormatDate(now);
        foreach (var w in waiting)
        {
            var c = await db.Set<Consultation>().AsNoTracking().FirstAsync(x => x.Id == w.ConsultationId, cancellationToken);
            queued += await AlertAsync(ModerationTemplate, ConsultationsPermissions.ModerateComments, $"alert:moderation:{c.Id}:{today}", new Dictionary<string, string>
            {
                ["consultation_title"] = c.Title,
                ["count"] = w.Count.ToString(CultureInfo.InvariantCulture),
                ["oldest"] = SiteClock.FormatDateTime(w.Oldest),
                ["admin_url"] = $"/admin/consultations/moderation?id={c.Id}",
            }, cancellationToken);
        }

        var horizon = SiteClock.LocalDate(now).AddDays(options.Value.AdoptionAlertDays);
        var open = await db.Set<Consultation>().AsNoTracking()
            .Where(c => c.State == ConsultationState.Published && (c.ClosesUtc <= now || c.PlannedAdoptionDate <= horizon))
            .ToListAsync(cancellationToken);
        foreach (var c in open)
        {
            var unanswered = await db.Set<Comment>().CountAsync(x => x.ConsultationId == c.Id
                && (x.Status == CommentStatus.Pending || (x.Status == CommentStatus.Published && x.Disposition == Disposition.None)), cancellationToken);
            if (unanswered == 0)
            {
                continue;
            }
            var values = new Dictionary<string, string>
            {
                ["consultation_title"] = c.Title,
                ["count"] = unanswered.ToString(CultureInfo.InvariantCulture),
                ["closes"] = SiteClock.FormatDateTime(c.ClosesUtc),
                ["planned_adoption"] = SiteClock.FormatDate(c.PlannedAdoptionDate),
                ["admin_url"] = $"/admin/consultations/responses?id={c.Id}&answered=no",
            };
            if (c.ClosesUtc <= now)
            {
                queued += await AlertAsync(ClosedTemplate, ConsultationsPermissions.RespondToComments, $"alert:closed:{c.Id}", values, cancellationToken);
            }
            if (c.PlannedAdoptionDate <= horizon)
            {
                queued += await AlertAsync(AdoptionTemplate, ConsultationsPermissions.FinalizeDecisions, $"alert:adoption:{c.Id}:{c.PlannedAdoptionDate:yyyyMMdd}", values, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    private async Task<int> AlertAsync(string template, string permission, string key, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var email in await StaffWithAsync(permission, cancellationToken))
        {
            outbox.Enqueue(new OutgoingMessage(template, email, TextCatalog.DefaultCulture, values) { DeduplicationKey = $"{key}:{email}" });
            count++;
        }
        return count;
    }

    /// <summary>Addresses of staff who hold the permission through a role claim, and of administrators (who hold every permission).</summary>
    internal async Task<IReadOnlyList<string>> StaffWithAsync(string permission, CancellationToken cancellationToken)
    {
        var roles = db.Set<IdentityRoleClaim<string>>().Where(rc => rc.ClaimType == PermissionClaim.Type && rc.ClaimValue == permission).Select(rc => rc.RoleId)
            .Union(db.Set<StaffRole>().Where(r => r.Name == StaffRoles.Administrator).Select(r => r.Id));
        var users = db.Set<IdentityUserRole<string>>().Where(ur => roles.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var emails = await db.Set<StaffUser>().AsNoTracking()
            .Where(u => users.Contains(u.Id) && u.Email != null && u.Email != "")
            .Select(u => u.Email!).ToListAsync(cancellationToken);
        return emails.Select(e => e.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
