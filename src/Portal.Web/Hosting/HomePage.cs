using System.Globalization;
using Portal.Core.Localization;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Web.Hosting;

[LiquidModel]
public sealed record HomeModel(IReadOnlyList<HomeSlot> Sections, HomeSlot? Consultations, HomeSlot? Hearings, HomeSlot? Statements, IReadOnlyList<NavLink> Nav);

/// <summary>The home page: the latest items per section, and the slots later modules fill.</summary>
internal static class HomePage
{
    private static readonly string[] Featured = ["consultations", "hearings", "statements"];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        MapHome(endpoints);
        MapAccessibility(endpoints);
    }

    private static void MapHome(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", async (HttpContext http, ThemedPages pages, TextCatalog text, IEnumerable<IHomeSlotProvider> providers, IEnumerable<INavigationProvider> navigation) =>
        {
            var culture = CultureInfo.CurrentUICulture.Name;
            var slots = new List<HomeSlot>();
            foreach (var provider in providers)
            {
                slots.AddRange(await provider.GetSlotsAsync(culture, http.RequestAborted));
            }
            var nav = new List<NavLink>();
            foreach (var provider in navigation)
            {
                nav.AddRange(await provider.GetLinksAsync(culture, http.RequestAborted));
            }
            HomeSlot? Slot(string key) => slots.FirstOrDefault(s => s.Key == key);
            var model = new HomeModel(
                slots.Where(s => !Featured.Contains(s.Key)).OrderBy(s => s.Order).ToList(),
                Slot("consultations"), Slot("hearings"), Slot("statements"),
                // The numbered tiles are the nine disclosure sections; other navigation entries (hearings) have their own slot.
                nav.Where(n => n.Url.StartsWith("/sections/", StringComparison.Ordinal)).OrderBy(n => n.Order).ToList());
            return await pages.PageAsync(http, "Home", model, new PageMeta(text.Translate("Home")) { ColumnName = text.Translate("Home") });
        }).CachePublicPage();

    public static void MapAccessibility(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/accessibility", (HttpContext http, ThemedPages pages, TextCatalog text) =>
        {
            var title = text.Translate("Accessibility statement");
            return pages.PageAsync(http, "Accessibility", new object(), new PageMeta(title)
            {
                ColumnName = title,
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)],
            });
        }).CachePublicPage();
}
