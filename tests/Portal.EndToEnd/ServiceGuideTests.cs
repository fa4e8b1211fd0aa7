using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// User story 2: an applicant reads a service guide (办事指南): what to bring, the steps, how long it takes, and
/// downloads the blank form.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class ServiceGuideTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private const string GuideTitle = "内资有限公司设立登记";

    private static readonly string[] DownloadTypes =
    [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ];

    [Fact]
    public async Task ServiceGuide_OpenedFromGuidesSection_ShowsMaterialsStepsAndTimeLimits()
    {
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "公开栏目" })
            .GetByRole(AriaRole.Link, new() { Name = "办事指南", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/sections/guides$"));

        await Page.GetByRole(AriaRole.Link, new() { Name = GuideTitle }).First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/guides/company-establishment-registration$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(GuideTitle);

        // Materials: a table, one row per material (9 in the demo guide), the material named in a row header.
        var materials = Page.GetByRole(AriaRole.Region, new() { Name = "申请材料" }).GetByRole(AriaRole.Table);
        await Expect(materials).ToBeVisibleAsync();
        await Expect(materials.GetByRole(AriaRole.Columnheader, new() { Name = "材料名称" })).ToBeVisibleAsync();
        await Expect(materials.Locator("tbody").GetByRole(AriaRole.Row)).ToHaveCountAsync(9);
        await Expect(materials.GetByRole(AriaRole.Rowheader, new() { Name = "公司登记（备案）申请书", Exact = true })).ToBeVisibleAsync();
        await Expect(materials.GetByRole(AriaRole.Rowheader, new() { Name = "公司章程", Exact = true })).ToBeVisibleAsync();

        // Procedure: an ordered flow of six steps, in order.
        var steps = Page.GetByRole(AriaRole.List, new() { Name = "办理流程图" }).GetByRole(AriaRole.Listitem);
        await Expect(steps).ToHaveCountAsync(6);
        await Expect(steps.First).ToContainTextAsync("名称申报");
        await Expect(steps.Nth(2)).ToContainTextAsync("受理");
        await Expect(steps.Last).ToContainTextAsync("信息共享与公示");

        // Time limits: promised 1 working day, statutory 3.
        await Expect(TimeLimit("承诺时限")).ToHaveTextAsync(new Regex(@"^\s*1\s*个工作日\s*$"));
        await Expect(TimeLimit("法定时限")).ToHaveTextAsync(new Regex(@"^\s*3\s*个工作日\s*$"));
    }

    [Fact]
    public async Task ServiceGuide_FormLink_DownloadsDocxWithStatus200()
    {
        await Page.GotoAsync("/guides/company-establishment-registration");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "表格下载与填写样本" })).ToBeVisibleAsync();
        var form = Page.GetByRole(AriaRole.Link, new() { Name = "公司登记（备案）申请书（空白表）" });
        await Expect(form).ToHaveAttributeAsync("download", "");

        var href = await form.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href));
        var response = await Page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        var contentType = response.Headers.TryGetValue("content-type", out var value) ? value : "";
        Assert.Contains(DownloadTypes, t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase));
        var body = await response.BodyAsync();
        Assert.True(body.Length > 1000, $"The form is only {body.Length} bytes.");
        Assert.Equal("PK"u8.ToArray(), body[..2]); // a DOCX is a zip

        // And a reader's click really downloads it.
        var download = await Page.RunAndWaitForDownloadAsync(() => form.ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await download.FailureAsync());
    }

    [Fact]
    public async Task ServiceGuide_SampleLink_ServesPdf()
    {
        await Page.GotoAsync("/guides/company-establishment-registration");
        var sample = Page.GetByRole(AriaRole.Link, new() { Name = "公司登记（备案）申请书（填写样本）" });

        var response = await Page.APIRequest.GetAsync((await sample.GetAttributeAsync("href"))!);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/pdf", response.Headers["content-type"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("%PDF"u8.ToArray(), (await response.BodyAsync())[..4]);
    }

    /// <summary>The value (dd) beside a fact's term (dt) in the guide's key facts.</summary>
    private ILocator TimeLimit(string term) =>
        Page.GetByRole(AriaRole.Term).Filter(new() { HasText = term }).Locator("xpath=following-sibling::dd[1]");
}
