using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// User story 4: an administrator switches the public site to the care theme (关怀版: larger type) in the settings,
/// and readers get it on their next page — without a restart. The test puts the civic theme back at the end.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CareThemeTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    [Fact]
    public async Task SwitchTheme_ToCare_PublicPagesUseCareStylesheetAndLargerText()
    {
        await Page.GotoAsync("/");
        await Expect(Stylesheet("/themes/civic/site.css")).ToHaveCountAsync(1);
        await Expect(Stylesheet("/themes/care/care.css")).ToHaveCountAsync(0);
        var civicSize = await BodyFontSizeAsync(Page);

        var admin = await NewPageAsync(Context);
        await Staff.SignInAsync(admin);
        try
        {
            await Staff.UseCareThemeAsync(admin);

            await Page.ReloadAsync();
            // Care builds on civic: both stylesheets, care's last so it wins.
            await Expect(Stylesheet("/themes/care/care.css")).ToHaveCountAsync(1);
            await Expect(Stylesheet("/themes/civic/site.css")).ToHaveCountAsync(1);
            await Expect(Page.Locator("body")).ToHaveClassAsync("theme-care");
            var careCss = await Page.APIRequest.GetAsync((await Stylesheet("/themes/care/care.css").GetAttributeAsync("href"))!);
            Assert.Equal(200, careCss.Status);
            var careSize = await BodyFontSizeAsync(Page);
            Output.WriteLine($"body font-size: civic {civicSize}px, care {careSize}px");
            Assert.True(careSize > civicSize, $"The care theme should enlarge the body text: civic {civicSize}px, care {careSize}px.");
        }
        finally
        {
            await Staff.UseCivicThemeAsync(admin);
        }

        await Page.ReloadAsync();
        await Expect(Stylesheet("/themes/care/care.css")).ToHaveCountAsync(0);
        Assert.Equal(civicSize, await BodyFontSizeAsync(Page));
    }

    private ILocator Stylesheet(string path) => Page.Locator($"head link[rel=stylesheet][href^='{path}']");

    internal static async Task<double> BodyFontSizeAsync(IPage page)
    {
        var size = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontSize");
        return double.Parse(size.Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }
}
