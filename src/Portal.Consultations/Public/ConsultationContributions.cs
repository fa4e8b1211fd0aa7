using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Disclosure.Public;
using Portal.Theming;

namespace Portal.Consultations.Public;

/// <summary>Open consultations on the home page, and the consultations block of the 重大决策公示 section.</summary>
internal sealed class ConsultationContributions(PortalDb db, TimeProvider clock, TextCatalog text) : IHomeSlotProvider, ISectionBlockProvider
{
    public async Task<IReadOnlyList<HomeSlot>> GetSlotsAsync(string culture, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.Set<Consultation>().AsNoTracking()
            .Where(c => c.State == ConsultationState.Published && c.OpensUtc <= now && c.ClosesUtc > now)
            .OrderBy(c => c.ClosesUtc).Take(6).ToListAsync(cancellationToken);
        var items = open.Select(c => new HomeSlotItem(c.Title, $"/consultations/{c.Slug}",
            string.Format(CultureInfo.CurrentCulture, text.Translate("until {0}"), SiteClock.FormatDate(c.ClosesUtc)),
            ConsultationPages.Remaining(c.ClosesUtc - now, text))).ToList();
        return [new HomeSlot("consultations", text.Translate("Open consultations"), "/consultations", items, 1)];
    }

    public async Task<SectionBlock?> GetBlockAsync(SectionKind kind, string culture, CancellationToken cancellationToken)
    {
        if (kind != SectionKind.Consultations)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var all = await db.Set<Consultation>().AsNoTracking().Where(c => c.State != ConsultationState.Draft)
            .OrderByDescending(c => c.OpensUtc).Take(10).ToListAsync(cancellationToken);
        var items = all.Select(c =>
        {
            var item = ConsultationPages.ListItem(c, now, text);
            return new SectionBlockItem(item.Title, item.Url,
                string.Format(CultureInfo.CurrentCulture, text.Translate("{0} to {1}, {2} comments"), SiteClock.FormatDate(c.OpensUtc), SiteClock.FormatDate(c.ClosesUtc), c.CommentCount),
                item.StatusLabel, item.Status);
        }).ToList();
        return new SectionBlock(text.Translate("Decision drafts for comment"), "/consultations", text.Translate("All consultations"), items);
    }
}
