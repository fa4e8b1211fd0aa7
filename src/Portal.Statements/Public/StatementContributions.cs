using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Disclosure.Public;
using Portal.Statements.Model;
using Portal.Theming;

namespace Portal.Statements.Public;

/// <summary>
/// The latest releases on the home page and in the 新闻发布 section, and the interpretations listed on the page of the
/// document or decision they explain. All of it public now only.
/// </summary>
internal sealed class StatementContributions(PortalDb db, TimeProvider clock, TextCatalog text) : IHomeSlotProvider, ISectionBlockProvider, IRelatedContentProvider
{
    public async Task<IReadOnlyList<HomeSlot>> GetSlotsAsync(string culture, CancellationToken cancellationToken)
    {
        var latest = await Latest(6).ToListAsync(cancellationToken);
        var items = latest.Select(s => new HomeSlotItem(s.Title, StatementLabels.Url(s.Slug), SiteClock.FormatDate(s.PublishUtc!.Value), StatementLabels.KindLabel(text, s.Kind))).ToList();
        return [new HomeSlot("statements", text.Translate("Latest statements"), "/statements", items, 3)];
    }

    public async Task<SectionBlock?> GetBlockAsync(SectionKind kind, string culture, CancellationToken cancellationToken)
    {
        if (kind != SectionKind.Statements)
        {
            return null;
        }
        var latest = await Latest(10).ToListAsync(cancellationToken);
        var items = latest.Select(s =>
        {
            var status = StatementLabels.PublicStatus(s);
            return new SectionBlockItem(s.Title, StatementLabels.Url(s.Slug),
                string.Format(CultureInfo.CurrentCulture, "{0} · {1}", StatementLabels.KindLabel(text, s.Kind), SiteClock.FormatDate(s.PublishUtc!.Value)),
                status == "published" ? null : StatementLabels.PublicStatusLabel(text, status), status);
        }).ToList();
        return new SectionBlock(text.Translate("Spokesperson releases"), "/statements", text.Translate("All releases"), items);
    }

    public async Task<IReadOnlyList<RelatedLink>> GetLinksAsync(string source, string key, CancellationToken cancellationToken)
    {
        if (source is not ("documents" or "consultations"))
        {
            return [];
        }
        var rows = await db.Set<Statement>().AsNoTracking().PublicAt(clock.GetUtcNow())
            .Where(s => s.Kind == StatementKind.Interpretation && s.State != StatementState.Retracted && s.RelatedSource == source && s.RelatedSlug == key)
            .OrderByDescending(s => s.PublishUtc).Select(s => new { s.Title, s.Slug, s.PublishUtc, s.Speaker }).ToListAsync(cancellationToken);
        return rows.Select(s => new RelatedLink(s.Title, StatementLabels.Url(s.Slug),
            s.Speaker.Length > 0 ? $"{s.Speaker} · {SiteClock.FormatDate(s.PublishUtc!.Value)}" : SiteClock.FormatDate(s.PublishUtc!.Value))).ToList();
    }

    private IQueryable<Statement> Latest(int count) => db.Set<Statement>().AsNoTracking().PublicAt(clock.GetUtcNow())
        .Where(s => s.State != StatementState.Retracted).OrderByDescending(s => s.PublishUtc).ThenByDescending(s => s.Id).Take(count);
}
