using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Areas.Admin.Pages.Documents;

[Authorize(Policy = DisclosurePermissions.EditContent)]
public sealed class IndexModel(PortalDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Title, string Section, string State, string Published, string Modified);

    [BindProperty(SupportsGet = true)]
    public string? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<Section> Sections { get; private set; } = [];

    public List<Row> Rows { get; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order).ToListAsync();
        var query = db.Set<Document>().AsNoTracking();
        if (!string.IsNullOrEmpty(Section))
        {
            query = query.Where(d => d.Section!.Slug == Section);
        }
        query = State switch
        {
            "draft" => query.Where(d => d.State == PublicationState.Draft),
            "unpublished" => query.Where(d => d.State == PublicationState.Unpublished),
            "scheduled" => query.Where(d => d.State == PublicationState.Published && d.PublishedUtc > now),
            "published" => query.Where(d => d.State == PublicationState.Published && d.PublishedUtc <= now),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(d => d.Title.Contains(q));
        }
        Total = await query.CountAsync();
        var rows = await query.OrderByDescending(d => d.ModifiedUtc).ThenByDescending(d => d.Id).Take(100)
            .Select(d => new { d.Id, d.Title, d.Section!.NameZh, d.Section.NameEn, d.State, d.PublishedUtc, d.ModifiedUtc }).ToListAsync();
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        Rows.AddRange(rows.Select(d => new Row(d.Id, d.Title, culture == "en" && d.NameEn.Length > 0 ? d.NameEn : d.NameZh, StateName(d.State, d.PublishedUtc, now),
            d.PublishedUtc is { } p && d.State == PublicationState.Published ? SiteClock.FormatDateTime(p) : "—", SiteClock.FormatDateTime(d.ModifiedUtc))));
    }

    public static string StateName(PublicationState state, DateTimeOffset? publishedUtc, DateTimeOffset now) => state switch
    {
        PublicationState.Published when publishedUtc > now => "scheduled",
        PublicationState.Published => "published",
        PublicationState.Unpublished => "unpublished",
        _ => "draft",
    };
}
