using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Statements.Model;

namespace Portal.Statements.Areas.Admin.Pages.Statements;

[Authorize(Policy = StatementsPermissions.Draft)]
public sealed class IndexModel(PortalDb db, TimeProvider clock, TextCatalog text) : PageModel
{
    public sealed record Row(int Id, string Slug, string Title, string Kind, string StateCode, string StateLabel, string? Release, bool IsPublic, string Author, int Revisions);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var rows = await db.Set<Statement>().AsNoTracking()
            .OrderBy(s => s.State == StatementState.Published || s.State == StatementState.Retracted ? 1 : 0)
            .ThenByDescending(s => s.PublishUtc).ThenByDescending(s => s.ModifiedUtc)
            .Select(s => new { s.Id, s.Slug, s.Title, s.Kind, s.State, s.PublishUtc, s.Author, s.RevisionCount })
            .Take(500).ToListAsync(HttpContext.RequestAborted);
        foreach (var s in rows)
        {
            var isPublic = new Statement { State = s.State, PublishUtc = s.PublishUtc }.IsPublicAt(now);
            var state = s.State == StatementState.Scheduled && isPublic ? StatementState.Published : s.State;
            Rows.Add(new Row(s.Id, s.Slug, s.Title, StatementLabels.KindLabel(text, s.Kind), StatementLabels.StateCode(state), StatementLabels.StateLabel(text, state),
                s.PublishUtc is { } at ? SiteClock.FormatDateTime(at) : null, isPublic, s.Author, s.RevisionCount));
        }
    }
}
