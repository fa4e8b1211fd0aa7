using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;
using Portal.Theming;

namespace Portal.Hearings.Public;

/// <summary>Upcoming hearings on the home page, the hearings link in the main navigation.</summary>
internal sealed class HearingContributions(PortalDb db, TimeProvider clock, TextCatalog text) : IHomeSlotProvider, INavigationProvider
{
    public async Task<IReadOnlyList<HomeSlot>> GetSlotsAsync(string culture, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var upcoming = await db.Set<Hearing>().AsNoTracking()
            .Where(h => h.State == HearingState.Published && h.EndsUtc > now)
            .OrderBy(h => h.StartsUtc).Take(6).ToListAsync(cancellationToken);
        var items = upcoming.Select(h => new HomeSlotItem(h.Title, $"/hearings/{h.Slug}", SiteClock.FormatDate(h.StartsUtc),
            h.StatusAt(now) == HearingStatus.Open && h.Selection == SelectionMethod.FirstCome
                ? string.Format(CultureInfo.CurrentCulture, text.Translate("{0} seats left"), Math.Max(0, h.Seats - h.SeatsTaken))
                : null)).ToList();
        return [new HomeSlot("hearings", text.Translate("Upcoming hearings"), "/hearings", items, 2)];
    }

    public Task<IReadOnlyList<NavLink>> GetLinksAsync(string culture, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NavLink>>([new NavLink(text.Translate("Public hearings"), "/hearings", "hearings", 75)]);
}

/// <summary>Hearings as public items for search, the sitemap and subscriptions: announcement, participants and record; never contacts.</summary>
internal sealed class HearingContentSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public string Source => "hearings";

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await foreach (var h in db.Set<Hearing>().AsNoTracking().Where(h => h.State != HearingState.Draft).OrderBy(h => h.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(h, now);
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var h = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(x => x.Slug == key && x.State != HearingState.Draft, cancellationToken);
        return h is null ? null : ToItem(h, clock.GetUtcNow());
    }

    private static PublicItem ToItem(Hearing h, DateTimeOffset now)
    {
        var body = string.Join("\n", new[]
        {
            RichText.MarkdownToPlainText(h.Matters, 4000), h.LegalBasis, $"{SiteClock.FormatDateTime(h.StartsUtc)} {h.VenueName} {h.VenueAddress}",
            h.SelectionRules, RichText.MarkdownToPlainText(h.RecordMarkdown, 20000),
            string.Join("\n", h.Statements.Select(s => $"{s.Speaker}（{s.Affiliation}）：{s.Text}")),
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new PublicItem("hearings", h.Slug, "hearing", h.Title, body, $"/hearings/{h.Slug}", h.PublishedUtc ?? h.CreatedUtc,
            Status: Labels.PublicStatus(h.StatusAt(now)))
        {
            Topics = h.ConsultationSlug is null ? ["hearings"] : ["hearings", $"consultation:{h.ConsultationSlug}"],
            Summary = $"{SiteClock.FormatDateTime(h.StartsUtc)} · {h.VenueName}",
            UpdatedUtc = h.ModifiedUtc,
        };
    }
}
