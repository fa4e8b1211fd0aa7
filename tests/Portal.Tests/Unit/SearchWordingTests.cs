using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Content;
using Portal.Search.Index;
using Portal.Search.Query;
using Portal.Tests.Support;

namespace Portal.Tests.Unit;

/// <summary>
/// How everyday Chinese queries match: short words, question words, the citizen wording list and the looser second try,
/// against a real index on disk.
/// </summary>
public sealed class SearchWordingTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 5, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly SearchIndex index;
    private readonly SearchService search;

    public SearchWordingTests()
    {
        index = new SearchIndex(new IndexLocation(TempDirectory.Create("search-wording")), NullLogger<SearchIndex>.Instance);
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
        new("guides", "sole-trader", "guide", "个体工商户设立登记", "经营者向登记机关申请个体工商户设立登记，领取营业执照。", "/guides/sole-trader", Day),
        new("guides", "company", "guide", "内资有限公司设立登记", "申请设立有限责任公司，提交章程和股东名册。", "/guides/company", Day),
        new("documents", "hotline", "document", "12315 投诉举报渠道及受理范围", "消费者可以通过平台、热线和窗口投诉举报。", "/documents/hotline", Day),
        new("documents", "prepaid", "document", "消费提示：办理预付卡要谨慎", "有的健身房经营者“跑路”，转让后不认卡。", "/documents/prepaid", Day),
        new("documents", "drugs", "document", "药品零售企业检查结果公示", "本次共检查零售药店 120 家。", "/documents/drugs", Day),
        new("comments", "YJ-2026-000014", "comment", "对草案的意见 · YJ-2026-000014", "建议 2026 年起执行。", "/consultations/x#YJ-2026-000014", Day) { HasOwnPage = false },
        new("documents", "order", "document", "关于第5号令的说明", "第5号令自公布之日起施行。", "/documents/order", Day),
        new("documents", "seal", "document", "关于营业执照和公章一并领取的通知", "新办企业领取营业执照和公章，一次办结。", "/documents/seal", Day),
    ];

    private List<string> Found(string query) => search.Search(new SearchRequest(query)).Items.Select(i => i.Url).ToList();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(8, 5)]
    public void Required_AsksLessOfShortChineseRuns(int distinct, int required) =>
        Assert.Equal(required, UserQuery.Required(distinct));

    [Fact]
    public void CodesAndNumbers_AreNotLoosened()
    {
        // A receipt number is three tokens (yj, 2026, 000013): all are needed, in the looser query too.
        Assert.Equal(3, UserQuery.RequiredOther(3));
        Assert.Null(UserQuery.Parse("YJ-2026-000013", new SearchAnalyzer()).Looser);
        Assert.Equal(0, search.Search(new SearchRequest("YJ-2026-000013")).Total);
        Assert.Equal(1, search.Search(new SearchRequest("YJ-2026-000014")).Total);
    }

    [Fact]
    public void ThreeCharacterWord_FindsTheLongerOfficialTerm()
    {
        // 个体户 is 个体 + 体户; the documents say 个体工商户, which holds 个体 only.
        Assert.Equal("/guides/sole-trader", Found("个体户").First());
    }

    [Fact]
    public void EverydayWording_AlsoSearchesTheOfficialWording()
    {
        // 举报电话 needs two of 举报 / 报电 / 电话; the hotline document has none but 举报, and is found by 投诉举报 and 12315.
        Assert.Equal("/documents/hotline", Assert.Single(Found("举报电话")));
        Assert.Contains("/guides/company", Found("注册公司").Take(2));
        Assert.Contains("/guides/company", Found("开公司").Take(2));
        Assert.Contains("/guides/sole-trader", Found("开公司").Take(2));
        // 执照 is not replaced inside 营业执照 itself.
        Assert.DoesNotContain(CitizenWording.Rewrites("营业执照"), r => r.Contains("营业营业", StringComparison.Ordinal));
        Assert.Equal(["办营业执照"], CitizenWording.Rewrites("办执照"));
    }

    [Fact]
    public void EnglishGlossary_JoinsPhrasesBeforeWords_IgnoresPluralsAndCase_AndLeavesQuotesAndChineseAlone()
    {
        static List<(string, string)> Group(string text) =>
            EnglishGlossary.Group(UserQuery.Split(text).ToList()).Select(g => (g.Part, string.Join('|', g.Chinese))).ToList();
        Assert.Equal([("business license", "营业执照")], Group("business license"));
        Assert.Equal([("Business Licences", "营业执照")], Group("Business Licences"));
        Assert.Equal([("food business licence", "食品经营许可")], Group("food business licence"));
        Assert.Equal([("fees", "收费"), ("营业执照", "")], Group("fees 营业执照"));
        // Question words go when a glossary term remains; a quoted phrase is searched as typed.
        Assert.Equal([("complaint", "投诉举报|投诉")], Group("how do I complaint"));
        Assert.Equal([("business license", "")], Group("\"business license\""));
        Assert.Equal([("how", ""), ("do", "")], Group("how do"));
        Assert.Equal("business", EnglishGlossary.Normalize("businesses"));
        Assert.Equal("address", EnglishGlossary.Normalize("address"));
    }

    [Fact]
    public void EverydayWording_MarksTheOfficialWordsInTheSnippet()
    {
        var hit = search.Search(new SearchRequest("个体户")).Items.First();
        Assert.Contains("<mark>个体工商户</mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Question_IsSearchedByItsTopicWords()
    {
        Assert.Equal(["健身房跑路"], CitizenWording.Topics("健身房跑路了怎么办"));
        Assert.Equal(["营业执照丢", "补办"], CitizenWording.Topics("营业执照丢了怎么补办"));
        Assert.Equal(["怎么办"], CitizenWording.Topics("怎么办"));
        Assert.Equal(["药"], CitizenWording.Topics("药"));
        var result = search.Search(new SearchRequest("健身房跑路了怎么办"));
        Assert.Equal("/documents/prepaid", Assert.Single(result.Items).Url);
        Assert.False(result.Partial);
    }

    [Fact]
    public void NothingHasEveryWord_ShowsPartialMatches_AndSaysSo()
    {
        // 药企 (药品企业): no text holds the bigram, but the drug inspection's title holds both characters.
        var abbreviation = search.Search(new SearchRequest("药企"));
        Assert.True(abbreviation.Partial);
        Assert.Equal("/documents/drugs", Assert.Single(abbreviation.Items).Url);

        // Seven bigrams, five needed; the seal notice has four of them (营业 业执 执照 公章), so it is a partial match.
        var longer = search.Search(new SearchRequest("注销营业执照公章"));
        Assert.True(longer.Partial);
        Assert.Equal("/documents/seal", longer.Items[0].Url);

        var exact = search.Search(new SearchRequest("营业执照"));
        Assert.False(exact.Partial);
        Assert.True(exact.Total >= 2);
    }

    [Fact]
    public void NothingMatchesEvenLoosely_IsEmpty_NotPartial()
    {
        var result = search.Search(new SearchRequest("完全不存在的词语组合"));
        Assert.Equal(0, result.Total);
        Assert.False(result.Partial);
        Assert.Equal(0, search.Search(new SearchRequest("营业执照 zzqx")).Total);
    }

    [Fact]
    public void QuotedPhrase_IsNeitherRewrittenNorLoosened()
    {
        Assert.Equal(0, search.Search(new SearchRequest("\"个体户\"")).Total);
        var quoted = search.Search(new SearchRequest("\"药企\""));
        Assert.Equal(0, quoted.Total);
        Assert.False(quoted.Partial);
    }

    [Fact]
    public void LoneCharacterBesideANumber_MatchesInsideAWord()
    {
        // The query's 号 stands alone beside 5; in 第5号令 it forms the bigram 号令, so it is matched as a character.
        Assert.Equal("/documents/order", Assert.Single(Found("5号")));
        Assert.Equal("/documents/order", Assert.Single(Found("第5号")));
        Assert.Empty(Found("6号"));
    }

    public void Dispose() => index.Dispose();
}
