using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>User story 3: a reader switches the site to English, and the choice sticks (cookie) as they move on.</summary>
[Collection(PortalCollection.Name)]
public sealed class LanguageSwitchTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    [Fact]
    public async Task SwitchLanguage_ToEnglish_ShowsEnglishNavAndSurvivesNavigation()
    {
        await Page.GotoAsync("/");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "网站工具" }).GetByTestId("lang-en").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(Server.BaseUrl) + "/$"));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var nav = Page.GetByRole(AriaRole.Navigation, new() { Name = "Disclosure sections" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Laws and policies", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true })).ToHaveCountAsync(0);
        var cookies = await Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "portal.lang" && c.Value.Contains("en", StringComparison.Ordinal));

        // Another page, reached by a link…
        await nav.GetByRole(AriaRole.Link, new() { Name = "Laws and policies", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/sections/policies$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Laws and policies");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // …and one typed in fresh, with nothing but the cookie to go by.
        await Page.GotoAsync("/guides/company-establishment-registration");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Disclosure sections" })
            .GetByRole(AriaRole.Link, new() { Name = "Laws and policies", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Site tools" }).GetByTestId("lang-zh-CN")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SwitchLanguage_BackToChinese_RestoresChineseNav()
    {
        await Page.GotoAsync("/lang/en?returnUrl=/sections/news");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await Page.GetByTestId("lang-zh-CN").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/sections/news$"));
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "公开栏目" })
            .GetByRole(AriaRole.Link, new() { Name = "政策法规", Exact = true })).ToBeVisibleAsync();
    }
}
