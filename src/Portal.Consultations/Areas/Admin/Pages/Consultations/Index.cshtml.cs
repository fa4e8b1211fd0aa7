using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Areas.Admin.Pages.Consultations;

[Authorize(Policy = ConsultationsPermissions.AnyConsultationWork)]
public sealed class IndexModel(PortalDb db, TimeProvider clock, TextCatalog text) : PageModel
{
    public sealed record Row(
        int Id, string Slug, string Title, string StatusCode, string StatusLabel, bool IsPublic, bool IsMajor, string Opens, string Closes,
        int Pending, int Published, int Unanswered);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        var consultations = await db.Set<Consultation>().AsNoTracking()
            .OrderBy(c => c.State == ConsultationState.Draft ? 0 : 1).ThenByDescending(c => c.OpensUtc).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Slug, c.Title, c.State, c.Kind, c.OpensUtc, c.ClosesUtc })
            .ToListAsync(ct);
        // One grouped count for every consultation at once, however many comments there are.
        var counts = await db.Set<Comment>().AsNoTracking()
            .GroupBy(c => new { c.ConsultationId, c.Status, Answered = c.Disposition != Disposition.None })
            .Select(g => new { g.Key.ConsultationId, g.Key.Status, g.Key.Answered, Count = g.Count() })
            .ToListAsync(ct);
        foreach (var c in consultations)
        {
            var status = new Consultation { State = c.State, OpensUtc = c.OpensUtc, ClosesUtc = c.ClosesUtc }.StatusAt(now);
            var mine = counts.Where(x => x.ConsultationId == c.Id).ToList();
            Rows.Add(new Row(c.Id, c.Slug, c.Title, Labels.Status(status), Labels.StatusLabel(text, status), c.State != ConsultationState.Draft,
                c.Kind == DecisionKind.Major, SiteClock.FormatDateTime(c.OpensUtc), SiteClock.FormatDateTime(c.ClosesUtc),
                mine.Where(x => x.Status == CommentStatus.Pending).Sum(x => x.Count),
                mine.Where(x => x.Status == CommentStatus.Published).Sum(x => x.Count),
                mine.Where(x => x.Status == CommentStatus.Published && !x.Answered).Sum(x => x.Count)));
        }
    }
}
