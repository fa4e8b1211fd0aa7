using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Areas.Admin.Pages.Guides;

[Authorize(Policy = DisclosurePermissions.EditContent)]
public sealed class IndexModel(PortalDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string ItemName, string Category, string State, string Published, string Modified);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var guides = await db.Set<ServiceGuide>().AsNoTracking()
            .Select(g => new { g.Id, g.ItemName, g.Category, g.State, g.PublishedUtc, g.ModifiedUtc })
            .ToListAsync();
        Rows.AddRange(guides.OrderByDescending(g => g.ModifiedUtc).ThenByDescending(g => g.Id).Select(g => new Row(
            g.Id, g.ItemName, g.Category, StateName(g.State, g.PublishedUtc, now),
            g.PublishedUtc is { } p && g.State == PublicationState.Published ? SiteClock.FormatDateTime(p) : "—",
            SiteClock.FormatDateTime(g.ModifiedUtc))));
    }

    /// <summary>A published guide dated in the future (possible from a recipe) is not public yet, so it reads as scheduled.</summary>
    public static string StateName(PublicationState state, DateTimeOffset? publishedUtc, DateTimeOffset now) => state switch
    {
        PublicationState.Published when publishedUtc > now => "scheduled",
        PublicationState.Published => "published",
        PublicationState.Unpublished => "unpublished",
        _ => "draft",
    };
}
