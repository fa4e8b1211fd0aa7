using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Portal.Core.Content;
using Portal.Core.Localization;
using Portal.Core.Settings;
using Portal.Core.Text;
using Portal.Theming;

namespace Portal.Web.Hosting;

/// <summary>
/// Atom feeds and the sitemap, built from every module's <see cref="IPublicContentSource"/>. They live in the host,
/// like the home page, because they belong to no single module: a feed filters the public items of all sources by
/// type, section or topic. Sources answer with what is public now, so embargoed items never appear.
/// </summary>
internal static class Feeds
{
    public const int MaxEntries = 50;
    public const int MaxSitemapUrls = 50_000;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feeds/statements.atom", (HttpContext http, TextCatalog text) =>
            FeedAsync(http, text.Translate("Spokesperson releases"), "/statements", i => i.Type == "statement" || i.Topics.Contains("statements"))).CachePublicPage();
        endpoints.MapGet("/feeds/consultations.atom", (HttpContext http, TextCatalog text) =>
            FeedAsync(http, text.Translate("Decision drafts for comment"), "/consultations", i => i.Type == "consultation")).CachePublicPage();
        endpoints.MapGet("/feeds/sections/{slug}.atom", async (string slug, HttpContext http, IEnumerable<INavigationProvider> navigation) =>
        {
            var section = (await LinksAsync(http, navigation)).FirstOrDefault(l => l.Slug == slug);
            return section is null
                ? Results.NotFound()
                : await FeedAsync(http, section.Title, section.Url, i => i.Section == slug || i.Topics.Contains("section:" + slug));
        }).CachePublicPage();
        endpoints.MapGet("/sitemap.xml", SitemapAsync).CachePublicPage();
        endpoints.MapGet("/robots.txt", (HttpContext http) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nDisallow: /api/v1/admin\n\nSitemap: {BaseUrl(http)}/sitemap.xml\n", "text/plain; charset=utf-8")).CachePublicPage();
    }

    private static async Task<IResult> FeedAsync(HttpContext http, string title, string alternate, Func<PublicItem, bool> filter)
    {
        var settings = await http.RequestServices.GetRequiredService<ISiteSettings>().GetAsync(http.RequestAborted);
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var english = CultureInfo.CurrentUICulture.Name == "en";
        var site = english ? settings.SiteNameEn : settings.SiteName;
        // Newest first, keeping only the newest MaxEntries while streaming every source.
        var newest = new PriorityQueue<PublicItem, DateTimeOffset>();
        foreach (var source in http.RequestServices.GetServices<IPublicContentSource>())
        {
            await foreach (var item in source.ListAsync(http.RequestAborted))
            {
                if (!filter(item))
                {
                    continue;
                }
                newest.Enqueue(item, item.DateUtc);
                if (newest.Count > MaxEntries)
                {
                    newest.Dequeue();
                }
            }
        }
        var items = new List<PublicItem>();
        while (newest.Count > 0)
        {
            items.Add(newest.Dequeue());
        }
        items.Reverse();
        var baseUrl = BaseUrl(http);
        var self = baseUrl + http.Request.Path;
        var updated = items.Count == 0 ? clock.GetUtcNow() : items.Max(i => i.UpdatedUtc ?? i.DateUtc);
        var feed = new XElement(Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", english ? "en" : "zh-CN"),
            new XElement(Atom + "id", self),
            new XElement(Atom + "title", $"{title} - {site}"),
            new XElement(Atom + "updated", Instant(updated)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", self)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", baseUrl + alternate)),
            new XElement(Atom + "author", new XElement(Atom + "name", site)),
            items.Select(i => new XElement(Atom + "entry",
                new XElement(Atom + "id", baseUrl + i.Url),
                new XElement(Atom + "title", PlainText.Clean(i.Title)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", baseUrl + i.Url)),
                new XElement(Atom + "published", Instant(i.DateUtc)),
                new XElement(Atom + "updated", Instant(i.UpdatedUtc ?? i.DateUtc)),
                i.Status is { Length: > 0 } status ? new XElement(Atom + "category", new XAttribute("term", status)) : null,
                new XElement(Atom + "category", new XAttribute("term", i.Type)),
                new XElement(Atom + "summary", new XAttribute("type", "text"), PlainText.Clean(Summary(i))))));
        http.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Text(Serialize(new XDocument(feed)), "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> SitemapAsync(HttpContext http, IEnumerable<INavigationProvider> navigation)
    {
        var baseUrl = BaseUrl(http);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var urls = new List<XElement>();
        void Add(string path, DateTimeOffset? modified)
        {
            if (urls.Count < MaxSitemapUrls && seen.Add(path))
            {
                urls.Add(new XElement(SitemapNs + "url", new XElement(SitemapNs + "loc", baseUrl + path),
                    modified is { } m ? new XElement(SitemapNs + "lastmod", Instant(m)) : null));
            }
        }
        Add("/", null);
        foreach (var link in await LinksAsync(http, navigation))
        {
            Add(link.Url, null);
        }
        foreach (var source in http.RequestServices.GetServices<IPublicContentSource>())
        {
            await foreach (var item in source.ListAsync(http.RequestAborted))
            {
                if (item.HasOwnPage)
                {
                    Add(item.Url.Split('#')[0], item.UpdatedUtc ?? item.DateUtc);
                }
            }
        }
        return Results.Text(Serialize(new XDocument(new XElement(SitemapNs + "urlset", urls))), "application/xml; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<List<NavLink>> LinksAsync(HttpContext http, IEnumerable<INavigationProvider> navigation)
    {
        var links = new List<NavLink>();
        foreach (var provider in navigation)
        {
            links.AddRange(await provider.GetLinksAsync(CultureInfo.CurrentUICulture.Name, http.RequestAborted));
        }
        return links;
    }

    private static string Summary(PublicItem item)
    {
        var text = item.Summary is { Length: > 0 } s ? s : item.Body;
        return text.Length <= 400 ? text : string.Concat(text.AsSpan(0, 400), "…");
    }

    private static string Instant(DateTimeOffset utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static string Serialize(XDocument document)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = false, OmitXmlDeclaration = true }))
        {
            document.Save(writer);
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + builder;
    }
}
