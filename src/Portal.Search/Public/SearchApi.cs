using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Core;
using Portal.Core.Localization;
using Portal.Search.Index;
using Portal.Search.Query;
using Portal.Theming;

namespace Portal.Search.Public;

/// <summary>
/// <c>GET /api/v1/search</c>: the same search as the page, as JSON. Snippets are HTML-encoded text with &lt;mark&gt; around
/// matches; <c>building</c> is true while a fresh node's first index build is still running (the answer may be incomplete);
/// <c>partial</c> is true when nothing matched the query as typed and the items match it in part; <c>collapsed</c> counts
/// the comments left out because their consultation already has a few listed (all are listed with <c>type=comment</c>).
/// A facet value's <c>count</c> is the <c>total</c> of the same search with that value chosen, collapsing included.
/// </summary>
public static class SearchApi
{
    public sealed record ItemDto(string Title, string Url, string Type, string? Section, string? Status, DateTimeOffset Date, string Snippet, string? DocNumber);

    public sealed record FacetDto(string Value, string Label, int Count);

    public sealed record ResultDto(string Query, int Total, int Page, int PageSize, IReadOnlyList<ItemDto> Items, IReadOnlyDictionary<string, IReadOnlyList<FacetDto>> Facets, bool Building, bool Partial, int Collapsed);

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/search", async (HttpContext http, SearchService search, SearchIndex index, FirstRequestGate firstRequest, TextCatalog text, IEnumerable<INavigationProvider> navigation,
                string? q, string? section, string? type, string? year, string? status, string? sort, string? page) =>
            {
                var request = SearchPage.ReadRequest(http.Request.Query);
                var building = !await SearchPage.WaitForBuildAsync(index, firstRequest, http.RequestAborted);
                var result = search.Search(request);
                var sections = await SearchPage.SectionNamesAsync(navigation, http.RequestAborted);
                string Label(string dimension, string value) => dimension switch
                {
                    ItemDocument.Type => SearchLabels.Type(text, value),
                    ItemDocument.Status => SearchLabels.Status(text, value),
                    ItemDocument.Section => sections.GetValueOrDefault(value, value),
                    _ => value,
                };
                return TypedResults.Ok(new ResultDto(
                    result.Query, result.Total, result.Page, SearchRequest.PageSize,
                    result.Items.Select(i => new ItemDto(i.Title, i.Url, i.Type, i.Section, i.Status, i.DateUtc, i.SnippetHtml, i.DocumentNumber)).ToList(),
                    result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetDto>)f.Value.Select(v => new FacetDto(v.Value, Label(f.Key, v.Value), v.Count)).ToList()), building,
                    result.Partial, result.Collapsed));
            })
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Full-text search over everything public (Chinese and English); filters with counts; 10 items a page.");
}
