using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Areas.Admin.Pages.Consultations;

/// <summary>Comments per day of the period, and the totals by moderation status and by disposition.</summary>
[Authorize(Policy = ConsultationsPermissions.AnyConsultationWork)]
public sealed class DashboardModel(PortalDb db, TimeProvider clock, TextCatalog text) : PageModel
{
    /// <summary>At most this many days are drawn; a longer period shows its latest days.</summary>
    public const int MaxDays = 120;

    public sealed record Day(DateOnly Date, int Count, string Weekday);

    public sealed record Total(string Code, string Label, int Count);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public ConsultationHeader Header { get; private set; } = null!;

    public List<Day> Days { get; } = [];

    public int MaxPerDay { get; private set; }

    public List<Total> ByStatus { get; } = [];

    public List<Total> ByDisposition { get; } = [];

    public int CommentCount { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow();
        if (await ConsultationHeader.LoadAsync(db, Id, now, text, "dashboard", ct) is not { } loaded)
        {
            return NotFound();
        }
        Header = loaded.Header;
        var c = loaded.Consultation;
        var comments = db.Set<Comment>().AsNoTracking().Where(x => x.ConsultationId == Id);

        // Days are the site's days (Asia/Shanghai); converting instants to local dates differs per database, so only the
        // one timestamp column is read and bucketed here.
        var submitted = await comments.Select(x => x.SubmittedUtc).ToListAsync(ct);
        var perDay = submitted.GroupBy(SiteClock.LocalDate).ToDictionary(g => g.Key, g => g.Count());
        var first = SiteClock.LocalDate(c.OpensUtc);
        var last = SiteClock.LocalDate(c.ClosesUtc <= now ? c.ClosesUtc.AddTicks(-1) : now);
        if (perDay.Count > 0)
        {
            first = perDay.Keys.Min() < first ? perDay.Keys.Min() : first;
            last = perDay.Keys.Max() > last ? perDay.Keys.Max() : last;
        }
        if (last.DayNumber - first.DayNumber >= MaxDays)
        {
            first = last.AddDays(-(MaxDays - 1));
        }
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            Days.Add(new Day(d, perDay.GetValueOrDefault(d), Weekday(d.DayOfWeek)));
        }
        MaxPerDay = Days.Count == 0 ? 0 : Days.Max(d => d.Count);
        CommentCount = submitted.Count;

        var byStatus = await comments.GroupBy(x => x.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        ByStatus.Add(new Total("pending", text.Translate("Awaiting moderation"), byStatus.GetValueOrDefault(CommentStatus.Pending)));
        ByStatus.Add(new Total("published", text.Translate("Published comments"), byStatus.GetValueOrDefault(CommentStatus.Published)));
        ByStatus.Add(new Total("rejected", text.Translate("Rejected comments"), byStatus.GetValueOrDefault(CommentStatus.Rejected)));

        var byDisposition = await comments.Where(x => x.Status == CommentStatus.Published).GroupBy(x => x.Disposition)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var d in new[] { Disposition.Adopted, Disposition.PartlyAdopted, Disposition.NotAdopted, Disposition.OutOfScope, Disposition.None })
        {
            ByDisposition.Add(new Total(d == Disposition.None ? "none" : Labels.DispositionCode(d), Labels.DispositionLabel(text, d), byDisposition.GetValueOrDefault(d)));
        }
        return Page();
    }

    private string Weekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => text.Translate("Mon"),
        DayOfWeek.Tuesday => text.Translate("Tue"),
        DayOfWeek.Wednesday => text.Translate("Wed"),
        DayOfWeek.Thursday => text.Translate("Thu"),
        DayOfWeek.Friday => text.Translate("Fri"),
        DayOfWeek.Saturday => text.Translate("Sat"),
        _ => text.Translate("Sun"),
    };

    /// <summary>A bar's length in percent of the longest bar, as the SVG width attribute (the CSP forbids style attributes).</summary>
    public static string Percent(int count, int max) =>
        max == 0 ? "0%" : (100.0 * count / max).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
