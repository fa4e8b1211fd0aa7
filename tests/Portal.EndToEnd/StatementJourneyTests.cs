using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// User story: the spokesperson schedules a statement a few seconds ahead; until then a citizen finds nothing at its
/// address or in the list; when the time comes it appears without anyone acting; the spokesperson corrects it and the
/// citizen sees the correction note and can still read the first version.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class StatementJourneyTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private const string SpokespersonPassword = "Spokesperson-E2e-Passw0rd";

    [Fact]
    public async Task Spokesperson_SchedulesAStatement_TimePasses_CitizenReadsIt_ThenACorrectionAppears()
    {
        var slug = "e2e-embargo-" + Guid.NewGuid().ToString("N")[..8];
        ExpectConsoleError(new Regex("404.*" + slug));

        // The administrator gives the demo spokesperson a password.
        await using var adminContext = await Server.NewContextAsync();
        var admin = await NewPageAsync(adminContext);
        await Staff.SignInAsync(admin);
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "spokesperson", Exact = true }).ClickAsync();
        await admin.GetByLabel("新密码（留空则不修改）").FillAsync(SpokespersonPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/users"));

        // The spokesperson writes the statement and schedules it a few seconds ahead.
        await using var staffContext = await Server.NewContextAsync();
        staffContext.SetDefaultTimeout(15_000);
        var staff = await NewPageAsync(staffContext);
        await staff.GotoAsync("/admin/login");
        await staff.GetByLabel("用户名").FillAsync("spokesperson");
        await staff.GetByLabel("密码").FillAsync(SpokespersonPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("/admin/?$"));

        await staff.GotoAsync("/admin/statements");
        await staff.GetByRole(AriaRole.Link, new() { Name = "新建发布" }).ClickAsync();
        await staff.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "声明" });
        await staff.GetByLabel("地址名（网址标识）").FillAsync(slug);
        await staff.GetByLabel("标题", new() { Exact = true }).FillAsync("关于冬季燃气用具抽检结果的声明");
        await staff.GetByLabel("正文（Markdown）").FillAsync("本次共抽检燃气灶具 120 批次，合格 112 批次。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("草稿已保存");

        var release = SiteTime(DateTimeOffset.UtcNow.AddSeconds(8));
        // Chromium writes "hh:mm:00" back as "hh:mm", which Playwright reports as a malformed value: avoid second 0.
        if (release.Second == 0)
        {
            release = release.AddSeconds(1);
        }
        await staff.GetByLabel("发布时间（北京时间，精确到秒）").FillAsync(release.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        await staff.GetByRole(AriaRole.Button, new() { Name = "定时发布" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("已定时");
        await Expect(staff.GetByTestId("statement-state")).ToHaveTextAsync("定时待发");

        // Before its time, the citizen finds nothing.
        var early = await Page.GotoAsync($"/statements/{slug}");
        if (SiteTime(DateTimeOffset.UtcNow) < release.AddSeconds(-1))
        {
            Assert.Equal(404, early!.Status);
            await Page.GotoAsync("/statements");
            await Expect(Page.Locator($"a[href='/statements/{slug}']")).ToHaveCountAsync(0);
        }

        // Time passes; nobody acts. The page appears at its time.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        IResponse? response;
        do
        {
            await Task.Delay(1000);
            response = await Page.GotoAsync($"/statements/{slug}");
        }
        while (response!.Status == 404 && DateTime.UtcNow < deadline);
        Assert.Equal(200, response.Status);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("关于冬季燃气用具抽检结果的声明");
        await Page.GotoAsync("/statements");
        await Expect(Page.Locator($"a[href='/statements/{slug}']")).ToHaveCountAsync(1);

        // The spokesperson corrects a figure in public.
        await staff.ReloadAsync();
        await Expect(staff.GetByTestId("statement-state")).ToHaveTextAsync("已公开");
        await staff.GetByLabel("正文（Markdown）").FillAsync("本次共抽检燃气灶具 120 批次，合格 114 批次。");
        await staff.GetByLabel("更正说明（公开，必填）").FillAsync("合格批次数有误，由 112 更正为 114。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "发布更正" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("更正已作为新版本");

        // The citizen sees the correction and can still read what was first published.
        await Page.GotoAsync($"/statements/{slug}");
        await Expect(Page.GetByTestId("correction")).ToContainTextAsync("合格批次数有误，由 112 更正为 114。");
        await Expect(Page.GetByTestId("statement")).ToContainTextAsync("合格 114 批次");
        await Page.GetByTestId("revisions-link").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "第 1 版" }).ClickAsync();
        await Expect(Page.GetByTestId("revision")).ToContainTextAsync("合格 112 批次");
        await Page.GetByRole(AriaRole.Link, new() { Name = "下一版" }).ClickAsync();
        await Expect(Page.GetByTestId("diff").Locator("ins")).ToContainTextAsync("4");
    }

    private static DateTime SiteTime(DateTimeOffset utc) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime;
}
