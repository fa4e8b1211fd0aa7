using System.Globalization;
using Lucene.Net.Search;
using Portal.Search.Index;

namespace Portal.Search.Query;

public sealed record SearchRequest(string? Query, string? Section = null, string? Type = null, string? Year = null, string? Status = null, string? Sort = null, int Page = 1)
{
    public const int PageSize = 10;
    public const int MaxPage = 100;

    /// <summary>Items of one page (a consultation's comments) listed at most, unless comments are what was asked for.</summary>
    public const int ItemsOfOnePage = 2;

    /// <summary>Items of one page listed at most when <paramref name="type"/> is the type filter; 0: all of them.</summary>
    public static int ItemsOfOnePageFor(string? type) => type == "comment" ? 0 : ItemsOfOnePage;

    public bool ByDate => string.Equals(Sort, "date", StringComparison.OrdinalIgnoreCase);

    public bool HasFilter => Section is not null || Type is not null || Year is not null || Status is not null;
}

public sealed record SearchItem(
    string Title, string Url, string Type, string? Section, string? Status, DateTimeOffset DateUtc, string SnippetHtml, string? DocumentNumber = null);

public sealed record FacetValue(string Value, int Count);

/// <param name="Partial">Nothing matched the query as typed; these items match it in part (<see cref="UserQuery.Looser"/>).</param>
/// <param name="Collapsed">Matching comments not listed because their consultation already has <see cref="SearchRequest.ItemsOfOnePage"/> listed.</param>
public sealed record SearchResult(
    string Query, int Total, int Page, IReadOnlyList<SearchItem> Items, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, bool NothingToSearch,
    bool Partial = false, int Collapsed = 0);

/// <summary>Runs one search: the user's query (or every item when only filters are given), filters, facets, a page of hits with snippets.</summary>
public sealed class SearchService(SearchIndex index)
{
    private static readonly SearchAnalyzer Analyzer = new();

    public SearchResult Search(SearchRequest request)
    {
        var parsed = UserQuery.Parse(request.Query, Analyzer);
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        var empty = new Dictionary<string, IReadOnlyList<FacetValue>>();
        Lucene.Net.Search.Query? query = parsed.Query ?? (request.HasFilter || parsed.Text.Length == 0 && request.ByDate ? new MatchAllDocsQuery() : null);
        if (query is null)
        {
            return new SearchResult(parsed.Text, 0, 1, [], empty, NothingToSearch: true);
        }
        if (!index.IsOpen)
        {
            // The updater has not opened this node's index yet (just after start): an honest empty answer, not an error.
            return new SearchResult(parsed.Text, 0, 1, [], empty, NothingToSearch: false);
        }
        var filters = new[] { Clean(request.Section), Clean(request.Type), Clean(request.Year), Clean(request.Status) };
        var byDate = request.ByDate || parsed.Query is null;
        var perPage = SearchRequest.ItemsOfOnePageFor(filters[1]);
        return index.Search(searcher =>
        {
            var collector = new FacetCollector(filters, byDate, page * SearchRequest.PageSize, perPage);
            searcher.Search(query, collector);
            var partial = false;
            if (collector.Total == 0 && parsed.Looser is not null)
            {
                // Nothing has every word: show what has most of them, and say so.
                var looser = new FacetCollector(filters, byDate, page * SearchRequest.PageSize, perPage);
                searcher.Search(parsed.Looser, looser);
                if (looser.Total > 0)
                {
                    collector = looser;
                    partial = true;
                }
            }
            var hits = collector.Best().Skip((page - 1) * SearchRequest.PageSize).ToList();
            var items = hits.Select(hit =>
            {
                var document = searcher.Doc(hit.Doc);
                var ticks = document.GetField(ItemDocument.Date)?.GetInt64Value() ?? 0;
                return new SearchItem(
                    document.Get(ItemDocument.Title) ?? "",
                    document.Get(ItemDocument.Url) ?? "/",
                    document.Get(ItemDocument.Type) ?? "",
                    document.Get(ItemDocument.Section),
                    document.Get(ItemDocument.Status),
                    new DateTimeOffset(ticks, TimeSpan.Zero),
                    Snippets.Highlight(Analyzer, document.Get(ItemDocument.Body) ?? "", parsed.Terms),
                    document.Get(ItemDocument.DocumentNumber));
            }).ToList();
            var facets = new Dictionary<string, IReadOnlyList<FacetValue>>();
            var counts = collector.Counts;
            for (var d = 0; d < FacetCollector.Dimensions.Length; d++)
            {
                var dimension = FacetCollector.Dimensions[d];
                var values = counts[d].Select(kv => new FacetValue(kv.Key, kv.Value));
                facets[dimension] = (dimension == ItemDocument.Year
                    ? values.OrderByDescending(v => v.Value, StringComparer.Ordinal)
                    : values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)).ToList();
            }
            return new SearchResult(parsed.Text, collector.Total, page, items, facets, NothingToSearch: false, partial, collector.Collapsed);
        });
    }

    /// <summary>A filter value is matched exactly; anything unusable is treated as no filter.</summary>
    private static string? Clean(string? value)
    {
        var text = UserQuery.Clean(value);
        return text.Length is 0 or > 80 ? null : text;
    }

    internal static string YearOf(DateTimeOffset utc) => Portal.Core.Text.SiteClock.ToLocal(utc).Year.ToString(CultureInfo.InvariantCulture);
}
