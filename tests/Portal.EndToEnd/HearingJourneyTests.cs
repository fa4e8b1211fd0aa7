using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// User story: a resident finds an upcoming hearing, signs up (after correcting a mistake in the form), gets a
/// registration code with a QR code and a calendar invitation, is checked in by staff by code, and finally cancels
/// with the link from the confirmation. axe finds no serious or critical violation on the pages on the way.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class HearingJourneyTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private const string Slug = "market-parking-fee-hearing";

    [Fact]
    public async Task Resident_SignsUpForAHearing_GetsCodeAndCalendar_IsCheckedIn_ThenCancels()
    {
        await Page.GotoAsync("/hearings");
        await Page.Locator($"a[href='/hearings/{Slug}']").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/hearings/{Slug}$"));
        await Expect(Page.GetByTestId("hearing-status")).ToHaveClassAsync(new Regex(@"\bstatus-open\b"));
        var seatsBefore = int.Parse((await Page.GetByTestId("seats-left").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seatsBefore > 0);
        await AssertNoBlockingViolationsAsync("hearing page");

        // A mistake in the email: the form comes back with the message and the typed values.
        ExpectConsoleError(SignUpRefused());
        var form = Page.Locator("#signup-form form");
        await form.Locator("input[name=Name]").FillAsync("端到端测试居民");
        await form.Locator("input[name=Email]").FillAsync("not-an-email");
        await form.Locator("input[name=Affiliation]").FillAsync("居民代表");
        await form.Locator("input[name=WantsToSpeak]").CheckAsync();
        await form.Locator("textarea[name=StatementSummary]").FillAsync("建议菜农直销区在周末集市同样适用。");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("form-error")).ToContainTextAsync("电子邮箱");
        await Expect(form.Locator("input[name=Name]")).ToHaveValueAsync("端到端测试居民");
        await AssertNoBlockingViolationsAsync("sign-up form with an error");

        var email = $"e2e.{Guid.NewGuid():N}@example.com";
        form = Page.Locator("#signup-form form");
        await form.Locator("input[name=Email]").FillAsync(email);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/hearings/{Slug}/registrations/TZ-[A-Z0-9-]+\\?token=[0-9a-f]+&new=1$"));
        var code = (await Page.GetByTestId("registration-code").TextContentAsync())!.Trim();
        Assert.Matches(RegistrationCode(), code);
        await Expect(Page.GetByTestId("registration-status")).ToHaveClassAsync(new Regex(@"\bstatus-confirmed\b"));
        await Expect(Page.Locator("svg.qr[role=img]")).ToBeVisibleAsync();
        Assert.Equal(code, await QrCodes.ReadAsync(Page.Locator("svg.qr[role=img]")));
        await AssertNoBlockingViolationsAsync("confirmation page");

        // The calendar invitation from the confirmation page.
        var icsHref = await Page.GetByRole(AriaRole.Link, new() { Name = "加入日历（.ics）" }).GetAttributeAsync("href");
        var ics = await Page.APIRequest.GetAsync(icsHref!);
        Assert.Equal(200, ics.Status);
        var calendar = await ics.TextAsync();
        Assert.Contains("BEGIN:VEVENT", calendar);
        Assert.Contains(code, calendar);

        // Seats left on the hearing page went down by one (the JSON the page polls says the same).
        var seats = await Page.APIRequest.GetAsync($"/hearings/{Slug}/seats.json");
        Assert.Contains($"\"seatsLeft\":{seatsBefore - 1}", await seats.TextAsync());

        // Staff find the registration by its code at check-in and mark the person as attended.
        await using var staffContext = await Server.NewContextAsync();
        staffContext.SetDefaultTimeout(15_000);
        var staff = await NewPageAsync(staffContext);
        await Staff.SignInAsync(staff);
        await staff.GotoAsync("/admin/hearings");
        await staff.GetByTestId("hearing-list").GetByRole(AriaRole.Row).Filter(new() { HasText = "农贸市场摊位费" })
            .GetByRole(AriaRole.Link, new() { Name = "报名和签到" }).ClickAsync();
        await staff.GetByTestId("checkin-search").FillAsync(code.ToLowerInvariant());
        await staff.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
        await Expect(staff.GetByTestId("registrations").Locator("tbody tr")).ToHaveCountAsync(1);
        await staff.GetByTestId($"check-in-{code}").ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync($"{code} 已签到");

        // The resident cannot come after all and cancels with the link from the confirmation.
        await Page.GetByRole(AriaRole.Link, new() { Name = "取消报名" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/hearings/{Slug}/registrations/{code}/cancel\\?token="));
        await AssertNoBlockingViolationsAsync("cancel page");
        await Page.GetByRole(AriaRole.Button, new() { Name = "确认取消报名" }).ClickAsync();
        await Expect(Page.GetByTestId("cancelled")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("registration-status")).ToHaveTextAsync("已取消");

        await Page.GotoAsync($"/hearings/{Slug}");
        await Expect(Page.GetByTestId("seats-left")).ToHaveTextAsync(seatsBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Staff call off a hearing from its notice screen, giving the reason; the resident who signed up finds the
    /// reason on their registration page (no check-in code, no cancel link any more) and on the hearing page.
    /// </summary>
    [Fact]
    public async Task Staff_CancelAHearing_AndTheResidentSeesWhy()
    {
        var slug = $"e2e-cancel-{Guid.NewGuid():N}"[..24];
        await using var staffContext = await Server.NewContextAsync();
        staffContext.SetDefaultTimeout(15_000);
        var staff = await NewPageAsync(staffContext);
        await Staff.SignInAsync(staff);
        var token = await Staff.CreateApiTokenAsync(staff, "e2e cancel");
        await using var api = await Server.Playwright.APIRequest.NewContextAsync(new()
        {
            BaseURL = Server.BaseUrl,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        var starts = DateTimeOffset.UtcNow.AddDays(9);
        var created = await api.PostAsync("/api/v1/admin/hearings", new()
        {
            DataObject = new
            {
                title = "端到端取消测试听证会", slug, matters = "听取对停车收费调整的意见。", organizer = "价格监督检查科",
                startsUtc = starts, endsUtc = starts.AddHours(2), venueName = "市民中心听证室", venueAddress = "锦江大道 166 号",
                seats = 5, speakerSlots = 0, registrationOpensUtc = DateTimeOffset.UtcNow.AddMinutes(-1), registrationClosesUtc = DateTimeOffset.UtcNow.AddDays(5),
                selection = "first_come", selectionRules = "按报名先后确定。",
            },
        });
        Assert.Equal(201, created.Status);
        var signedUp = await Page.APIRequest.PostAsync($"/api/v1/hearings/{slug}/registrations", new()
        {
            DataObject = new { name = "端到端居民", email = $"e2e.{Guid.NewGuid():N}@example.com", wantsToSpeak = false },
        });
        Assert.Equal(201, signedUp.Status);
        var statusUrl = (await signedUp.JsonAsync())!.Value.GetProperty("statusUrl").GetString()!;

        await staff.GotoAsync("/admin/hearings");
        await staff.GetByTestId("hearing-list").GetByRole(AriaRole.Row).Filter(new() { HasText = "端到端取消测试听证会" })
            .GetByRole(AriaRole.Link, new() { Name = "公告和时间" }).ClickAsync();
        await staff.GetByLabel("取消原因").FillAsync("因会场临时检修，本次听证会取消，改期后将重新发布公告。");
        await Staff.ScreenshotAsync(staff, "admin-hearing-cancel");
        await staff.GetByRole(AriaRole.Button, new() { Name = "取消听证会", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("听证会已取消");
        await Expect(staff.GetByTestId("hearing-cancelled")).ToContainTextAsync("因会场临时检修");

        await Page.GotoAsync(statusUrl);
        await Expect(Page.GetByTestId("hearing-cancelled")).ToContainTextAsync("因会场临时检修");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "取消报名" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("svg.qr")).ToHaveCountAsync(0);
        await AssertNoBlockingViolationsAsync("registration of a cancelled hearing");
        await Staff.ScreenshotAsync(Page, "hearing-registration-cancelled-hearing");

        await Page.GotoAsync($"/hearings/{slug}");
        await Expect(Page.GetByTestId("hearing-status")).ToHaveClassAsync(new Regex(@"\bstatus-cancelled\b"));
        await Expect(Page.GetByTestId("hearing-cancelled")).ToContainTextAsync("因会场临时检修");
        await Expect(Page.Locator("#signup-form")).ToHaveCountAsync(0);
        await AssertNoBlockingViolationsAsync("cancelled hearing page");
        await Staff.ScreenshotAsync(Page, "hearing-cancelled");
    }

    private async Task AssertNoBlockingViolationsAsync(string label)
    {
        var result = await Page.RunAxe();
        foreach (var v in result.Violations)
        {
            Output.WriteLine($"{label}: {v.Id} ({v.Impact}) × {v.Nodes.Length}");
        }
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count > 0)
        {
            throw new XunitException($"axe found serious/critical violations on the {label}:\n" + string.Join('\n',
                blocking.Select(v => $"- {v.Id}: {v.Help} — " + string.Join("; ", v.Nodes.Take(5).Select(n => n.Html)))));
        }
    }

    [GeneratedRegex(@"(?=.*\b422\b)(?=.*/hearings/market-parking-fee-hearing/registrations)")]
    private static partial Regex SignUpRefused();

    [GeneratedRegex("^TZ-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex RegistrationCode();
}
