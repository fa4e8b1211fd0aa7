using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Theming;

namespace Portal.Disclosure.Public;

/// <summary>The nine sections in the main navigation, in the order staff set.</summary>
internal sealed class SectionNavigation(PortalDb db) : INavigationProvider
{
    public async Task<IReadOnlyList<NavLink>> GetLinksAsync(string culture, CancellationToken cancellationToken)
    {
        var sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        return sections.Select(s => new NavLink(s.Name(culture), $"/sections/{s.Slug}", s.Slug, s.Order)).ToList();
    }
}

/// <summary>Home page: the latest public items of each documents section.</summary>
internal sealed class LatestPerSection(PortalDb db, TimeProvider clock, TextCatalog text) : IHomeSlotProvider
{
    public async Task<IReadOnlyList<HomeSlot>> GetSlotsAsync(string culture, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sections = await db.Set<Section>().AsNoTracking().Where(s => s.ShowOnHome).OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var slots = new List<HomeSlot>();
        foreach (var section in sections)
        {
            var items = await db.Set<Document>().AsNoTracking().Where(d => d.SectionId == section.Id).PublicAt(now)
                .OrderByDescending(d => d.PublishedUtc).Take(6)
                .Select(d => new { d.Title, d.Slug, d.PublishedUtc })
                .ToListAsync(cancellationToken);
            var list = items.Select(d => new HomeSlotItem(d.Title, $"/documents/{d.Slug}", SiteClock.FormatDate(d.PublishedUtc!.Value))).ToList();
            if (section.Kind == SectionKind.ServiceGuides)
            {
                var guides = await db.Set<ServiceGuide>().AsNoTracking().PublicAt(now).OrderByDescending(g => g.PublishedUtc).Take(6)
                    .Select(g => new { g.ItemName, g.Slug, g.PromisedDays }).ToListAsync(cancellationToken);
                list = guides.Select(g => new HomeSlotItem(g.ItemName, $"/guides/{g.Slug}", "",
                    Labels.TimeLimit(text, g.PromisedDays))).ToList();
            }
            slots.Add(new HomeSlot("section-" + section.Slug, section.Name(culture), $"/sections/{section.Slug}", list, 100 + section.Order));
        }
        return slots;
    }
}
