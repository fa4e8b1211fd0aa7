using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Portal.EndToEnd;

/// <summary>
/// User story 7: full-page screenshots of the main page types at desktop and phone widths, for people to look at
/// (tests/Portal.EndToEnd/bin/screenshots/). The test only checks that each file was written.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ScreenshotTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private static readonly (string Name, string Path)[] Pages =
    [
        ("home", "/"),
        ("section-policies", "/sections/policies"),
        ("document-bureau-functions", "/documents/bureau-functions"),
        ("guide-company-establishment-registration", "/guides/company-establishment-registration"),
        ("statement-transcript", "/statements/press-conference-prepaid-card-rules"),
        ("search-business-licence", "/search?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7"),
    ];

    [Theory]
    [InlineData("desktop", 1366, 900)]
    [InlineData("phone", 390, 844)]
    public async Task Screenshots_OfMainPages_AreWritten(string device, int width, int height)
    {
        Directory.CreateDirectory(Server.ScreenshotDirectory);
        await using var context = await Server.NewContextAsync(width, height, mobile: device == "phone");
        var page = await NewPageAsync(context);
        foreach (var (name, path) in Pages)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response?.Status);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var file = Path.Combine(Server.ScreenshotDirectory, $"{name}-{device}.png");
            File.Delete(file);

            await page.ScreenshotAsync(new() { Path = file, FullPage = true });

            var info = new FileInfo(file);
            Assert.True(info.Exists, $"{file} was not written.");
            Assert.True(info.Length > 1000, $"{file} is only {info.Length} bytes.");
            Output.WriteLine($"{file} ({info.Length / 1024} KB)");
        }
    }
}
