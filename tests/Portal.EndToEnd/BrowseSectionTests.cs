using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// User story 1: a reader browses a disclosure section from the home page, narrows the list by year and by validity,
/// opens a document and reads its details table (索引号, 文号 …) and body; long lists are paged.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class BrowseSectionTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private const string AbolishedTitle = "锦城市市场监督管理局企业登记“一审一核”工作规范（试行）";
    private const string InForceTitle = "锦城市企业开办“一窗通办”实施办法";

    private ILocator MainNav => Page.GetByRole(AriaRole.Navigation, new() { Name = "公开栏目" });

    private ILocator Filters => Page.GetByRole(AriaRole.Group, new() { Name = "筛选" });

    private ILocator DocumentList => Page.GetByTestId("document-list");

    private ILocator DocumentItems => DocumentList.GetByRole(AriaRole.Listitem);

    [Fact]
    public async Task BrowseSection_FromHomeNav_ShowsDocumentList()
    {
        await Page.GotoAsync("/");
        await MainNav.GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/sections/policies$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("政策法规");
        await Expect(MainNav.GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(DocumentList).ToBeVisibleAsync();
        Assert.True(await DocumentItems.CountAsync() >= 5, "The policies section should list the demo documents.");
        await Expect(DocumentList.GetByRole(AriaRole.Link, new() { Name = InForceTitle })).ToBeVisibleAsync();
        await Expect(DocumentList.GetByRole(AriaRole.Link, new() { Name = AbolishedTitle })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BrowseSection_FiltersByYear_ShowsOnlyThatYear()
    {
        await Page.GotoAsync("/sections/policies");
        var all = await DocumentItems.CountAsync();
        var yearLinks = Filters.GetByRole(AriaRole.Link, new() { NameRegex = FourDigits() });
        var years = await yearLinks.AllTextContentsAsync();
        Assert.True(years.Count >= 2, $"The demo policies span at least two years; the year filter offers: {string.Join(", ", years)}");
        var oldest = years.Select(y => y.Trim()).Order(StringComparer.Ordinal).First();

        await Filters.GetByRole(AriaRole.Link, new() { Name = oldest, Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($@"/sections/policies\?year={oldest}$"));
        await Expect(Filters.GetByRole(AriaRole.Link, new() { Name = oldest, Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        var dates = await DocumentList.Locator("time").AllTextContentsAsync();
        Assert.NotEmpty(dates);
        Assert.True(dates.Count < all, $"Filtering by {oldest} should narrow the list ({dates.Count} of {all}).");
        Assert.All(dates, d => Assert.StartsWith(oldest + "-", d.Trim()));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "清除筛选" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BrowseSection_FiltersByStatus_ShowsOnlyAbolished()
    {
        await Page.GotoAsync("/sections/policies");

        await Filters.GetByRole(AriaRole.Link, new() { Name = "已废止", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/sections/policies\?status=abolished$"));
        await Expect(Filters.GetByRole(AriaRole.Link, new() { Name = "已废止", Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        var count = await DocumentItems.CountAsync();
        Assert.True(count >= 1, "The demo policies include an abolished document.");
        for (var i = 0; i < count; i++)
        {
            await Expect(DocumentItems.Nth(i)).ToContainTextAsync("已废止");
        }
        await Expect(DocumentList.GetByRole(AriaRole.Link, new() { Name = AbolishedTitle })).ToBeVisibleAsync();
        await Expect(DocumentList.GetByRole(AriaRole.Link, new() { Name = InForceTitle })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task BrowseSection_OpenDocument_ShowsDetailsTableAndBody()
    {
        await Page.GotoAsync("/sections/policies?status=abolished");

        await DocumentList.GetByRole(AriaRole.Link, new() { Name = AbolishedTitle }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/documents/one-review-one-approval-rules$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(AbolishedTitle);
        var details = Page.GetByRole(AriaRole.Table, new() { Name = "文件信息" });
        await Expect(details).ToBeVisibleAsync();
        await Expect(Row(details, "索引号")).ToContainTextAsync("11510100MB1234567X/2025-00187");
        await Expect(Row(details, "文号")).ToContainTextAsync("锦市监办发〔2025〕41号");
        await Expect(Row(details, "效力状态")).ToContainTextAsync("已废止");
        await Expect(details.GetByRole(AriaRole.Rowheader, new() { Name = "发布机构" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Note)).ToContainTextAsync("已废止");
        var article = Page.GetByRole(AriaRole.Article);
        await Expect(article).ToContainTextAsync("为减少企业登记审批环节，提高登记效率，明确岗位责任，制定本规范。");
        await Expect(article).ToContainTextAsync("第八条");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "当前位置" })).ToContainTextAsync("政策法规");
    }

    [Fact]
    public async Task BrowseSection_PagingLink_OpensNextPage()
    {
        // The demo sections hold fewer documents than a page (15); publish a few more into 工作动态 through the
        // staff API, and take them down again at the end so the other journeys see the demo content only.
        const string section = "news";
        var staffPage = await NewPageAsync(Context);
        await Staff.SignInAsync(staffPage);
        var token = await Staff.CreateApiTokenAsync(staffPage, "e2e paging");
        await staffPage.CloseAsync();

        await using var api = await Server.Playwright.APIRequest.NewContextAsync(new()
        {
            BaseURL = Server.BaseUrl,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        var listed = await api.GetAsync($"/api/v1/documents?section={section}");
        Assert.True(listed.Ok, $"GET /api/v1/documents answered {listed.Status}");
        var before = (await listed.JsonAsync())!.Value.GetProperty("total").GetInt32();
        const int pageSize = 15;
        var extra = Math.Max(0, pageSize + 2 - before);
        var created = new List<int>();
        try
        {
            for (var i = 1; i <= extra; i++)
            {
                var draft = await api.PostAsync("/api/v1/admin/documents", new()
                {
                    DataObject = new
                    {
                        sectionSlug = section,
                        title = $"端到端测试分页用稿件 {i}",
                        slug = $"e2e-paging-{Guid.NewGuid():N}",
                        issuingBody = "锦城市市场监督管理局办公室",
                        validity = 0,
                        summary = "用于检查分页的测试稿件。",
                        bodyMarkdown = $"端到端测试分页用稿件正文 {i}。",
                    },
                });
                Assert.True(draft.Status == 201, $"Creating a draft answered {draft.Status}: {await draft.TextAsync()}");
                var id = (await draft.JsonAsync())!.Value.GetProperty("id").GetInt32();
                var published = await api.PostAsync($"/api/v1/admin/documents/{id}/publish", new() { DataObject = new { } });
                Assert.True(published.Ok, $"Publishing document {id} answered {published.Status}: {await published.TextAsync()}");
                created.Add(id);
            }
            var total = before + created.Count;

            await Page.GotoAsync($"/sections/{section}");
            await Expect(DocumentItems).ToHaveCountAsync(pageSize);
            var pager = Page.GetByRole(AriaRole.Navigation, new() { Name = "分页" });
            await Expect(pager).ToBeVisibleAsync();
            var firstPageTitles = await DocumentList.GetByRole(AriaRole.Link).AllTextContentsAsync();

            await pager.GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();

            await Expect(Page).ToHaveURLAsync(new Regex($@"/sections/{section}\?page=2$"));
            await Expect(DocumentItems).ToHaveCountAsync(total - pageSize);
            await Expect(pager.Locator("[aria-current=page]")).ToHaveTextAsync("2");
            var secondPageTitles = await DocumentList.GetByRole(AriaRole.Link).AllTextContentsAsync();
            Assert.Empty(firstPageTitles.Intersect(secondPageTitles));

            await pager.GetByRole(AriaRole.Link, new() { Name = "上一页" }).ClickAsync();
            await Expect(Page).ToHaveURLAsync(new Regex($@"/sections/{section}$"));
            await Expect(DocumentItems).ToHaveCountAsync(pageSize);
        }
        finally
        {
            foreach (var id in created)
            {
                var response = await api.PostAsync($"/api/v1/admin/documents/{id}/unpublish");
                Output.WriteLine($"unpublish {id}: {response.Status}");
            }
        }
    }

    private ILocator Row(ILocator table, string header) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = header, Exact = true }) });

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex FourDigits();
}
