using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Content;
using Portal.Search.Index;
using Portal.Search.Query;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>The analyzer, the query and the highlighter against a real index on disk, without a site.</summary>
public sealed class SearchQueryTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly SearchIndex index;
    private readonly SearchService search;

    public SearchQueryTests()
    {
        index = new SearchIndex(new IndexLocation(TempDirectory.Create("search-unit")), NullLogger<SearchIndex>.Instance);
        index.Open();
        var generation = index.Current;
        foreach (var item in Items())
        {
            SearchIndex.Apply(generation.Writer, item.Source, item.Key, item);
        }
        index.MarkBuilt(generation, 0, Day);
        search = new SearchService(index);
    }

    private static IEnumerable<PublicItem> Items() =>
    [
        new("documents", "license", "document", "关于优化营业执照办理流程的通知", "申请人可以在政务服务中心一次办结企业登记，领取营业执照和公章。", "/documents/license", Day, "policies", "in-force"),
        new("documents", "food", "document", "食品经营许可证注销公告", "对许可有效期届满未申请延续的经营者，依法注销其食品经营许可证。", "/documents/food", Day.AddYears(-1), "licensing", "abolished"),
        new("guides", "consult", "guide", "Public consultation on market rules", "The bureau consulted businesses and citizens about the draft. Comments were answered.", "/guides/consult", Day, "guides"),
        new("documents", "drugs", "document", "药品零售企业检查结果公示", "本次共检查零售药店 120 家，发现问题 8 处。", "/documents/drugs", Day, "licensing", "in-force"),
        new("comments", "YJ-1", "comment", "对草案的意见", "建议延长亮照经营的过渡期。<script>alert(1)</script>", "/consultations/x#YJ-1", Day, "decisions", "adopted") { HasOwnPage = false },
    ];

    [Fact]
    public void Search_BeforeTheIndexIsOpen_AnswersWithNothing_InsteadOfThrowing()
    {
        using var unopened = new SearchIndex(new IndexLocation(TempDirectory.Create("search-unopened")), NullLogger<SearchIndex>.Instance);
        var result = new SearchService(unopened).Search(new SearchRequest("营业执照", Type: "document"));
        Assert.Equal(0, result.Total);
        Assert.Empty(result.Items);
        Assert.False(result.NothingToSearch);
        Assert.Equal("营业执照", result.Query);
    }

    [Theory]
    [InlineData("营业执照", "license")]
    [InlineData("执照", "license")]
    [InlineData("办理流程", "license")]
    [InlineData("食品经营", "food")]
    [InlineData("许可证", "food")]
    public void ChineseWords_OfTwoOrMoreCharacters_FindChineseText(string query, string key)
    {
        var result = search.Search(new SearchRequest(query));
        Assert.Contains(result.Items, i => i.Url.EndsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("药", "drugs")]
    [InlineData("照", "license")]
    [InlineData("执", "license")]
    [InlineData("许", "food")]
    [InlineData("ｄ", null)]
    public void OneChineseCharacter_FindsTheWordsThatContainIt(string query, string? key)
    {
        var result = search.Search(new SearchRequest(query));
        if (key is null)
        {
            Assert.Equal(0, result.Total);
            return;
        }
        Assert.Equal("/documents/" + key, result.Items[0].Url);
        Assert.DoesNotContain(result.Items, i => !i.Title.Contains(query, StringComparison.Ordinal) && !i.SnippetHtml.Contains(query, StringComparison.Ordinal));
    }

    [Fact]
    public void OneChineseCharacter_IsMarkedInTheSnippet()
    {
        var snippet = Assert.Single(search.Search(new SearchRequest("药")).Items).SnippetHtml;
        Assert.Contains("<mark>药</mark>店", snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ItemDocument.Title, "营业执照 Licenses", "营业 业执 执照 licens")]
    [InlineData(ItemDocument.Body, "药", "药")]
    [InlineData(ItemDocument.TitleChars, "营业执照 Licenses 2026", "营 业 执 照")]
    [InlineData(ItemDocument.BodyChars, "ＡＢ药店", "药 店")]
    public void Analyzer_IndexesBigramsOnTheTextFields_AndSingleHanCharactersOnTheCharacterFields(string field, string text, string expected)
    {
        using var stream = new SearchAnalyzer().GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        var tokens = new List<string>();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }
        stream.End();
        Assert.Equal(expected, string.Join(' ', tokens));
    }

    [Theory]
    [InlineData("consultations")]
    [InlineData("consulting")]
    [InlineData("CONSULTED")]
    [InlineData("answer")]
    [InlineData("rule")]
    public void EnglishWords_MatchByStem(string query)
    {
        var result = search.Search(new SearchRequest(query));
        Assert.Equal("/guides/consult", Assert.Single(result.Items).Url);
    }

    [Fact]
    public void QuotedPhrase_MatchesOnlyTheExactRun()
    {
        Assert.Equal(1, search.Search(new SearchRequest("\"citizens about the draft\"")).Total);
        Assert.Equal(0, search.Search(new SearchRequest("\"draft about citizens\"")).Total);
    }

    [Fact]
    public void TitleMatch_RanksAboveBodyMatch()
    {
        var result = search.Search(new SearchRequest("营业执照"));
        Assert.Equal("/documents/license", result.Items[0].Url);
    }

    [Fact]
    public void Facets_CountEachDimensionWithTheOtherFilters()
    {
        var all = search.Search(new SearchRequest("经营"));
        Assert.Equal(2, all.Total);
        var filtered = search.Search(new SearchRequest("经营", Type: "document"));
        Assert.Equal(1, filtered.Total);
        // The type dimension ignores its own filter, so the other types stay visible with their counts.
        Assert.Contains(filtered.Facets["type"], f => f.Value == "comment" && f.Count == 1);
        Assert.Contains(filtered.Facets["year"], f => f.Value == "2025" && f.Count == 1);
        Assert.DoesNotContain(filtered.Facets["year"], f => f.Value == "2026");
        Assert.Equal(1, search.Search(new SearchRequest("经营", Type: "document", Year: "2025")).Total);
        Assert.Equal(0, search.Search(new SearchRequest("经营", Type: "document", Year: "2026")).Total);
        Assert.Equal(0, search.Search(new SearchRequest("经营", Status: "no-such-status")).Total);
    }

    [Fact]
    public void Filter_OnAValueNoItemHolds_LeavesOutItemsWithoutThatDimension()
    {
        // The guide has no status; a status no item holds must not let it through as "no value equals no value".
        Assert.Equal(1, search.Search(new SearchRequest("consultation")).Total);
        Assert.Equal(0, search.Search(new SearchRequest("consultation", Status: "no-such-status")).Total);
        Assert.Empty(search.Search(new SearchRequest("consultation", Status: "no-such-status")).Items);
    }

    [Fact]
    public void UpdatedItem_IsFilteredAndCountedByItsNewValues()
    {
        Assert.Single(search.Search(new SearchRequest("药品", Status: "in-force")).Items);
        var generation = index.Current;
        SearchIndex.Apply(generation.Writer, "documents", "drugs", Items().Single(i => i.Key == "drugs") with { Status = "abolished" });
        generation.Manager.MaybeRefreshBlocking();
        Assert.Equal(0, search.Search(new SearchRequest("药品", Status: "in-force")).Total);
        var abolished = search.Search(new SearchRequest("药品", Status: "abolished"));
        Assert.Equal("/documents/drugs", Assert.Single(abolished.Items).Url);
        Assert.Equal([("abolished", 1)], abolished.Facets["status"].Select(f => (f.Value, f.Count)));
    }

    [Fact]
    public void SortByDate_PutsTheNewestFirst()
    {
        var result = search.Search(new SearchRequest("经营", Sort: "date"));
        Assert.Equal(Day.AddYears(-1), result.Items[^1].DateUtc);
    }

    [Fact]
    public void Snippet_IsEncodedAndMarksMatches()
    {
        var result = search.Search(new SearchRequest("过渡期"));
        var snippet = Assert.Single(result.Items).SnippetHtml;
        Assert.Contains("<mark>过渡期</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_ChoosesTheWindowWithTheMatches()
    {
        var text = new string('甲', 400) + "关键的营业执照在这里" + new string('乙', 400);
        var html = Snippets.Highlight(new SearchAnalyzer(), text, UserQuery.Parse("营业执照", new SearchAnalyzer()).Terms);
        Assert.StartsWith("…", html, StringComparison.Ordinal);
        Assert.Contains("<mark>营业执照</mark>", html, StringComparison.Ordinal);
        Assert.True(html.Length < 400);
    }

    [Theory]
    [InlineData("AND OR NOT")]
    [InlineData("the of and")]
    [InlineData("\"")]
    [InlineData("*?~^:\\/[]{}()")]
    [InlineData("\ud800 lone")]
    public void OperatorsAndNoise_NeverThrow(string query)
    {
        var result = search.Search(new SearchRequest(query));
        Assert.True(result.Total >= 0);
    }

    public void Dispose() => index.Dispose();
}
