using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// A resident searches: on a phone the filters come before the results, folded until tapped, and open once one is
/// chosen; on a desktop they stay beside the results. Each result shows its status and document number.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SearchJourneyTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private static readonly string BusinessLicence = "/search?q=" + Uri.EscapeDataString("营业执照");

    [Fact]
    public async Task OnAPhone_FiltersComeBeforeTheResults_FoldedUntilTapped()
    {
        await using var phone = await Server.NewContextAsync(390, 844, mobile: true);
        var page = await NewPageAsync(phone);
        await page.GotoAsync(BusinessLicence);

        var filters = page.GetByTestId("search-filters-narrow");
        var results = page.GetByTestId("search-results");
        await Expect(filters).ToBeVisibleAsync();
        await Expect(page.Locator("aside.search-facets")).ToBeHiddenAsync();
        var filtersBox = await filters.BoundingBoxAsync();
        var resultsBox = await results.BoundingBoxAsync();
        Assert.True(filtersBox!.Y + filtersBox.Height <= resultsBox!.Y, $"filters end at {filtersBox.Y + filtersBox.Height}, results start at {resultsBox.Y}");

        var guides = filters.GetByRole(AriaRole.Region, new() { Name = "内容类型" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^办事指南") });
        await Expect(guides).ToBeHiddenAsync();
        await filters.Locator("summary").ClickAsync();
        await Expect(guides).ToBeVisibleAsync();
        await guides.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("type=guide"));
        await Expect(page.GetByTestId("search-filters-narrow")).ToHaveAttributeAsync("open", "");
        await Expect(page.GetByTestId("search-results").Locator(".doc-meta .tag").First).ToHaveTextAsync("办事指南");
    }

    [Fact]
    public async Task OnADesktop_FiltersStayBesideTheResults_AndResultsShowStatusAndNumber()
    {
        await Page.GotoAsync("/search?q=" + Uri.EscapeDataString("锦市监规(2026)5号"));
        var aside = Page.Locator("aside.search-facets");
        await Expect(aside).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("search-filters-narrow")).ToBeHiddenAsync();
        var asideBox = await aside.BoundingBoxAsync();
        var resultsBox = await Page.GetByTestId("search-results").BoundingBoxAsync();
        Assert.True(asideBox!.X >= resultsBox!.X + resultsBox.Width, "the filters are not beside the results");

        var first = Page.GetByTestId("search-results").GetByRole(AriaRole.Listitem).First;
        await Expect(first.Locator(".hit-title")).ToHaveTextAsync("锦城市市场监督管理局关于修改《锦城市企业名称自主申报管理规定》的决定");
        await Expect(first.GetByTestId("hit-doc-number")).ToHaveTextAsync("锦市监规〔2026〕5号");
        await Expect(first.GetByTestId("hit-status")).ToHaveTextAsync("现行有效");
    }
}
