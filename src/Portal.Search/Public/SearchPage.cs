using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Core;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Search.Index;
using Portal.Search.Query;
using Portal.Theming;

namespace Portal.Search.Public;

/// <param name="Status">The status as a badge (validity of a document, a corrected or retracted statement…), or empty.</param>
/// <param name="StatusCode">The status code, for the badge's class.</param>
/// <param name="DocNumber">The document number (文号), or empty.</param>
[LiquidModel]
public sealed record SearchHitView(
    string Title, string Url, string Type, string Section, string Date, SafeHtml Snippet, bool HasSnippet, string Status, string StatusCode, string DocNumber);

[LiquidModel]
public sealed record FacetOptionView(string Label, int Count, string Url, bool Selected);

[LiquidModel]
public sealed record FacetGroupView(string Title, string Param, IReadOnlyList<FacetOptionView> Options, string? ClearUrl);

[LiquidModel]
public sealed record LinkView(string Label, string Url);

[LiquidModel]
public sealed record SearchPageView(
    string Query, int Total, string Summary, IReadOnlyList<SearchHitView> Hits, IReadOnlyList<FacetGroupView> Facets,
    bool ByDate, string RelevanceUrl, string DateUrl, string? PreviousUrl, string? NextUrl, string PageText,
    bool NothingToSearch, bool Empty, IReadOnlyList<LinkView> Suggestions, string? ClearFiltersUrl, bool Building, bool Partial,
    int Collapsed, string? AllCommentsUrl);

