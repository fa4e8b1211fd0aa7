using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Localization;
using Portal.Core.Settings;

namespace Portal.Theming;

/// <summary>Renders a module's view inside the active theme's layout and returns it as an HTTP result.</summary>
public sealed class ThemedPages(LiquidRenderer renderer, ThemeCatalog themes, ISiteSettings settings, TextCatalog text)
{
    public async Task<IResult> PageAsync(HttpContext http, string view, object model, PageMeta meta, int statusCode = StatusCodes.Status200OK)
    {
        var html = await RenderPageAsync(http, view, model, meta);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
    }

    public async Task<string> RenderPageAsync(HttpContext http, string view, object model, PageMeta meta)
    {
        var site = await settings.GetAsync(http.RequestAborted);
        var theme = themes.Get(site.ActiveTheme);
        var culture = CultureInfo.CurrentUICulture;
        var layout = await LayoutAsync(http, site, theme, meta, culture);
        var values = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["page"] = meta,
            ["site"] = layout.Site,
            ["layout"] = layout,
        };
        values["content"] = new SafeHtml(renderer.Render(theme, view, values, culture));
        return renderer.Render(theme, "Layout", values, culture);
    }

    public string Translate(string key) => text.Translate(key);

    private async Task<LayoutModel> LayoutAsync(HttpContext http, SiteSettingsSnapshot site, ThemeInfo theme, PageMeta meta, CultureInfo culture)
    {
        var english = culture.Name == "en";
        async Task<List<NavLink>> ReadNavigationAsync()
        {
            var links = new List<NavLink>();
            foreach (var provider in http.RequestServices.GetServices<INavigationProvider>())
            {
                links.AddRange(await provider.GetLinksAsync(culture.Name, http.RequestAborted));
            }
            return links.OrderBy(n => n.Order).ToList();
        }
        var memo = http.RequestServices.GetService<Portal.Core.Content.ContentMemo>();
        var nav = memo is null ? await ReadNavigationAsync() : await memo.GetAsync("navigation:" + culture.Name, ReadNavigationAsync);
        var path = http.Request.Path + http.Request.QueryString;
        var languages = TextCatalog.SupportedCultures.Select(c => new LanguageLink(
            c, c == "en" ? "English" : "中文", $"/lang/{c}?returnUrl={Uri.EscapeDataString(path)}", c == culture.Name)).ToList();
        var siteModel = new SiteModel(
            english ? site.SiteNameEn : site.SiteName,
            site.SiteIdCode,
            site.SiteDomain,
            english ? site.Get(SiteSettingKeys.OrganizerEn, site.Get(SiteSettingKeys.Organizer)) : site.Get(SiteSettingKeys.Organizer),
            english ? site.Get(SiteSettingKeys.AddressEn, site.Get(SiteSettingKeys.Address)) : site.Get(SiteSettingKeys.Address),
            site.Get(SiteSettingKeys.Phone),
            site.Get(SiteSettingKeys.Email),
            site.Get(SiteSettingKeys.IcpRecord),
            site.Get(SiteSettingKeys.PoliceRecord));
        return new LayoutModel(
            siteModel, meta, nav, theme, culture.Name, english ? "en" : "zh-CN", languages,
            http.Request.Path, DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture),
            http.Request.Query["q"].ToString(), http.User.Identity?.IsAuthenticated == true);
    }
}
