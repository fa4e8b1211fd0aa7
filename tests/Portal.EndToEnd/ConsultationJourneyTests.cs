using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEnd;

/// <summary>
/// User story 8: a citizen comments on a decision draft and keeps the receipt; a moderator publishes the comment; a
/// decision officer answers every comment of a closed consultation, the decision is finalized, and the public page
/// shows each comment beside its answer.
/// </summary>
/// <remarks>
/// A comment period cannot be made to close while the test waits, so the journey uses two demo consultations: the
/// open one for commenting and moderating, the closed one (about 30 comments, some unanswered, one group) for answering
/// and finalizing. Finalizing cannot be undone; no other journey uses that consultation.
/// </remarks>
[Collection(PortalCollection.Name)]
public sealed partial class ConsultationJourneyTests(PortalServer server, ITestOutputHelper output) : PortalTest(server, output)
{
    private const string OpenSlug = "farmers-market-rapid-test-disclosure";
    private const string ClosedSlug = "food-stall-registration-simplification";

    [Fact]
    public async Task Citizen_Comments_ModeratorPublishes_OfficerAnswers_DecisionFinalized_CitizenFindsAnswer()
    {
        // The citizen comments on article 2 of the open draft. The fields are found by name: the public form's labels
        // are translated by the theme's catalogue, the names are the form's contract.
        const string markup = "<img src=x onerror=\"document.body.dataset.xss='img'\"><script>document.body.dataset.xss='script'</script>";
        var body = $"端到端测试意见 {Guid.NewGuid():N}：建议检测结果同时在市场入口电子屏公示，咨询电话 13812345678。{markup}";
        await Page.GotoAsync($"/consultations/{OpenSlug}");
        var form = Page.Locator("#comment-form form");
        await form.Locator("select[name=Article]").SelectOptionAsync("2");
        await form.Locator("textarea[name=Body]").FillAsync(body);
        await form.Locator("input[name=Name]").FillAsync("端到端测试市民");
        await form.Locator("input[name=Email]").FillAsync("e2e.citizen@example.com");
        await form.Locator("input[name=Consent][value=on]").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(ReceiptUrl());
        var receipt = (await Page.GetByTestId("receipt-number").TextContentAsync())?.Trim() ?? "";
        Assert.Matches(ReceiptNumber(), receipt);
        var receiptLink = Page.Url.Replace("&new=1", "", StringComparison.Ordinal);
        await Expect(Page.GetByTestId("comment-status")).ToHaveClassAsync(new Regex(@"\bstatus-pending\b"));

        // The moderator sees the original beside the masked text and publishes it.
        await using var staffContext = await Server.NewContextAsync();
        staffContext.SetDefaultTimeout(15_000);
        var staff = await NewPageAsync(staffContext);
        await Staff.SignInAsync(staff);
        await OpenScreenAsync(staff, OpenSlug, "意见审核");
        await Expect(staff).ToHaveURLAsync(new Regex(@"/admin/consultations/moderation\?id=\d+$"));
        var queued = staff.GetByTestId("moderation-queue").GetByRole(AriaRole.Listitem).Filter(new() { HasText = receipt });
        await Expect(queued).ToContainTextAsync("13812345678");
        await Expect(queued).ToContainTextAsync("138****5678");
        await Staff.ScreenshotAsync(staff, "admin-moderation-queue");

        await queued.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();

        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync($"意见 {receipt} 已发布");
        await Expect(queued).ToHaveCountAsync(0);

        // Published, the markup in the comment is shown as text and never runs.
        await Page.GotoAsync($"/consultations/{OpenSlug}#{receipt}");
        var published = Page.Locator($"li[id='{receipt}'] .comment-body");
        await Expect(published).ToContainTextAsync("<script>document.body.dataset.xss='script'</script>");
        await Expect(published).ToContainTextAsync("138****5678");
        Assert.Equal(0, await Page.Locator($"li[id='{receipt}'] img, li[id='{receipt}'] script").CountAsync());
        Assert.Null(await Page.EvaluateAsync<string?>("() => document.body.dataset.xss ?? null"));

        // The officer tries to finalize the closed consultation too early: refused, with the way to the unanswered comments.
        ExpectConsoleError(FinalizeRefused());
        await OpenScreenAsync(staff, ClosedSlug, "作出决定");
        await staff.GetByRole(AriaRole.Button, new() { Name = "作出决定", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("尚未答复");
        await staff.GetByTestId("finalize-blocked").GetByRole(AriaRole.Link, new() { Name = "答复尚未答复的意见" }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex(@"/admin/consultations/responses\?id=\d+&answered=no$"));

        // The work view: "N of M answered" on top; every page of unanswered comments is selected whole and adopted.
        var progress = staff.GetByTestId("answered-progress");
        var (answered, total) = ParseProgress(await progress.Locator("strong").TextContentAsync());
        Assert.True(answered < total, $"The closed demo consultation should have unanswered comments ({answered} of {total} answered).");
        var rows = staff.GetByTestId("response-list").Locator("tbody").GetByRole(AriaRole.Row);
        var answeredReceipt = (await rows.First.Locator("td").Nth(1).TextContentAsync())?.Trim().Split(null as char[], 2)[0] ?? "";
        Assert.Matches(ReceiptNumber(), answeredReceipt);
        for (var round = 0; await rows.CountAsync() > 0; round++)
        {
            Assert.True(round < 10, "The unanswered comments did not run out after ten pages.");
            var before = await progress.Locator("strong").TextContentAsync() ?? "";
            await staff.GetByRole(AriaRole.Checkbox, new() { Name = "全选本页" }).CheckAsync();
            var answer = staff.GetByRole(AriaRole.Group, new() { Name = "答复所选意见" });
            await answer.GetByLabel("采纳情况").SelectOptionAsync(new SelectOptionValue { Label = "已采纳" });
            await answer.GetByRole(AriaRole.Button, new() { Name = "答复所选意见" }).ClickAsync();
            // The count moves only on the reloaded page, so the next round never reads the page it just submitted.
            await Expect(progress.Locator("strong")).Not.ToHaveTextAsync(before);
            await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("已答复");
        }
        await Expect(progress.Locator("strong")).ToHaveTextAsync($"已答复 {total} / {total}");

        // Finalized as adopted with the draft's text. The demo's earlier responses say some articles were changed, so
        // the screen first asks whether the unchanged text is right; the officer confirms. Every response becomes public.
        ExpectConsoleError(FinalizeWarned());
        await staff.GetByRole(AriaRole.Navigation, new() { Name = "征求意见管理页面" }).GetByRole(AriaRole.Link, new() { Name = "作出决定" }).ClickAsync();
        await staff.GetByLabel("通过决定，采用下方的最终文本").CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "作出决定", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("但最终文本与草案相同");
        await staff.GetByLabel("通过决定，采用下方的最终文本").CheckAsync();
        await staff.GetByRole(AriaRole.Checkbox, new() { Name = "文本无误，仍作出决定" }).CheckAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "作出决定", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("决定已作出并公开");
        await Expect(staff.GetByTestId("outcome")).ToBeVisibleAsync();

        // The public page shows the outcome and the answer beside the comment.
        await Page.GotoAsync($"/consultations/{ClosedSlug}");
        await Expect(Page.GetByTestId("consultation-status")).ToHaveClassAsync(new Regex(@"\bstatus-adopted\b"));
        var publicComment = Page.Locator($"li[id='{answeredReceipt}']");
        await Expect(publicComment.Locator(".response-adopted")).ToBeVisibleAsync();

        // The citizen's own receipt link shows the comment as published.
        await Page.GotoAsync(receiptLink);
        await Expect(Page.GetByTestId("receipt-number")).ToHaveTextAsync(receipt);
        var status = Page.GetByTestId("comment-status");
        await Expect(status).ToHaveClassAsync(new Regex(@"\bstatus-published\b"));
        await Expect(status).ToHaveTextAsync("已发布");

        // A letter from someone who does not use the internet is recorded by staff and published with a receipt.
        await OpenScreenAsync(staff, OpenSlug, "意见审核");
        await staff.GetByRole(AriaRole.Navigation, new() { Name = "征求意见管理页面" }).GetByRole(AriaRole.Link, new() { Name = "来信来电登记" }).ClickAsync();
        await staff.GetByLabel("提出人姓名").FillAsync("李大爷");
        await staff.GetByLabel("意见原文").FillAsync("写信提意见：建议检测结果公示栏增加大字版，方便老年人看清。");
        await staff.GetByRole(AriaRole.Button, new() { Name = "登记并公开", Exact = true }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记并公开");
        await Expect(staff.GetByTestId("received-list")).ToContainTextAsync("李大爷");
        await Staff.ScreenshotAsync(staff, "admin-received-opinions");
    }

    /// <summary>From the staff list of consultations, the screen link in the row of the consultation with this slug.</summary>
    private static async Task OpenScreenAsync(IPage staff, string slug, string screen)
    {
        await staff.GotoAsync("/admin/consultations");
        var row = staff.GetByTestId("consultation-list").GetByRole(AriaRole.Row)
            .Filter(new() { Has = staff.Locator($"a[href='/consultations/{slug}']") });
        await row.GetByRole(AriaRole.Link, new() { Name = screen, Exact = true }).ClickAsync();
    }

    private static (int Answered, int Total) ParseProgress(string? text)
    {
        var match = Progress().Match(text ?? "");
        Assert.True(match.Success, $"The work view's progress line reads “{text}”, not “已答复 N / M”.");
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"/consultations/receipts/YJ-\d{4}-\d{6}\?token=[0-9a-f]+&new=1$")]
    private static partial Regex ReceiptUrl();

    [GeneratedRegex(@"^YJ-\d{4}-\d{6}$")]
    private static partial Regex ReceiptNumber();

    [GeneratedRegex(@"已答复\s*(\d+)\s*/\s*(\d+)")]
    private static partial Regex Progress();

    /// <summary>The finalize page answers 409 on purpose while comments are unanswered; the browser reports that status.</summary>
    [GeneratedRegex(@"(?=.*\b409\b)(?=.*/admin/consultations/finalize)")]
    private static partial Regex FinalizeRefused();

    /// <summary>The finalize page answers 422 while it asks to confirm that articles cited by responses are unchanged.</summary>
    [GeneratedRegex(@"(?=.*\b422\b)(?=.*/admin/consultations/finalize)")]
    private static partial Regex FinalizeWarned();
}
