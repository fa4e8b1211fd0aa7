using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Notifications.Model;
using Portal.Notifications.Outbox;

namespace Portal.Notifications.Areas.Admin.Pages.Notifications;

/// <summary>The mail queue: what waits, what failed (with its error and a retry), and how many people subscribe.</summary>
[Authorize(Policy = NotificationsPermissions.ManageNotifications)]
public sealed class IndexModel(PortalDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(long Id, string Template, string To, string Created, int Attempts, string Next, string Error, bool Leased);

    public int Queued { get; private set; }
    public int Sent { get; private set; }
    public int Failed { get; private set; }
    public int ActiveSubscriptions { get; private set; }
    public int PendingSubscriptions { get; private set; }
    public List<Row> Waiting { get; private set; } = [];
    public List<Row> FailedRows { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var counts = await db.Set<OutboxMessage>().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Queued = counts.Where(c => c.Key == OutboxStatus.Queued).Sum(c => c.Count);
        Sent = counts.Where(c => c.Key == OutboxStatus.Sent).Sum(c => c.Count);
        Failed = counts.Where(c => c.Key == OutboxStatus.Failed).Sum(c => c.Count);
        ActiveSubscriptions = await db.Set<Subscription>().CountAsync(s => s.ConfirmedUtc != null && s.UnsubscribedUtc == null, ct);
        PendingSubscriptions = await db.Set<Subscription>().CountAsync(s => s.ConfirmedUtc == null && s.UnsubscribedUtc == null, ct);
        var now = clock.GetUtcNow();
        Waiting = (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Status == OutboxStatus.Queued)
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id).Take(100).ToListAsync(ct)).Select(m => ToRow(m, now)).ToList();
        FailedRows = (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Status == OutboxStatus.Failed)
            .OrderByDescending(m => m.Id).Take(100).ToListAsync(ct)).Select(m => ToRow(m, now)).ToList();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Set<OutboxMessage>().Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Queued)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptUtc, now)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresUtc, (DateTimeOffset?)null), HttpContext.RequestAborted);
        if (changed == 0)
        {
            return NotFound();
        }
        Notice = "The message is queued again.";
        return RedirectToPage();
    }

    private static Row ToRow(OutboxMessage m, DateTimeOffset now) => new(m.Id, m.Template, AddressMask.Mask(m.To), SiteClock.FormatDateTime(m.CreatedUtc),
        m.Attempts, SiteClock.FormatDateTime(m.NextAttemptUtc), m.LastError, m.LeaseExpiresUtc > now);
}
