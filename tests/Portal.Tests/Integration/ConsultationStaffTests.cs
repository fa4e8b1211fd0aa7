using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Consultations;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Staff working on one consultation at the same time, and bad input to their screens and API: no one's answer or
/// moderation decision is overwritten without their knowing, and nonsense is refused with a message, never a 500.
/// </summary>
public sealed class ConsultationStaffTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private const string Campaign = "坚决反对第二条的规定，这会增加我们小商户的负担，请求撤回！";

    private static PortalFactory Site(FakeTimeProvider clock) => new(clock: clock, settings: new Dictionary<string, string?>
    {
        ["Portal:Recipe"] = "setup",
        ["Portal:Consultations:CommentsPerIpPerMinute"] = "10000",
        ["Portal:Consultations:CommentsPerEmailPerHour"] = "1000",
    });

    /// <summary>A consultation with three published comments of one campaign (one group), closed.</summary>
    private static async Task<(HttpClient Staff, List<string> Receipts)> ClosedWithAGroupAsync(PortalFactory site, FakeTimeProvider clock, string slug)
    {
        var staff = await ConsultationTests.PublishedDraftAsync(site, slug, TimeSpan.FromDays(7));
        var client = site.CreateClient();
        var receipts = new List<string>();
        foreach (var email in new[] { "a@example.com", "b@example.com", "c@example.com" })
        {
            var r = await ConsultationTests.CommentAsync(client, slug, Campaign, email);
            receipts.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
        }
        foreach (var receipt in receipts)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" })).StatusCode);
        }
        Assert.Single((await site.WithDbAsync(db => db.Set<Comment>().Select(c => c.GroupId).ToListAsync())).Distinct());
        clock.Advance(TimeSpan.FromDays(7));
        return (staff, receipts);
    }

    private static Task<List<Comment>> CommentsAsync(PortalFactory site) =>
        site.WithDbAsync(db => db.Set<Comment>().AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    [Fact]
    public async Task AnsweringOneGroupMember_LeavesTheOtherMembersOwnAnswers_UnlessReplacingIsAskedFor()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var (staff, receipts) = await ClosedWithAGroupAsync(site, clock, "group-keep");
        var first = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[0]}/response", new { disposition = "partly_adopted", reason = "第二条已修改。", articles = new[] { 2 } });
        Assert.Equal(3, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answered").GetInt32());

        // Another officer answers one member differently: only that one changes; the group's answer stays on the others.
        var second = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[1]}/response", new { disposition = "out_of_scope", reason = "不属于本决定调整范围。" });
        var answer = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("answered").GetInt32());
        Assert.Equal(2, answer.GetProperty("groupKept").GetInt32());
        var comments = await CommentsAsync(site);
        Assert.Equal([Disposition.PartlyAdopted, Disposition.OutOfScope, Disposition.PartlyAdopted], comments.Select(c => c.Disposition));

        var replaced = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[1]}/response",
            new { disposition = "not_adopted", reason = "与上位法不一致。", replaceGroupAnswers = true });
        Assert.Equal(3, (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answered").GetInt32());
        Assert.All(await CommentsAsync(site), c => Assert.Equal(Disposition.NotAdopted, c.Disposition));
    }

    [Fact]
    public async Task ARoleThatMayOnlyAnswer_OpensTheListAndAnswersAComment_ButCannotModerate()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var (_, receipts) = await ClosedWithAGroupAsync(site, clock, "answer-only");
        const string password = "Answerer-Passw0rd";
        using (var scope = site.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StaffRole>>();
            var role = new StaffRole("Answerer");
            Assert.True((await roles.CreateAsync(role)).Succeeded);
            Assert.True((await roles.AddClaimAsync(role, new Claim(PermissionClaim.Type, ConsultationsPermissions.RespondToComments))).Succeeded);
            await scope.ServiceProvider.GetRequiredService<StaffBootstrap>().CreateAsync("answerer", "答复专员", null, password, ["Answerer"]);
        }
        var id = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "answer-only").Select(c => c.Id).SingleAsync());
        var officer = site.CreateBrowserClient();
        await officer.SignInAsync("answerer", password);

        var list = await officer.GetAsync("/admin/consultations");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listed = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
        Assert.Contains("href=\"/admin/consultations\"", listed);
        Assert.Contains($"href=\"/admin/consultations/responses?id={id}&answered=no\"", listed);
        Assert.DoesNotContain($"/admin/consultations/moderation?id={id}", listed);
        var dashboard = await officer.GetAsync($"/admin/consultations/dashboard?id={id}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains($"href=\"/admin/consultations/responses?id={id}\"", await dashboard.Content.ReadAsStringAsync());

        var url = $"/admin/consultations/responses?id={id}";
        var page = await officer.GetStringAsync(url);
        var answered = await officer.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Receipts"] = receipts[0], [$"Seen[{receipts[0]}]"] = "", ["Answer"] = "not_adopted", ["Reason"] = "与上位法不一致。", ["ChangedArticles"] = "",
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.All(await CommentsAsync(site), c => Assert.Equal(Disposition.NotAdopted, c.Disposition));

        var moderation = await officer.GetAsync($"/admin/consultations/moderation?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, moderation.StatusCode);
        Assert.Equal("/admin/denied", new Uri(new Uri("http://localhost"), moderation.Headers.Location!).AbsolutePath);
        var api = site.ApiClient(await site.TokenForAsync("answerer"));
        var moderated = await api.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[0]}/moderation", new { decision = "reject", reason = "off_topic" });
        Assert.Equal(HttpStatusCode.Forbidden, moderated.StatusCode);
        Assert.All(await CommentsAsync(site), c => Assert.Equal(CommentStatus.Published, c.Status));
    }

    [Fact]
    public async Task TwoOfficersOnOneComment_TheSecondFromAnOlderPage_IsRefusedWithWhoAnswered()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var (_, receipts) = await ClosedWithAGroupAsync(site, clock, "two-officers");
        var id = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "two-officers").Select(c => c.Id).SingleAsync());
        var officer = site.CreateBrowserClient();
        await officer.SignInAsync("admin", PortalFactory.AdminPassword);
        var url = $"/admin/consultations/responses?id={id}";
        var pageA = await officer.GetStringAsync(url);
        var pageB = await officer.GetStringAsync(url);
        Assert.Contains($"name=\"Seen[{receipts[0]}]\" value=\"\"", pageA);

        FormUrlEncodedContent Answer(string page, string disposition, string reason) => new(new Dictionary<string, string>
        {
            ["Receipts"] = receipts[0], [$"Seen[{receipts[0]}]"] = "", ["Answer"] = disposition, ["Reason"] = reason, ["ChangedArticles"] = "",
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        });
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(url, Answer(pageA, "adopted", ""))).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(3));
        var late = await officer.PostAsync(url, Answer(pageB, "not_adopted", "B 的理由"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var shown = await late.Content.ReadAsStringAsync();
        Assert.Contains($"意见 {receipts[0]} 已由 admin 于", shown);
        Assert.All(await CommentsAsync(site), c => Assert.Equal(Disposition.Adopted, c.Disposition));

        // Reloaded, the page shows who answered and sends back what it showed: now the change goes through.
        var reloaded = await officer.GetStringAsync(url);
        Assert.Contains("答复人：admin", reloaded);
        var seen = System.Text.RegularExpressions.Regex.Match(reloaded, $"name=\"Seen\\[{receipts[0]}\\]\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(seen);
        var again = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Receipts"] = receipts[0], [$"Seen[{receipts[0]}]"] = seen, ["Answer"] = "not_adopted", ["Reason"] = "B 的理由", ["ChangedArticles"] = "",
            ["ReplaceGroupAnswers"] = "true", ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(reloaded),
        });
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync(url, again)).StatusCode);
        Assert.All(await CommentsAsync(site), c => Assert.Equal(Disposition.NotAdopted, c.Disposition));
    }

    [Fact]
    public async Task ModerationQueue_ActsOnPendingCommentsOnly_AndRefusesAnUnknownDecision()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await ConsultationTests.PublishedDraftAsync(site, "queue", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        var receipt = (await (await ConsultationTests.CommentAsync(client, "queue", "第三条的施行日期建议推迟三个月。")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("receiptNumber").GetString()!;
        var id = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "queue").Select(c => c.Id).SingleAsync());
        var moderator = site.CreateBrowserClient();
        await moderator.SignInAsync("admin", PortalFactory.AdminPassword);
        var url = $"/admin/consultations/moderation?id={id}";
        var stale = await moderator.GetStringAsync(url);
        FormUrlEncodedContent Decide(string page, string decision, string reason = "") => new(new Dictionary<string, string>
        {
            ["receipt"] = receipt, ["decision"] = decision, ["reason"] = reason, ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        });

        var unknown = await moderator.PostAsync(url, Decide(stale, "xyz", "spam"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(CommentStatus.Pending, (await CommentsAsync(site)).Single().Status);

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostAsync(url, Decide(stale, "publish"))).StatusCode);
        // A second moderator still has the old queue open and rejects the comment: refused, it stays published.
        var reversed = await moderator.PostAsync(url, Decide(stale, "reject", "spam"));
        Assert.Equal(HttpStatusCode.Conflict, reversed.StatusCode);
        Assert.Contains($"意见 {receipt} 已由 admin 于", await reversed.Content.ReadAsStringAsync());
        Assert.Equal(CommentStatus.Published, (await CommentsAsync(site)).Single().Status);
        // Repeating a decision through the API is refused too; changing it on purpose is the API's to do.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "reject", reasonCode = "off_topic" })).StatusCode);
    }

    [Fact]
    public async Task ModerationQueue_PublishesTheTickedComments_AndLeavesOneDecidedMeanwhile()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await ConsultationTests.PublishedDraftAsync(site, "bulk", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        var receipts = new List<string>();
        foreach (var (body, email) in new[] { ("第一条的目的表述清楚。", "a@example.com"), ("建议第二条写明适用范围。", "b@example.com"), ("第三条施行日期太早。", "c@example.com") })
        {
            receipts.Add((await (await ConsultationTests.CommentAsync(client, "bulk", body, email)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
        }
        var id = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "bulk").Select(c => c.Id).SingleAsync());
        var moderator = site.CreateBrowserClient();
        await moderator.SignInAsync("admin", PortalFactory.AdminPassword);
        var url = $"/admin/consultations/moderation?id={id}";
        var queue = await moderator.GetStringAsync(url);
        Assert.Contains("form=\"bulk\"", queue);
        // Meanwhile another moderator rejects the second one.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[1]}/moderation", new { decision = "reject", reasonCode = "off_topic" })).StatusCode);

        FormUrlEncodedContent Bulk(string decision, string reason, params string[] ticked) => new(
            ticked.Select(r => new KeyValuePair<string, string>("receipts", r)).Concat(new Dictionary<string, string>
            {
                ["decision"] = decision, ["reason"] = reason, ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(queue),
            }));
        var noReason = await moderator.PostAsync(url + "&handler=Bulk", Bulk("reject", "", receipts[0], receipts[2]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请选择所勾选意见不予发布的理由", await noReason.Content.ReadAsStringAsync());

        var done = await moderator.PostAsync(url + "&handler=Bulk", Bulk("publish", "", receipts[0], receipts[1]));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await moderator.GetStringAsync(url);
        Assert.Contains("已发布 1 条意见。", after);
        Assert.Contains("另有 1 条未作更改", after);
        var statuses = (await CommentsAsync(site)).Select(c => c.Status).ToList();
        Assert.Equal([CommentStatus.Published, CommentStatus.Rejected, CommentStatus.Pending], statuses);
    }

    [Fact]
    public async Task OpinionsByLetterOrPhone_AreRecordedWithAReceipt_PublishedMasked_AndAnsweredLikeTheRest()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await ConsultationTests.PublishedDraftAsync(site, "letters", TimeSpan.FromDays(7));
        clock.Advance(TimeSpan.FromDays(2));
        var day = SiteClockDate(clock.GetUtcNow());
        var letter = await staff.PostAsJsonAsync("/api/v1/admin/consultations/letters/received-comments", new
        {
            channel = "letter", receivedOn = day, name = "李大爷", publishName = true, article = 2,
            body = "我不会上网，写信提意见：第二条的范围应包括早市。联系电话 13912345678。",
        });
        Assert.Equal(HttpStatusCode.Created, letter.StatusCode);
        var receipt = (await letter.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;
        Assert.StartsWith("YJ-2026-", receipt);

        foreach (var (body, status) in new (object Body, HttpStatusCode Status)[]
        {
            (new { channel = "web", receivedOn = day, body = "意见" }, HttpStatusCode.UnprocessableEntity),
            (new { channel = "phone", receivedOn = day.AddDays(-5), body = "意见" }, HttpStatusCode.UnprocessableEntity),
            (new { channel = "phone", receivedOn = day.AddDays(1), body = "意见" }, HttpStatusCode.UnprocessableEntity),
            (new { channel = "in_person", receivedOn = day, body = "  " }, HttpStatusCode.UnprocessableEntity),
            (new { channel = "email", receivedOn = day, body = "第一条", article = 9 }, HttpStatusCode.UnprocessableEntity),
        })
        {
            Assert.Equal(status, (await staff.PostAsJsonAsync("/api/v1/admin/consultations/letters/received-comments", body)).StatusCode);
        }

        var page = await site.CreateClient().GetStringAsync("/consultations/letters");
        Assert.Contains(receipt, page);
        Assert.Contains("来信", page);
        Assert.Contains("139****5678", page);
        Assert.DoesNotContain("13912345678", page);
        var stored = (await CommentsAsync(site)).Single();
        Assert.Equal((CommentChannel.Letter, CommentStatus.Published, 2), (stored.Channel, stored.Status, stored.ArticleNumber!.Value));

        // After the close it is answered like any other, and finalizing closes the door to late letters.
        clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/response", new { disposition = "adopted", articles = new[] { 2 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/admin/consultations/letters/finalize", new { outcome = "adopted" })).StatusCode);
        var late = await staff.PostAsJsonAsync("/api/v1/admin/consultations/letters/received-comments", new { channel = "letter", receivedOn = day, body = "迟到的信" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task FinalizeScreen_WarnsWhenResponsesCiteArticlesWhoseTextDidNotChange()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var (staff, receipts) = await ClosedWithAGroupAsync(site, clock, "cited");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[0]}/response", new { disposition = "adopted", articles = new[] { 2 } })).StatusCode);
        var id = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "cited").Select(c => c.Id).SingleAsync());
        var officer = site.CreateBrowserClient();
        await officer.SignInAsync("admin", PortalFactory.AdminPassword);
        var url = $"/admin/consultations/finalize?id={id}";
        var form = await officer.GetStringAsync(url);
        FormUrlEncodedContent Finalize(string page, string text, bool confirm) => new(new Dictionary<string, string>
        {
            ["Outcome"] = "adopted", ["FinalArticles"] = text, ["Reason"] = "", ["ConfirmUnchanged"] = confirm ? "true" : "false",
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        });
        const string unchanged = "第一条 目的。\n---\n第二条 范围。\n---\n第三条 施行日期。";
        var warned = await officer.PostAsync(url, Finalize(form, unchanged, false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, warned.StatusCode);
        var shown = await warned.Content.ReadAsStringAsync();
        Assert.Contains("答复中称第 2 条已根据意见修改", shown);
        Assert.Equal(ConsultationState.Published, await site.WithDbAsync(db => db.Set<Consultation>().Select(c => c.State).SingleAsync()));
        // Changed as the response says: no warning.
        var done = await officer.PostAsync(url, Finalize(shown, "第一条 目的。\n---\n第二条 范围包括早市。\n---\n第三条 施行日期。", false));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ConsultationState.Adopted, await site.WithDbAsync(db => db.Set<Consultation>().Select(c => c.State).SingleAsync()));
    }

    private static DateOnly SiteClockDate(DateTimeOffset utc) => Portal.Core.Text.SiteClock.LocalDate(utc);

    [Theory]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("adopted,rejected")]
    public async Task Finalize_WithAnOutcomeThatIsNotOne_IsRefused_AndNothingIsFinal(string outcome)
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await ConsultationTests.PublishedDraftAsync(site, "no-outcome", TimeSpan.FromDays(7));
        clock.Advance(TimeSpan.FromDays(8));
        var response = await staff.PostAsJsonAsync("/api/v1/admin/consultations/no-outcome/finalize", new { outcome, reason = "测试" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(ConsultationState.Published, await site.WithDbAsync(db => db.Set<Consultation>().Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task ApiValuesThatAreNoneOfTheChoices_AreRefusedInTheRequestsLanguage_NamingTheChoices()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await ConsultationTests.PublishedDraftAsync(site, "choices", TimeSpan.FromDays(7));
        var cases = new (string Url, object Body, string Chinese, string English)[]
        {
            ("/api/v1/admin/consultations", new { title = "t", slug = "kind", kind = "5", opensUtc = Start, closesUtc = Start.AddDays(8), plannedAdoptionDate = "2026-11-12", articles = new[] { "a" } },
                "kind 须为 ordinary 或 major。", "kind must be ordinary or major."),
            ("/api/v1/admin/consultations/choices/received-comments", new { channel = "fax", receivedOn = "2026-11-03", name = "张三", body = "意见" },
                "channel 须为 letter、email、phone 或 in_person。", "channel must be letter, email, phone or in_person."),
            ("/api/v1/admin/comments/YJ-2026-000001/moderation", new { decision = "maybe" }, "decision 须为 publish 或 reject。", "decision must be publish or reject."),
            ("/api/v1/admin/comments/YJ-2026-000001/moderation", new { decision = "reject", reasonCode = "rude" },
                "reasonCode 须为 spam、abusive、personal_data、off_topic 或 duplicate。", "reasonCode must be spam, abusive, personal_data, off_topic or duplicate."),
            ("/api/v1/admin/comments/YJ-2026-000001/response", new { disposition = "yes" },
                "disposition 须为 adopted、partly_adopted、not_adopted 或 out_of_scope。", "disposition must be adopted, partly_adopted, not_adopted or out_of_scope."),
            ("/api/v1/admin/consultations/choices/finalize", new { outcome = "adopted,rejected" },
                "outcome 须为 adopted、rejected 或 withdrawn。", "outcome must be adopted, rejected or withdrawn."),
            ("/api/v1/admin/hearings", new { title = "t", startsUtc = Start.AddDays(20), endsUtc = Start.AddDays(20).AddHours(2), seats = 5, selection = "raffle" },
                "selection 须为 first_come 或 lottery。", "selection must be first_come or lottery."),
            ("/api/v1/admin/statements", new { kind = "memo", title = "t", body = "b" },
                "kind 须为 press-release、statement、transcript 或 interpretation。", "kind must be press-release, statement, transcript or interpretation."),
        };
        foreach (var (url, body, chinese, english) in cases)
        {
            foreach (var (query, expected) in new[] { ("", chinese), ("?lang=en", english) })
            {
                var response = await staff.PostAsJsonAsync(url + query, body);
                Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
                Assert.Equal(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
            }
        }
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Consultation>().CountAsync()));
    }

    [Fact]
    public async Task DatesOutsideTheYears2000To2100_AreRefusedWithAMessage_OnScreensAndInTheApi()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var hearing = await staff.PostAsJsonAsync("/api/v1/admin/hearings", new
        {
            title = "t", startsUtc = "0001-01-01T00:00:00Z", endsUtc = "0001-01-01T05:00:00Z", seats = 5, speakerSlots = 0, selection = "first_come",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hearing.StatusCode);
        Assert.Contains("2000", await hearing.Content.ReadAsStringAsync());
        var draft = await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "t", slug = "far", kind = "ordinary", opensUtc = "9999-12-30T00:00:00Z", closesUtc = "9999-12-31T00:00:00Z", plannedAdoptionDate = "9999-12-31", articles = new[] { "a" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, draft.StatusCode);
        foreach (var kind in new[] { "5", "ordinary,major" })
        {
            var unknownKind = await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
            {
                title = "t", slug = "kind", kind, opensUtc = Start, closesUtc = Start.AddDays(8), plannedAdoptionDate = "2026-11-12", articles = new[] { "a" },
            });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownKind.StatusCode);
        }

        var browser = site.CreateBrowserClient();
        await browser.SignInAsync("admin", PortalFactory.AdminPassword);
        var form = await browser.GetStringAsync("/admin/consultations/edit");
        var saved = await browser.PostAsync("/admin/consultations/edit?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "年份错误的草案", ["Input.Kind"] = "Ordinary", ["Input.Opens"] = "0001-01-01T00:00", ["Input.Closes"] = "notadate",
            ["Input.PlannedAdoption"] = "2026-12-01", ["Input.Articles"] = "第一条", ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, saved.StatusCode);
        var html = await saved.Content.ReadAsStringAsync();
        Assert.Contains("请输入 2000 年至 2100 年之间的日期。", html);
        Assert.Contains("“notadate”不是有效的值。", System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("is not valid for", html);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Consultation>().CountAsync()));
    }
}
