using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Content;
using Portal.Search.Index;
using Portal.Search.Query;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>Which results come first: the type and status weights, and a consultation's comments collapsed to a few.</summary>
public sealed class SearchRankingTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly SearchIndex index;
    private readonly SearchService search;

    public SearchRankingTests()
    {
        index = new SearchIndex(new IndexLocation(TempDirectory.Create("search-ranking")), NullLogger<SearchIndex>.Instance);
        index.Open();
        var generation = index.Current;
        foreach (var item in Items())
        {
            SearchIndex.Apply(generation.Writer, item.Source, item.Key, item);
        }
        index.MarkBuilt(generation, 0, Day);
        search = new SearchService(index);
    }

    private static PublicItem Comment(string consultation, int n) =>
        new("comments", $"YJ-{consultation}-{n}", "comment", $"关于亮照经营的规定（征求意见稿） · YJ-{consultation}-{n}",
            "营业执照挂在门口，营业执照要醒目，营业执照不能遮挡。", $"/consultations/{consultation}#YJ-{n}", Day.AddMinutes(n), "decisions")
        {
            HasOwnPage = false,
            PartOf = "consultations/" + consultation,
        };

    private static IEnumerable<PublicItem> Items()
    {
        const string body = "申请人领取营业执照。";
        yield return new("guides", "guide", "guide", "内资有限公司设立登记", body, "/guides/guide", Day);
        yield return new("documents", "current", "document", "企业登记须知", body, "/documents/current", Day, "policies", "in-force");
        yield return new("documents", "abolished", "document", "企业登记须知（旧）", body, "/documents/abolished", Day, "policies", "abolished");
        yield return new("statements", "statement", "statement", "新闻发布会实录", body, "/statements/statement", Day, "statements", "published");
        yield return new("consultations", "display", "consultation", "关于亮照经营的规定（征求意见稿）", body, "/consultations/display", Day, "decisions", "open");
        for (var n = 1; n <= 5; n++)
        {
            yield return Comment("display", n);
        }
        for (var n = 1; n <= 3; n++)
        {
            yield return Comment("other", n);
        }
        // One document carries 锦市监规〔2026〕5号; another quotes it in its title and body, again and again.
        yield return new("documents", "carrier", "document", "关于修改企业名称申报规定的决定", "决定修改第六条。", "/documents/carrier", Day.AddYears(-1), "policies", "in-force")
        {
            DocumentNumber = "锦市监规〔2026〕5号",
        };
        yield return new("documents", "quoter", "document", "企业名称申报规定（已由锦市监规〔2026〕5号修改）",
            "本规定已由锦市监规〔2026〕5号修改。锦市监规〔2026〕5号修改了第六条。请结合锦市监规〔2026〕5号阅读。", "/documents/quoter", Day, "policies", "amended")
        {
            DocumentNumber = "锦市监规〔2025〕6号",
        };
        // For paging: eight documents and three consultations of three comments each about 公章.
        for (var n = 1; n <= 8; n++)
        {
            yield return new("documents", $"seal-{n}", "document", $"公章刻制通知第{n}号", "公章刻制。", $"/documents/seal-{n}", Day.AddDays(-n), "policies", "in-force");
        }
        foreach (var consultation in new[] { "a", "b", "c" })
        {
            for (var n = 1; n <= 3; n++)
            {
                yield return Comment(consultation, n) with { Body = "公章刻制应当免费。" };
            }
        }
        // For facets: one document and five comments on one consultation about 电梯, three of 2025 and two of 2026,
        // odd ones adopted and even ones rejected.
        yield return new("documents", "lift", "document", "电梯维护保养规定", "电梯维护保养。", "/documents/lift", Day, "policies", "in-force");
        for (var n = 1; n <= 5; n++)
        {
            yield return Comment("lift", n) with
            {
                Body = "电梯维保费用应当公开。",
                DateUtc = n <= 3 ? Day.AddYears(-1).AddMinutes(n) : Day.AddMinutes(n),
                Status = n % 2 == 1 ? "adopted" : "rejected",
            };
        }
    }

    [Fact]
    public void GuidesAndDocuments_ComeBeforeStatementsDrafts_AndComments()
    {
        var urls = search.Search(new SearchRequest("营业执照")).Items.Select(i => i.Url).ToList();
        Assert.Equal(["/guides/guide", "/documents/current"], urls.Take(2));
        Assert.True(urls.IndexOf("/statements/statement") < urls.FindIndex(u => u.Contains('#', StringComparison.Ordinal)), string.Join(", ", urls));
        Assert.True(urls.IndexOf("/consultations/display") < urls.FindIndex(u => u.Contains('#', StringComparison.Ordinal)), string.Join(", ", urls));
    }

    [Fact]
    public void AbolishedDocument_ComesAfterTheCurrentOne_OnTheSameWords()
    {
        var urls = search.Search(new SearchRequest("营业执照", Type: "document")).Items.Select(i => i.Url).ToList();
        Assert.Equal(["/documents/current", "/documents/abolished"], urls);
    }

    [Fact]
    public void CommentsOfOneConsultation_AreCollapsedToTwo_AndCountedSo()
    {
        var result = search.Search(new SearchRequest("营业执照"));
        var comments = result.Items.Where(i => i.Type == "comment").ToList();
        Assert.Equal(2, comments.Count(c => c.Url.StartsWith("/consultations/display#", StringComparison.Ordinal)));
        Assert.Equal(2, comments.Count(c => c.Url.StartsWith("/consultations/other#", StringComparison.Ordinal)));
        Assert.Equal(5 + 2 + 2, result.Total);
        Assert.Equal(3 + 1, result.Collapsed);
        // The type filter still counts every comment, and choosing it lists them all.
        Assert.Contains(result.Facets["type"], f => f.Value == "comment" && f.Count == 8);
        var all = search.Search(new SearchRequest("营业执照", Type: "comment"));
        Assert.Equal(8, all.Total);
        Assert.Equal(8, all.Items.Count);
        Assert.Equal(0, all.Collapsed);
    }

    [Fact]
    public void FacetCounts_CountACollapsedConsultation_AsItsCommentsAreListed()
    {
        var result = search.Search(new SearchRequest("电梯"));
        Assert.Equal(1 + 2, result.Total);
        Assert.Equal(3, result.Collapsed);
        Assert.Equal([("2026", 1 + 2), ("2025", 2)], Counts(result, "year"));
        Assert.Equal([("adopted", 2), ("rejected", 2), ("in-force", 1)], Counts(result, "status"));
        Assert.Equal([("decisions", 2), ("policies", 1)], Counts(result, "section"));
        // Choosing the comment type lists every comment, so that count is of every comment.
        Assert.Equal([("comment", 5), ("document", 1)], Counts(result, "type"));

        var of2025 = search.Search(new SearchRequest("电梯", Year: "2025"));
        Assert.Equal(2, of2025.Total);
        Assert.Equal([("2026", 3), ("2025", 2)], Counts(of2025, "year"));
        Assert.Equal([("adopted", 2), ("rejected", 1)], Counts(of2025, "status"));
        Assert.Equal([("comment", 3)], Counts(of2025, "type"));
    }

    [Theory]
    [InlineData("电梯", null, null, null)]
    [InlineData("电梯", "2025", null, null)]
    [InlineData("电梯", null, "adopted", null)]
    [InlineData("电梯", null, null, "comment")]
    [InlineData("营业执照", null, null, null)]
    [InlineData("营业执照", "2026", null, null)]
    [InlineData("公章", null, null, null)]
    [InlineData("公章", null, null, "comment")]
    public void EveryFacetCount_IsTheTotalListedWhenItIsChosen(string query, string? year, string? status, string? type)
    {
        var request = new SearchRequest(query, Year: year, Status: status, Type: type);
        var result = search.Search(request);
        var chosen = new (string Dimension, Func<string, SearchRequest> With)[]
        {
            ("section", v => request with { Section = v }),
            ("type", v => request with { Type = v }),
            ("year", v => request with { Year = v }),
            ("status", v => request with { Status = v }),
        };
        Assert.NotEmpty(result.Facets["year"]);
        foreach (var (dimension, with) in chosen)
        {
            foreach (var facet in result.Facets[dimension])
            {
                Assert.True(facet.Count == search.Search(with(facet.Value)).Total, $"{dimension} {facet.Value}: {facet.Count}");
            }
        }
    }

    private static List<(string, int)> Counts(SearchResult result, string dimension) =>
        result.Facets[dimension].Select(f => (f.Value, f.Count)).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData("date")]
    public void CollapsedResults_PageWithoutRepeatsOrGaps(string? sort)
    {
        var request = new SearchRequest("公章", Sort: sort);
        var first = search.Search(request);
        var second = search.Search(request with { Page = 2 });
        Assert.Equal(8 + 3 * 2, first.Total);
        Assert.Equal(3, first.Collapsed);
        Assert.Equal(10, first.Items.Count);
        Assert.Equal(4, second.Items.Count);
        var urls = first.Items.Concat(second.Items).Select(i => i.Url).ToList();
        Assert.Equal(urls.Count, urls.Distinct().Count());
        Assert.All(urls.Where(u => u.Contains('#', StringComparison.Ordinal)).GroupBy(u => u[..u.IndexOf('#', StringComparison.Ordinal)]), g => Assert.Equal(2, g.Count()));
    }

    [Theory]
    [InlineData("锦市监规〔2026〕5号")]
    [InlineData("锦市监规[2026]5号")]
    [InlineData("锦市监规(2026)5号")]
    [InlineData("锦市监规（2026）5号")]
    [InlineData("锦市监规 [2026] 5 号")]
    [InlineData("锦市监规［２０２６］５号")]
    [InlineData("\"锦市监规〔2026〕5号\"")]
    public void DocumentNumber_FindsTheDocumentThatCarriesIt_BeforeThoseQuotingIt(string query)
    {
        var result = search.Search(new SearchRequest(query));
        Assert.Equal("/documents/carrier", result.Items[0].Url);
        Assert.Equal("锦市监规〔2026〕5号", result.Items[0].DocumentNumber);
        Assert.Contains(result.Items, i => i.Url == "/documents/quoter" && i.DocumentNumber == "锦市监规〔2025〕6号");
    }

    [Theory]
    [InlineData("锦市监规〔2026〕5号", "锦市监规20265号")]
    [InlineData("锦市监规 ( 2026 ) 5 号", "锦市监规20265号")]
    [InlineData("ＪＸ〔２０２６〕１号", "jx20261号")]
    [InlineData("营业执照", null)]
    [InlineData("  ", null)]
    [InlineData("5", null)]
    public void DocumentNumbers_CompareWithoutBracketsSpacesOrWidth(string text, string? expected) =>
        Assert.Equal(expected, DocumentNumbers.Normalize(text));

    public void Dispose() => index.Dispose();
}
