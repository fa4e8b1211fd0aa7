using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Audit.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Audit;

[LiquidModel]
public sealed record CheckpointView(string Date, long Sequence, string Hash, string Published);

[LiquidModel]
public sealed record TransparencyPage(long HeadSequence, string HeadHash, IReadOnlyList<CheckpointView> Checkpoints);

/// <summary>The public side of the audit trail: the head of the chain as published each day, as a page and as JSON.</summary>
internal static class AuditPages
{
    public sealed record CheckpointDto(DateOnly Date, long Sequence, string Hash, DateTimeOffset PublishedUtc);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/transparency/audit", async (HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text) =>
        {
            var head = await db.Set<AuditHead>().AsNoTracking().SingleAsync(h => h.Id == 1, http.RequestAborted);
            var checkpoints = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Date).Take(90).ToListAsync(http.RequestAborted);
            var title = text.Translate("Audit trail: published chain heads");
            return await pages.PageAsync(http, "Audit/Transparency",
                new TransparencyPage(head.Sequence, head.Hash,
                    checkpoints.Select(c => new CheckpointView(c.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), c.Sequence, c.Hash,
                        SiteClock.FormatDateTime(c.PublishedUtc))).ToList()),
                new PageMeta(title) { Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)] });
        }).CachePublicPage();
        endpoints.MapGet("/api/v1/audit/checkpoints", async (PortalDb db, CancellationToken ct) =>
        {
            var checkpoints = await db.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Date).Take(366).ToListAsync(ct);
            var head = await db.Set<AuditHead>().AsNoTracking().SingleAsync(h => h.Id == 1, ct);
            return Results.Ok(new
            {
                head = new { sequence = head.Sequence, hash = head.Hash },
                items = checkpoints.Select(c => new CheckpointDto(c.Date, c.Sequence, c.Hash, c.PublishedUtc)),
            });
        }).WithTags("Audit");
    }
}
