using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Theming;

namespace Portal.Disclosure.Public;

[LiquidModel]
public sealed record SearchHit(string Title, string Url, string Kind, string Date, string Snippet);

[LiquidModel]
public sealed record SearchPage(string Query, int Total, IReadOnlyList<SearchHit> Hits, bool TooShort);

/// <summary>
/// The header's search box: a plain substring search over public documents and service guides. It is the
/// interim answer until the Lucene-based search module (Chinese bigrams, ranking, facets) replaces it.
/// </summary>
public static class SearchDisclosure
{
    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/search", async (HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var query = http.Request.Query["q"].ToString().Trim();
            if (query.Length > 200)
            {
                query = query[..200];
            }
            var now = clock.GetUtcNow();
            var hits = new List<SearchHit>();
            var tooShort = query.Length < 2;
            if (!tooShort)
            {
                var documents = await db.Set<Document>().AsNoTracking().PublicAt(now)
                    .Where(d => d.Title.Contains(query) || d.Summary.Contains(query) || d.BodyMarkdown.Contains(query) || (d.DocNumber != null && d.DocNumber.Contains(query)))
                    .OrderByDescending(d => d.Title.Contains(query)).ThenByDescending(d => d.PublishedUtc).Take(50)
                    .Select(d => new { d.Title, d.Slug, d.PublishedUtc, d.Summary, d.BodyMarkdown, Section = d.Section!.NameZh })
                    .ToListAsync(http.RequestAborted);
                hits.AddRange(documents.Select(d => new SearchHit(d.Title, $"/documents/{d.Slug}", d.Section, SiteClock.FormatDate(d.PublishedUtc!.Value),
                    Snippet(d.Summary.Length > 0 && d.Summary.Contains(query, StringComparison.OrdinalIgnoreCase) ? d.Summary : RichText.MarkdownToPlainText(d.BodyMarkdown, 100_000), query))));
                var guides = await db.Set<ServiceGuide>().AsNoTracking().PublicAt(now)
                    .Where(g => g.ItemName.Contains(query) || g.Summary.Contains(query))
                    .Take(20).ToListAsync(http.RequestAborted);
                hits.InsertRange(0, guides.Select(g => new SearchHit(g.ItemName, $"/guides/{g.Slug}", text.Translate("Service guides"),
                    SiteClock.FormatDate(g.PublishedUtc!.Value), Snippet(g.Summary, query))));
            }
            var title = text.Translate("Search");
            return await pages.PageAsync(http, "Disclosure/Search", new SearchPage(query, hits.Count, hits, tooShort), new PageMeta(title)
            {
                ColumnName = title,
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)],
            });
        });

    /// <summary>About 120 characters of plain text around the first match (the template encodes it).</summary>
    internal static string Snippet(string text, string query)
    {
        var at = text.IndexOf(query, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at < 0 ? 0 : at - 40);
        var length = Math.Min(120, text.Length - start);
        return (start > 0 ? "…" : "") + text.Substring(start, length) + (start + length < text.Length ? "…" : "");
    }
}