/// <summary>The public search page at <c>/search</c> (the header's box leads here).</summary>
public static class SearchPage
{
    private static readonly string[] Examples = ["营业执照", "收费标准", "征求意见", "行政许可", "食品经营"];

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/search", async (HttpContext http, SearchService search, SearchIndex index, FirstRequestGate firstRequest, ThemedPages pages,
            TextCatalog text, IEnumerable<INavigationProvider> navigation) =>
        {
            var request = ReadRequest(http.Request.Query);
            var building = !await WaitForBuildAsync(index, firstRequest, http.RequestAborted);
            var result = search.Search(request);
            var sections = await SectionNamesAsync(navigation, http.RequestAborted);
            var model = Build(request, result, sections, text, building);
            var title = text.Translate("Search");
            return await pages.PageAsync(http, "Search/Search", model, new PageMeta(result.Query.Length > 0 ? $"{result.Query} - {title}" : title)
            {
                ColumnName = title,
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)],
            });
        });

    internal static SearchRequest ReadRequest(IQueryCollection query) => new(
        query["q"].ToString(),
        Value(query["section"]), Value(query["type"]), Value(query["year"]), Value(query["status"]), Value(query["sort"]),
        int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? Math.Min(page, SearchRequest.MaxPage) : 1);

    /// <summary>
    /// On a fresh node the first build runs in the background; a search waits for it briefly, then answers with what
    /// there is. A search needs the index now, so it releases the updater the first answer would otherwise hold back.
    /// </summary>
    internal static async Task<bool> WaitForBuildAsync(SearchIndex index, FirstRequestGate firstRequest, CancellationToken cancellationToken)
    {
        if (index.Ready.IsCompleted)
        {
            return index.IsOpen;
        }
        firstRequest.Open();
        await Task.WhenAny(index.Ready, Task.Delay(TimeSpan.FromSeconds(3), cancellationToken));
        return index.Ready.IsCompleted && index.IsOpen;
    }

    internal static async Task<Dictionary<string, string>> SectionNamesAsync(IEnumerable<INavigationProvider> navigation, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var provider in navigation)
        {
            foreach (var link in await provider.GetLinksAsync(CultureInfo.CurrentUICulture.Name, cancellationToken))
            {
                names.TryAdd(link.Slug, link.Title);
            }
        }
        return names;
    }

    private static string? Value(Microsoft.Extensions.Primitives.StringValues value)
    {
        var text = value.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    private static SearchPageView Build(SearchRequest request, SearchResult result, Dictionary<string, string> sections, TextCatalog text, bool building)
    {
        string Url(SearchRequest r) => "/search?" + string.Join('&', new[]
            {
                ("q", r.Query), ("section", r.Section), ("type", r.Type), ("year", r.Year), ("status", r.Status),
                ("sort", r.ByDate ? "date" : null), ("page", r.Page > 1 ? r.Page.ToString(CultureInfo.InvariantCulture) : null),
            }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1 + "=" + Uri.EscapeDataString(UserQuery.Clean(p.Item2))));
        var current = request with { Query = result.Query, Page = 1 };
        string SectionName(string slug) => sections.TryGetValue(slug, out var name) ? name : slug;

        var hits = result.Items.Select(i => new SearchHitView(
            i.Title, i.Url, SearchLabels.Type(text, i.Type), i.Section is null ? "" : SectionName(i.Section),
            SiteClock.FormatDate(i.DateUtc), new SafeHtml(i.SnippetHtml), i.SnippetHtml.Length > 0,
            SearchLabels.Badge(i.Status) ? SearchLabels.Status(text, i.Status!, i.Type) : "", i.Status ?? "", i.DocumentNumber ?? "")).ToList();

        FacetGroupView Group(string title, string param, string dimension, string? selected, Func<string, string> label, Func<SearchRequest, string?, SearchRequest> with)
        {
            var options = result.Facets.TryGetValue(dimension, out var values) ? values : [];
            return new FacetGroupView(title, param,
                options.Select(v => new FacetOptionView(label(v.Value), v.Count, Url(with(current, v.Value == selected ? null : v.Value)), v.Value == selected)).ToList(),
                selected is null ? null : Url(with(current, null)));
        }
        var facets = new List<FacetGroupView>
        {
            Group(text.Translate("Content type"), "type", ItemDocument.Type, request.Type, v => SearchLabels.Type(text, v), (r, v) => r with { Type = v }),
            Group(text.Translate("Section"), "section", ItemDocument.Section, request.Section, SectionName, (r, v) => r with { Section = v }),
            Group(text.Translate("Year"), "year", ItemDocument.Year, request.Year, v => v, (r, v) => r with { Year = v }),
            Group(text.Translate("Current status"), "status", ItemDocument.Status, request.Status, v => SearchLabels.Status(text, v), (r, v) => r with { Status = v }),
        }.Where(g => g.Options.Count > 0).ToList();

        var pages = Math.Max(1, Math.Min(SearchRequest.MaxPage, (result.Total + SearchRequest.PageSize - 1) / SearchRequest.PageSize));
        var at = current with { Sort = request.ByDate ? "date" : null };
        var suggestions = new List<LinkView>();
        if (result.Total == 0)
        {
            var words = UserQuery.Split(result.Query).Select(p => p.Part.Trim()).Where(p => p.Length > 0).Distinct().ToList();
            if (words.Count > 1)
            {
                suggestions.AddRange(words.Take(4).Select(w => new LinkView(w, Url(new SearchRequest(w)))));
            }
            suggestions.AddRange(Examples.Where(e => !words.Contains(e)).Select(e => new LinkView(e, Url(new SearchRequest(e)))));
        }
        var summary = result.NothingToSearch ? "" : string.Format(CultureInfo.CurrentCulture,
            text.Translate(result.Query.Length > 0 ? "{0} results for “{1}”" : "{0} results"), result.Total, result.Query);
        return new SearchPageView(
            result.Query, result.Total, summary, hits, facets, request.ByDate,
            Url(at with { Sort = null }), Url(at with { Sort = "date" }),
            result.Page > 1 ? Url(at with { Page = result.Page - 1 }) : null,
            result.Page < pages ? Url(at with { Page = result.Page + 1 }) : null,
            string.Format(CultureInfo.CurrentCulture, text.Translate("Page {0} of {1}"), result.Page, pages),
            result.NothingToSearch, !result.NothingToSearch && result.Total == 0, suggestions,
            request.HasFilter ? Url(new SearchRequest(result.Query, Sort: request.Sort)) : null, building, result.Partial,
            result.Collapsed, result.Collapsed > 0 ? Url(at with { Type = "comment" }) : null);
    }
}
