using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>User story 5: a reader who follows a dead link gets the site's own 404 page, not a bare error.</summary>
[Collection(PortalCollection.Name)]
public sealed class NotFoundPageTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    [Theory]
    [InlineData("/documents/nope")]
    [InlineData("/guides/nope")]
    [InlineData("/sections/nope")]
    [InlineData("/no/such/page")]
    public async Task UnknownAddress_ShowsThemed404Page(string path)
    {
        // The 404 of the page itself (in the console and as a response) is expected here.
        ExpectConsoleError(new Regex(@"\b404\b"));

        var response = await Page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.OrdinalIgnoreCase);
        // The themed page: the site's header, navigation and footer around the message, in the reader's language
        // (Chinese, the default).
        await Expect(Page.Locator("link[rel=stylesheet][href^='/themes/civic/site.css']")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Banner)).ToContainTextAsync("锦城市市场监督管理局");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("页面不存在");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "返回首页" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "公开栏目" })
            .GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Contentinfo)).ToBeVisibleAsync();
    }
}
