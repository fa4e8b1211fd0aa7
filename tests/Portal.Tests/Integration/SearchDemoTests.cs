using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Search.Index;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>What residents type, searched in the demo content: the public search review's queries, as a person sees them.</summary>
public sealed class SearchDemoTests(SharedSite shared) : IClassFixture<SharedSite>
{
    private async Task<JsonElement> SearchAsync(string query, string extra = "")
    {
        await shared.Factory.Services.GetRequiredService<SearchIndex>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return await shared.Client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(query) + extra);
    }

    private static List<string> Titles(JsonElement result, int count = 10) =>
        result.GetProperty("items").EnumerateArray().Take(count).Select(i => i.GetProperty("title").GetString()!).ToList();

    [Theory]
    [InlineData("药")]
    [InlineData("价")]
    [InlineData("卡")]
    [InlineData("车")]
    [InlineData("个体户")]
    [InlineData("办执照")]
    [InlineData("开公司")]
    [InlineData("注册公司")]
    [InlineData("举报电话")]
    [InlineData("停车费")]
    [InlineData("健身房跑路了怎么办")]
    public async Task EverydayQuery_FindsSomething(string query)
    {
        var result = await SearchAsync(query);
        Assert.True(result.GetProperty("total").GetInt32() > 0, $"nothing found for {query}");
    }

    [Theory]
    [InlineData("个体户", "个体工商户")]
    [InlineData("开公司", "设立登记|企业开办")]
    [InlineData("注册公司", "设立登记|企业开办")]
    [InlineData("举报电话", "投诉举报")]
    [InlineData("卡", "预付卡")]
    public async Task EverydayQuery_PutsTheOfficialTopicFirst(string query, string expected)
    {
        var first = Titles(await SearchAsync(query)).First();
        Assert.True(expected.Split('|').Any(e => first.Contains(e, StringComparison.Ordinal)), $"{query}: first result was {first}");
    }

    [Fact]
    public async Task PartialMatches_AreAnnouncedOnThePage_InChineseAndEnglish()
    {
        var result = await SearchAsync("健身房跑路了怎么办");
        Assert.True(result.GetProperty("partial").GetBoolean());
        Assert.Contains(Titles(result, 5), t => t.Contains("消费维权典型案例", StringComparison.Ordinal) || t.Contains("预付卡", StringComparison.Ordinal));

        var zh = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("健身房跑路了怎么办"));
        Assert.Contains("data-testid=\"search-partial\">没有完全匹配的结果，以下是部分匹配的结果。<", zh);
        var en = await shared.Client.GetStringAsync("/search?lang=en&q=" + Uri.EscapeDataString("健身房跑路了怎么办"));
        Assert.Contains("data-testid=\"search-partial\">No exact matches; below are partial matches.<", en);

        var exact = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("个体工商户"));
        Assert.DoesNotContain("search-partial", exact);
    }

    [Fact]
    public async Task BusinessLicence_ListsServiceGuidesOnPageOne_AndAFewCommentsPerDraft()
    {
        // Before: none of the six matching service guides on page one, and five of the ten were comments on one draft.
        var result = await SearchAsync("营业执照");
        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count(i => i.GetProperty("type").GetString() == "guide") >= 3, string.Join("\n", Titles(result)));
        var comments = items.Where(i => i.GetProperty("type").GetString() == "comment").Select(i => i.GetProperty("url").GetString()!).ToList();
        Assert.All(comments.GroupBy(u => u.Split('#')[0].Split('?')[0]), g => Assert.True(g.Count() <= 2, g.Key));
        Assert.True(comments.Count <= 2, string.Join("\n", Titles(result)));
    }

    [Fact]
    public async Task CollapsedComments_AreCounted_AndListedWithTheCommentFilter()
    {
        var result = await SearchAsync("卡");
        var collapsed = result.GetProperty("collapsed").GetInt32();
        Assert.True(collapsed > 0);
        var items = result.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("type").GetString() == "comment")
            .Select(i => i.GetProperty("url").GetString()!.Split('#')[0].Split('?')[0]).ToList();
        Assert.All(items.GroupBy(u => u), g => Assert.True(g.Count() <= 2, g.Key));
        var comments = result.GetProperty("facets").GetProperty("type").EnumerateArray().Single(f => f.GetProperty("value").GetString() == "comment").GetProperty("count").GetInt32();
        var all = await SearchAsync("卡", "&type=comment");
        Assert.Equal(comments, all.GetProperty("total").GetInt32());
        Assert.Equal(0, all.GetProperty("collapsed").GetInt32());

        var page = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("卡"));
        Assert.Contains($"另有 {collapsed} 条公众意见与搜索词相符，每份草案只列出几条。", page);
        Assert.Matches("<a href=\"/search\\?q=%E5%8D%A1&amp;type=comment\">查看全部公众意见</a>", page);
    }

    [Theory]
    [InlineData("锦市监规〔2026〕5号")]
    [InlineData("锦市监规[2026]5号")]
    [InlineData("锦市监规(2026)5号")]
    public async Task DocumentNumber_PutsItsOwnDocumentFirst(string query)
    {
        // Before, the amended regulation that quotes the number ranked above the decision that carries it.
        var first = (await SearchAsync(query)).GetProperty("items")[0];
        Assert.Equal("锦城市市场监督管理局关于修改《锦城市企业名称自主申报管理规定》的决定", first.GetProperty("title").GetString());
        Assert.Equal("锦市监规〔2026〕5号", first.GetProperty("docNumber").GetString());
    }

    [Fact]
    public async Task Results_ShowValidityRetractionAndDocumentNumber_InChineseAndEnglish()
    {
        await SearchAsync("一审一核");
        var abolished = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("一审一核"));
        Assert.Contains("<span class=\"status status-abolished\" data-testid=\"hit-status\">已废止</span>", abolished);
        Assert.Contains("data-testid=\"hit-doc-number\">锦市监办发〔2025〕41号</span>", abolished);
        Assert.Contains("<span class=\"status status-in-force\" data-testid=\"hit-status\">现行有效</span>", abolished);

        var retracted = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("电梯定期检验情况"));
        var first = retracted[retracted.IndexOf("data-testid=\"search-results\"", StringComparison.Ordinal)..];
        first = first[..first.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("关于全市电梯定期检验情况的说明", first);
        Assert.Contains("<span class=\"status status-retracted\" data-testid=\"hit-status\">已撤回</span>", first);

        var english = await shared.Client.GetStringAsync("/search?lang=en&q=" + Uri.EscapeDataString("一审一核"));
        Assert.Contains("data-testid=\"hit-status\">Abolished</span>", english);
        Assert.Contains("<span class=\"doc-number\" lang=\"zh-CN\" data-testid=\"hit-doc-number\">锦市监办发〔2025〕41号</span>", english);
    }

    [Fact]
    public async Task Filters_ComeBeforeTheResultsInThePage_FoldedUntilOneIsChosen()
    {
        await SearchAsync("营业执照");
        var html = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("营业执照"));
        var narrow = html.IndexOf("data-testid=\"search-filters-narrow\"", StringComparison.Ordinal);
        var results = html.IndexOf("data-testid=\"search-results\"", StringComparison.Ordinal);
        var pager = html.IndexOf("class=\"pager\"", StringComparison.Ordinal);
        Assert.True(narrow > 0 && narrow < results && results < pager, $"filters at {narrow}, results at {results}, pager at {pager}");
        Assert.Contains("<details class=\"search-filters-narrow\" data-testid=\"search-filters-narrow\">", html);
        // The wide screen's filters beside the results are the same links.
        Assert.True(html.IndexOf("<aside class=\"panel search-facets\"", StringComparison.Ordinal) > pager);

        var filtered = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("营业执照") + "&type=guide");
        Assert.Contains("<details class=\"search-filters-narrow\" data-testid=\"search-filters-narrow\" open>", filtered);
    }

    [Fact]
    public async Task EmptySearch_AsksForChineseWords_NotEnglish()
    {
        var zh = await shared.Client.GetStringAsync("/search");
        Assert.DoesNotContain("中英文均可", zh);
        Assert.Contains("请输入一两个中文关键词（本站内容为中文），一个字也可以；用引号括起词组可精确查找。", zh);
        var en = await shared.Client.GetStringAsync("/search?lang=en");
        Assert.DoesNotContain("in Chinese or English", en);
        Assert.Contains("Type a word or two in Chinese, the language of this site&#39;s content; one character is enough.", en);

        // English outside the glossary (EnglishGlossary) finds nothing and is asked for Chinese.
        var english = await SearchAsync("xylophone lessons");
        Assert.Equal(0, english.GetProperty("total").GetInt32());
        var nothing = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("xylophone lessons"));
        Assert.Contains("本站内容为中文，请用中文查找。", nothing);
    }

    [Fact]
    public async Task Hearings_ShowTheirOwnStatus_NotTheDraftsWording()
    {
        await SearchAsync("听证会");
        var html = await shared.Client.GetStringAsync("/search?type=hearing&q=" + Uri.EscapeDataString("听证会"));
        Assert.Contains("<span class=\"status status-registration_open\" data-testid=\"hit-status\">报名中</span>", html);
        Assert.Contains("<span class=\"status status-held\" data-testid=\"hit-status\">已举行</span>", html);
        Assert.DoesNotContain("data-testid=\"hit-status\">正在征求意见", html);
        // The status filter names the hearing-only codes instead of showing them raw.
        Assert.DoesNotContain(">held <span class=\"count\">", html);
        Assert.Contains(">已举行 <span class=\"count\">1</span>", html);
    }

    [Fact]
    public async Task StatusFilter_CountsHearingsUnderTheirOwnWording_ApartFromDrafts()
    {
        var result = await SearchAsync("预付卡");
        var status = result.GetProperty("facets").GetProperty("status").EnumerateArray()
            .ToDictionary(o => o.GetProperty("value").GetString()!, o => (Label: o.GetProperty("label").GetString(), Count: o.GetProperty("count").GetInt32()));
        Assert.Equal("报名中", status["registration_open"].Label);
        Assert.Equal("正在征求意见", status["open"].Label);

        async Task<List<string>> TypesAsync(string filter) => (await SearchAsync("预付卡", "&status=" + filter)).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("type").GetString()!).Distinct().ToList();
        Assert.Equal(["hearing"], await TypesAsync("registration_open"));
        Assert.DoesNotContain("hearing", await TypesAsync("open"));

        var zh = await shared.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("预付卡"));
        Assert.Contains($">报名中 <span class=\"count\">{status["registration_open"].Count}</span>", zh);
        Assert.Contains($">正在征求意见 <span class=\"count\">{status["open"].Count}</span>", zh);
        Assert.Contains("排序：", zh);
        Assert.DoesNotContain("排序:", zh);
        var en = await shared.Client.GetStringAsync("/search?lang=en&q=" + Uri.EscapeDataString("预付卡"));
        Assert.Contains($">Registration open <span class=\"count\">{status["registration_open"].Count}</span>", en);
        Assert.Contains("Sort by: ", en);
    }

    /// <summary>The content is Chinese in both languages; English words of the glossary also search the bureau's terms.</summary>
    [Theory]
    [InlineData("business license", "guide", "营业执照|登记")]
    [InlineData("Business Licences", "guide", "营业执照|登记")]
    [InlineData("prepaid card", null, "预付卡")]
    [InlineData("how do I make a complaint", null, "投诉举报")]
    [InlineData("hearings", "hearing", "听证")]
    [InlineData("elevator inspection fees", null, "电梯")]
    public async Task EnglishQuery_FindsTheChineseContent(string query, string? type, string expected)
    {
        var result = await SearchAsync(query);
        Assert.True(result.GetProperty("total").GetInt32() > 0, $"nothing found for {query}");
        var top = result.GetProperty("items").EnumerateArray().Take(5).ToList();
        Assert.Contains(top, i => expected.Split('|').Any(e => i.GetProperty("title").GetString()!.Contains(e, StringComparison.Ordinal)));
        if (type is not null)
        {
            Assert.Contains(top, i => i.GetProperty("type").GetString() == type);
        }
    }

    [Fact]
    public async Task EnglishQuery_OnTheEnglishPage_ListsTheLicenceGuides()
    {
        await SearchAsync("营业执照");
        var html = await shared.Client.GetStringAsync("/search?lang=en&q=business+license");
        Assert.DoesNotContain("data-testid=\"search-empty\"", html);
        var results = html.Split("data-testid=\"search-results\"")[1].Split("</ol>")[0];
        Assert.Contains("<span class=\"tag\">Service guide</span>", results);
        Assert.Contains("<mark>营业执照</mark>", results);
    }
}
