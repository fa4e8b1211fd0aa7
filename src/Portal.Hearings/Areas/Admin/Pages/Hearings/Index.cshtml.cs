using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;

namespace Portal.Hearings.Areas.Admin.Pages.Hearings;

[Authorize(Policy = HearingsPermissions.ManageRegistrations)]
public sealed class IndexModel(PortalDb db, TimeProvider clock, TextCatalog text) : PageModel
{
    public sealed record Row(int Id, string Slug, string Title, string StatusCode, string StatusLabel, bool IsPublic, string Starts, string Selection,
        int Seats, int SeatsTaken, int Waitlisted, int Registered);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        var hearings = await db.Set<Hearing>().AsNoTracking().OrderByDescending(h => h.StartsUtc).ToListAsync(ct);
        var counts = await db.Set<Registration>().AsNoTracking().GroupBy(r => new { r.HearingId, r.Status })
            .Select(g => new { g.Key.HearingId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        foreach (var h in hearings)
        {
            var status = h.StatusAt(now);
            int Count(RegistrationStatus s) => counts.Where(c => c.HearingId == h.Id && c.Status == s).Sum(c => c.Count);
            Rows.Add(new Row(h.Id, h.Slug, h.Title, Labels.Status(status), Labels.StatusLabel(text, status), h.IsPublic, SiteClock.FormatDateTime(h.StartsUtc),
                Labels.SelectionLabel(text, h.Selection), h.Seats, h.SeatsTaken, Count(RegistrationStatus.Waitlisted), Count(RegistrationStatus.Registered)));
        }
    }
}
