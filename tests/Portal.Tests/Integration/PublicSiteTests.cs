using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public sealed class PublicSiteTests(SharedSite site) : IClassFixture<SharedSite>
{
    private readonly HttpClient client = site.Client;

    [Fact]
    public async Task Home_ShowsTheNineSectionsAndGovernmentMetaTags()
    {
        var html = await client.GetStringAsync("/");
        foreach (var name in new[] { "机构概况", "政策法规", "办事指南", "行政许可与执法", "收费公示", "工作动态", "重大决策公示", "新闻发布", "投诉维权" })
        {
            Assert.Contains($">{name}</a>", html);
        }
        Assert.Contains("<meta name=\"SiteName\" content=\"锦城市市场监督管理局\">", html);
        Assert.Contains("<meta name=\"SiteIDCode\" content=\"5101000099\">", html);
        Assert.Contains("<meta name=\"ColumnName\" content=\"首页\">", html);
        Assert.Contains("data-slot=\"consultations\"", html);
        Assert.Contains("/documents/", html);
    }

    /// <summary>
    /// The 新闻发布 section and the spokesperson's releases (/statements) are two things: the home page's headings and
    /// the subscription topics name them apart, and no two headings or topics share a name.
    /// </summary>
    [Fact]
    public async Task HomeHeadingsAndSubscriptionTopics_AreEachNamedOnce()
    {
        var home = await client.GetStringAsync("/");
        var headings = System.Text.RegularExpressions.Regex.Matches(home, "<h2 id=\"[^\"]+\">([^<]+)</h2>").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("新闻发言人发布", headings);
        Assert.Contains("新闻发布", headings);
        Assert.Equal(headings.Count, headings.Distinct().Count());

        var form = await client.GetStringAsync("/subscriptions");
        var topics = System.Text.RegularExpressions.Regex.Matches(form, "<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal("新闻发布", topics["section:statements"]);
        Assert.Equal("新闻发言人发布", topics["statements"]);
        Assert.Equal(topics.Count, topics.Values.Distinct().Count());
    }

    /// <summary>
    /// 网站地图 lists the site's sections, every service guide, consultation, hearing and release but a retracted one
    /// (the same pages /sitemap.xml gives search engines), and the other public pages; the footer of every page links
    /// it, and the national platform for reporting errors on government websites, in the same tab.
    /// </summary>
    [Fact]
    public async Task SiteMap_ListsSectionsAndEveryGuideConsultationHearingAndRelease_AndTheFooterLinksIt()
    {
        var html = await client.GetStringAsync("/sitemap");
        Assert.Contains("<h1 id=\"sitemap-title\">网站地图</h1>", html);
        var sections = html.Split("class=\"site-map-sections\">")[1].Split("</ul>")[0];
        foreach (var name in new[] { "首页", "机构概况", "办事指南", "收费公示", "新闻发布", "投诉维权", "听证会" })
        {
            Assert.Contains($">{name}</a></li>", sections);
        }
        var xml = await client.GetStringAsync("/sitemap.xml");
        var pages = System.Text.RegularExpressions.Regex.Matches(xml, "<loc>http://localhost(/(?:guides|consultations|hearings|statements)/[^<]+)</loc>")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages in sitemap.xml");
        var retracted = "/statements/statement-elevator-inspection-figures";
        Assert.Contains(retracted, pages);
        foreach (var page in pages.Where(p => p != retracted))
        {
            Assert.Contains($"<li><a href=\"{page}\" lang=\"zh-CN\">", html);
        }
        Assert.DoesNotContain(retracted, html);
        Assert.Contains("<h2 id=\"sitemap-guides\"><a href=\"/sections/guides\">办事指南</a></h2>", html);
        Assert.Contains("<h2 id=\"sitemap-statements\"><a href=\"/statements\">新闻发言人发布</a></h2>", html);
        foreach (var page in new[] { "/search", "/subscriptions", "/accessibility", "/transparency/audit" })
        {
            Assert.Contains($"<a href=\"{page}\">", html.Split("id=\"sitemap-more\"")[1]);
        }

        var footer = (await client.GetStringAsync("/sections/news")).Split("<footer")[1];
        Assert.Contains("<a href=\"/sitemap\">网站地图</a>", footer);
        Assert.Contains("<a href=\"https://zfwzzc.www.gov.cn/\" hreflang=\"zh-CN\" data-testid=\"report-site-error\">我为政府网站找错</a>", footer);
        Assert.DoesNotContain("target=", footer);

        var browser = site.Factory.CreateBrowserClient();
        await browser.GetAsync("/lang/en?returnUrl=/");
        var english = await browser.GetStringAsync("/sitemap");
        Assert.Contains("<h1 id=\"sitemap-title\">Site map</h1>", english);
        Assert.Contains(">Report an error on this website</a>", english);
    }

    [Theory]
    [InlineData("about")]
    [InlineData("policies")]
    [InlineData("guides")]
    [InlineData("licensing")]
    [InlineData("fees")]
    [InlineData("news")]
    [InlineData("decisions")]
    [InlineData("statements")]
    [InlineData("complaints")]
    public async Task EverySection_HasAtLeastFiveDemoItems(string slug)
    {
        var html = await client.GetStringAsync($"/sections/{slug}");
        var documents = html.Contains("data-testid=\"document-list\"", StringComparison.Ordinal)
            ? CountOf(html.Split("data-testid=\"document-list\"")[1].Split("</ul>")[0], "href=\"/documents/")
            : 0;
        var items = documents + CountOf(html, "class=\"guide-card\"") + CountOf(html, "<tr id=\"SF-");
        Assert.True(items >= 5, $"section {slug} lists {items} items");
    }

    [Fact]
    public async Task Section_FilterByStatus_ShowsOnlyAbolishedDocuments()
    {
        var html = await client.GetStringAsync("/sections/policies?status=abolished");
        Assert.Contains("validity-abolished", html);
        Assert.DoesNotContain("validity-amended\">", html.Split("document-list")[1].Split("</ul>")[0]);
        Assert.Contains("aria-current=\"true\" class=\"selected\">已废止", html);
    }

    [Fact]
    public async Task Section_FilterByYear_KeepsOnlyThatYear()
    {
        var year = DateTime.UtcNow.Year;
        var all = await client.GetStringAsync("/sections/policies");
        var filtered = await client.GetStringAsync($"/sections/policies?year={year - 5}");
        Assert.Contains("没有符合筛选条件的文件", filtered);
        Assert.DoesNotContain("没有符合筛选条件的文件", all);
    }

    [Theory]
    [InlineData("/sections/policies?year=abc")]
    [InlineData("/sections/policies?year=99999")]
    [InlineData("/sections/policies?status=gone")]
    public async Task Section_MalformedFilter_Gives400WithAMessage(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("error-page", html);
        Assert.Contains("筛选", html);
    }

    [Fact]
    public async Task Section_OverlongQuery_Gives400()
    {
        var response = await client.GetAsync("/sections/news?topic=" + new string('x', 3000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/sections/news?page=9999")]
    [InlineData("/sections/news?page=-3")]
    [InlineData("/sections/news?page=abc")]
    public async Task Section_PageOutsideRange_IsClamped(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"document-list\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Document_ShowsIndexNumberDatesAndArticleMetaTags()
    {
        var html = await client.GetStringAsync("/documents/bureau-functions");
        Assert.Contains("索引号", html);
        Assert.Contains("11510100MB1234567X/", html);
        Assert.Matches("<meta name=\"PubDate\" content=\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\">", html);
        Assert.Contains("<meta name=\"ArticleTitle\"", html);
        Assert.Contains("<meta name=\"ColumnName\" content=\"机构概况\">", html);
    }

    [Fact]
    public async Task AbolishedDocument_StaysReadableWithAClearMark()
    {
        var list = await client.GetStringAsync("/sections/policies?status=abolished");
        var href = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/documents/[a-z0-9-]+)\"").Groups[1].Value;
        var html = await client.GetStringAsync(href);
        Assert.Contains("notice-abolished", html);
        Assert.Contains("已于", html);
    }

    [Fact]
    public async Task UnknownSlug_GivesTheThemed404Page()
    {
        foreach (var url in new[] { "/documents/no-such-thing", "/guides/nope", "/sections/nope", "/no/such/page" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("class=\"masthead\"", html);
            Assert.Contains("error-code\">404", html);
        }
    }

    [Fact]
    public async Task ServiceGuide_ListsMaterialsStepsTimeLimitsAndForms()
    {
        var html = await client.GetStringAsync("/guides/company-establishment-registration");
        Assert.Contains("申请材料", html);
        Assert.Contains("class=\"flow-step\"", html);
        Assert.Contains("承诺时限", html);
        Assert.Contains("/attachments/", html);
        Assert.Contains("填写样本", html);
    }

    /// <summary>
    /// Every fee of this guide is waived (免收, 免费): the key facts say 不收费 rather than "see below", and the fee table
    /// still gives each waived fee with its basis.
    /// </summary>
    [Fact]
    public async Task ServiceGuide_WhoseFeesAreAllWaived_IsFreeOfChargeInItsKeyFacts()
    {
        var html = await client.GetStringAsync("/guides/company-establishment-registration");
        Assert.Contains("<dt>收费</dt><dd>不收费</dd>", html);
        Assert.DoesNotContain("见下文", html);
        Assert.Contains("<p>本事项不收费。</p>", html);
        Assert.Contains("<td>免收（自2017年4月1日起停征）</td>", html);
    }

    /// <summary>
    /// The materials table becomes one card per material on phones (the stack class; its labels are for the eye), and
    /// a count of none is not shown as "原件 0": a dash, read as 0, in the table and nothing on a card.
    /// </summary>
    [Fact]
    public async Task ServiceGuide_Materials_StackOnPhonesAndShowNoZeroCounts()
    {
        var html = await client.GetStringAsync("/guides/company-establishment-registration");
        var materials = html.Split("<table class=\"data materials stack\">")[1].Split("</table>")[0];
        Assert.Contains("<tbody lang=\"zh-CN\">", materials);
        Assert.Contains("<th scope=\"row\">公司章程</th><td class=\"count\"><span class=\"cell-label\" aria-hidden=\"true\" lang=\"zh-CN\">原件：</span>1</td>"
            + "<td class=\"count zero\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">0</span></td>", materials);
        Assert.DoesNotContain(">0</td>", materials);
    }

    /// <summary>
    /// On English pages the labels are English and the guide's text stays Chinese, marked so in every section; the
    /// time limits agree with their number ("1 working day").
    /// </summary>
    [Fact]
    public async Task ServiceGuide_InEnglish_MarksTheChineseSectionsAndSaysOneWorkingDay()
    {
        var browser = site.Factory.CreateBrowserClient();
        await browser.GetAsync("/lang/en?returnUrl=/");
        var html = await browser.GetStringAsync("/guides/company-establishment-registration");
        Assert.Contains("<dd><b>1</b> working day</dd>", html);
        Assert.Contains("<dd>3 working days</dd>", html);
        Assert.Contains("<span class=\"flow-days\">1 working day</span>", html);
        Assert.DoesNotContain("1 working days", html);
        string Section(string id) => html.Split($"<section id=\"{id}\">")[1].Split("</section>")[0];
        Assert.Contains("<ul lang=\"zh-CN\">", Section("basis"));
        Assert.Contains("<ul lang=\"zh-CN\">", Section("conditions"));
        Assert.Contains("<tbody lang=\"zh-CN\">", Section("materials"));
        Assert.Contains("<span class=\"cell-label\" aria-hidden=\"true\" lang=\"en\">Originals: </span>", Section("materials"));
        Assert.Contains("<strong lang=\"zh-CN\">名称申报</strong>", Section("steps"));
        Assert.Contains("<tbody lang=\"zh-CN\">", Section("fees"));
        Assert.Contains("<dt>Where to apply</dt><dd lang=\"zh-CN\">", Section("where"));
        Assert.Contains("<details class=\"faq\" lang=\"zh-CN\">", Section("faq"));
        var list = await browser.GetStringAsync("/sections/guides");
        Assert.Contains("<b>1</b> working day</span>", list);
        Assert.DoesNotContain("<b>1</b> working days", list);
    }

    [Fact]
    public async Task Attachment_IsServedWithItsTypeAndSafeHeaders()
    {
        var html = await client.GetStringAsync("/guides/company-establishment-registration");
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/attachments/\\d+/[^\"]+\\.pdf)\"").Groups[1].Value;
        var response = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    /// <summary>
    /// An attachment shows its type once, in the badge: "实施办法全文（PDF）" is listed as [PDF] 实施办法全文 (3 KB), and is
    /// saved under that title rather than the stored English name (filename* in UTF-8, the stored name as fallback).
    /// </summary>
    [Fact]
    public async Task Attachment_ShowsItsTypeOnce_AndDownloadsUnderItsChineseTitle()
    {
        var html = await client.GetStringAsync("/documents/one-window-enterprise-start");
        var match = System.Text.RegularExpressions.Regex.Match(html,
            "<a href=\"(/attachments/\\d+/policy-text\\.pdf)\" download><span class=\"file-type\">PDF</span><span lang=\"zh-CN\">实施办法全文</span></a> <span class=\"file-size\">\\(\\d+(\\.\\d+)? KB\\)</span>");
        Assert.True(match.Success, html.Split("class=\"attachments\"")[1].Split("</section>")[0]);
        Assert.DoesNotContain("（PDF）", html);

        var response = await client.GetAsync(match.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("实施办法全文.pdf", disposition.FileNameStar);
        Assert.Equal("policy-text.pdf", disposition.FileName?.Trim('"'));
    }

    /// <summary>On English pages the document's details that are content (title, issuer, number, topics) are marked Chinese.</summary>
    [Fact]
    public async Task Document_InEnglish_MarksItsChineseDetails()
    {
        var browser = site.Factory.CreateBrowserClient();
        await browser.GetAsync("/lang/en?returnUrl=/");
        var html = await browser.GetStringAsync("/documents/one-window-enterprise-start");
        var details = html.Split("<table class=\"doc-props\">")[1].Split("</table>")[0];
        Assert.Contains("<th scope=\"row\">Issued by</th><td lang=\"zh-CN\">锦城市市场监督管理局</td>", details);
        Assert.Contains("<th scope=\"row\">Title</th><td colspan=\"3\" lang=\"zh-CN\">锦城市企业开办“一窗通办”实施办法</td>", details);
        Assert.Matches("<th scope=\"row\">Document number</th><td lang=\"zh-CN\">锦市监", details);
        Assert.Contains("<th scope=\"row\">Topics</th><td colspan=\"3\" lang=\"zh-CN\">", details);
        Assert.Contains("Source: <span lang=\"zh-CN\">锦城市市场监督管理局</span>", html);
    }

    [Fact]
    public async Task FeeSection_ShowsTheFeeScheduleTable()
    {
        var html = await client.GetStringAsync("/sections/fees");
        Assert.Contains("class=\"data fee-table stack\"", html);
        Assert.True(CountOf(html, "<tr id=\"SF-") >= 10);
    }

    /// <summary>
    /// Each row carries its code as its id, so a link can point at /sections/fees#SF-06; the table says when it was
    /// published and last changed; and a legal basis naming a document published here links to it.
    /// </summary>
    [Fact]
    public async Task FeeSection_RowsHaveTheirCodeAsIdADateLineAndLinkedBasis()
    {
        var html = await client.GetStringAsync("/sections/fees");
        Assert.Matches("data-testid=\"fee-dates\"><span>发布日期：<time>\\d{4}-\\d{2}-\\d{2}</time></span>", html);
        var row = Row(html, "SF-06");
        Assert.StartsWith("<td class=\"fee-code\">", row);
        Assert.Contains("<a href=\"/documents/suspended-fees-announcement\">锦城市市场监督管理局关于停征和免收部分行政事业性收费的公告（锦市监公告〔2026〕6号）</a>", row);
        // A law cited by article, or a notice of another government not published here, stays text.
        Assert.DoesNotContain("<a ", Row(html, "SF-07"));
        Assert.DoesNotContain("<a ", Row(html, "SF-01"));
    }

    /// <summary>Search results, feeds and digests link a fee to its row, with the id the page gives it.</summary>
    [Fact]
    public async Task FeeItems_LinkToTheirRowOnTheFeeSchedule()
    {
        var html = await client.GetStringAsync("/sections/fees");
        using var scope = site.Factory.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IPublicContentSource>().Single(s => s.Source == "fees");
        var items = new List<PublicItem>();
        await foreach (var item in source.ListAsync(CancellationToken.None))
        {
            items.Add(item);
        }
        Assert.True(items.Count >= 10);
        foreach (var item in items)
        {
            Assert.StartsWith("/sections/fees#", item.Url);
            Assert.Contains($"<tr id=\"{item.Url.Split('#')[1]}\">", html);
            Assert.Equal(item.Url, (await source.FindAsync(item.Key, CancellationToken.None))?.Url);
        }
        Assert.Contains(items, i => i.Url == "/sections/fees#SF-01");
        Assert.Contains("href=\"http://localhost/sections/fees#SF-", await client.GetStringAsync("/feeds/sections/fees.atom"));
    }

    [Fact]
    public async Task Language_SwitchToEnglish_IsRemembered()
    {
        var browser = site.Factory.CreateBrowserClient();
        var redirect = await browser.GetAsync("/lang/en?returnUrl=/sections/news");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/sections/news", redirect.Headers.Location?.OriginalString);
        var html = await browser.GetStringAsync("/sections/news");
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains(">Laws and policies</a>", html);
        var again = await browser.GetStringAsync("/");
        Assert.Contains("Open consultations", again);
        // The content itself stays Chinese: marked so, a screen reader reads it with a Chinese voice, and the labels around it in English.
        var document = await browser.GetStringAsync("/documents/bureau-functions");
        Assert.Contains("<h1 id=\"doc-title\" lang=\"zh-CN\">", document);
        Assert.Contains("<div class=\"doc-body\" lang=\"zh-CN\">", document);
        Assert.Contains("Published: <time>", document);
        Assert.DoesNotContain("：", document.Split("<main")[1].Split("doc-body")[0]);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    [InlineData("/%0D%0ALocation:%20http://evil.example/")]
    [InlineData("/sections%00/news")]
    public async Task Language_ReturnUrlOffSiteOrNotAPath_GoesHome(string returnUrl)
    {
        var browser = site.Factory.CreateBrowserClient();
        var redirect = await browser.GetAsync("/lang/en?returnUrl=" + returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Health_ReportsTheDatabaseReachable()
    {
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_CarrySecurityHeaders()
    {
        var response = await client.GetAsync("/");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task PublicApi_ListsSectionsAndDocuments()
    {
        var sections = await client.GetStringAsync("/api/v1/sections");
        Assert.Contains("\"slug\":\"policies\"", sections);
        var documents = await client.GetStringAsync("/api/v1/documents?section=news");
        Assert.Contains("\"total\":", documents);
        var missing = await client.GetAsync("/api/v1/documents/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("营业执照")]
    [InlineData("\"unbalanced")]
    [InlineData("a")]
    [InlineData("<script>x</script>")]
    public async Task Search_AnyInput_GivesAPageNever500(string query)
    {
        var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>x</script>", html);
    }

    [Fact]
    public async Task Search_FindsDocumentsAndGuidesWithSnippets()
    {
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("营业执照"));
        Assert.Contains("class=\"search-results\"", html);
        Assert.Contains("class=\"snippet\"", html);
    }

    private static string Row(string html, string id) => html.Split($"<tr id=\"{id}\">")[1].Split("</tr>")[0];

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
