using System.Globalization;
using Portal.Core.Content;
using Portal.Core.Localization;
using Portal.Theming;

namespace Portal.Web.Hosting;

[LiquidModel]
public sealed record SiteMapModel(IReadOnlyList<SiteMapLink> Sections, IReadOnlyList<SiteMapGroup> Groups, IReadOnlyList<SiteMapLink> More);

/// <summary>One kind of public item with a page of its own; <paramref name="Truncated"/> when the list page holds more.</summary>
[LiquidModel]
public sealed record SiteMapGroup(string Key, string Title, string Url, IReadOnlyList<SiteMapLink> Items, bool Truncated);

[LiquidModel]
public sealed record SiteMapLink(string Title, string Url);

/// <summary>
/// 网站地图: the site's sections, every service guide, consultation, hearing and spokesperson release, and the
/// other public pages. Like the home page and /sitemap.xml it lives in the host and reads the modules' navigation and
/// <see cref="IPublicContentSource"/>s, so a module switched off leaves no dead links. Documents are reached through
/// their sections (a bureau publishes thousands), comments through their consultations, fees through their table.
/// </summary>
internal static class SiteMapPage
{
    public const int MaxItemsPerGroup = 200;

    /// <summary>The sources listed item by item, with each group's heading and list page.</summary>
    private static readonly (string Source, string Title, string? ListUrl)[] Listed =
    [
        ("guides", "Service guides", null),
        ("consultations", "Decision drafts for comment", "/consultations"),
        ("hearings", "Public hearings", "/hearings"),
        ("statements", "Spokesperson releases", "/statements"),
    ];

    /// <summary>Public pages outside the navigation, shown when the module that serves them is on.</summary>
    private static readonly (string Url, string Title)[] Pages =
    [
        ("/search", "Search"),
        ("/subscriptions", "Follow by email"),
        ("/accessibility", "Accessibility statement"),
        ("/transparency/audit", "Audit trail: published chain heads"),
    ];

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/sitemap", async (HttpContext http, ThemedPages pages, TextCatalog text, IEnumerable<INavigationProvider> navigation,
            IEnumerable<IPublicContentSource> sources, EndpointDataSource routes) =>
        {
            var culture = CultureInfo.CurrentUICulture.Name;
            var nav = new List<NavLink>();
            foreach (var provider in navigation)
            {
                nav.AddRange(await provider.GetLinksAsync(culture, http.RequestAborted));
            }
            var sections = new List<SiteMapLink> { new(text.Translate("Home"), "/") };
            sections.AddRange(nav.OrderBy(n => n.Order).Select(n => new SiteMapLink(n.Title, n.Url)));

            var groups = new List<SiteMapGroup>();
            foreach (var (name, title, listUrl) in Listed)
            {
                if (sources.FirstOrDefault(s => s.Source == name) is not { } source)
                {
                    continue;
                }
                var items = new List<PublicItem>();
                await foreach (var item in source.ListAsync(http.RequestAborted))
                {
                    // A retracted release keeps its address for the record, but has nothing left to read.
                    if (item.HasOwnPage && item.Status != "retracted")
                    {
                        items.Add(item);
                    }
                }
                if (items.Count == 0)
                {
                    continue;
                }
                // Guides are looked up by name (pinyin order in Chinese); the others are news, newest first.
                var ordered = name == "guides"
                    ? items.OrderBy(i => i.Title, StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), false))
                    : items.OrderByDescending(i => i.DateUtc);
                var url = listUrl ?? nav.FirstOrDefault(n => n.Slug == items[0].Section)?.Url ?? "/";
                groups.Add(new SiteMapGroup(name, text.Translate(title), url,
                    ordered.Take(MaxItemsPerGroup).Select(i => new SiteMapLink(i.Title, i.Url)).ToList(), items.Count > MaxItemsPerGroup));
            }

            var served = routes.Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var more = Pages.Where(p => served.Contains(p.Url)).Select(p => new SiteMapLink(text.Translate(p.Title), p.Url)).ToList();

            var pageTitle = text.Translate("Site map");
            return await pages.PageAsync(http, "SiteMap", new SiteMapModel(sections, groups, more), new PageMeta(pageTitle)
            {
                ColumnName = pageTitle,
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(pageTitle, null)],
            });
        }).CachePublicPage();
}
