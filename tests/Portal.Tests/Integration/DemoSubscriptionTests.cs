using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Portal.Consultations.Admin;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Notifications.Alerts;
using Portal.Notifications.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Subscriptions end to end on the demo site, through the public forms, the real mail and the staff APIs: follow a
/// section, a consultation, hearings and statements; confirm from the mail; get each publication at once or in a daily
/// digest; leave by the link or by List-Unsubscribe-Post and hear nothing more. And the demo staff's addresses get alerts.
/// </summary>
public sealed class DemoSubscriptionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private const string Consultation = "farmers-market-rapid-test-disclosure";

    private static readonly string[] FollowedTopics = ["section:news", $"consultation:{Consultation}", "hearings", "statements"];

    private static string Template(MimeMessage m) => m.Headers["X-Portal-Template"] ?? "";

    private static string To(MimeMessage m) => m.To.Mailboxes.Single().Address;

    private static Dictionary<string, string?> Settings(SmtpTestServer smtp)
    {
        var settings = NotificationTests.MailSettings(smtp, "demo");
        settings["Portal:Notifications:SubscribesPerIpPerMinute"] = "1000";
        settings["Portal:Hearings:SignUpsPerIpPerMinute"] = "1000";
        settings["Portal:Admin:Email"] = "admin@example.gov.cn";
        return settings;
    }

    private sealed class Staff(PortalFactory site, FakeTimeProvider clock)
    {
        public async Task PublishDocumentAsync(string slug, string title)
        {
            var editor = site.ApiClient(await site.TokenForAsync("editor"));
            var created = await editor.PostAsJsonAsync("/api/v1/admin/documents", new
            {
                sectionSlug = "news", title, slug, issuingBody = "锦城市市场监督管理局", validity = "InForce", bodyMarkdown = "市市场监管局开展检查。",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { })).StatusCode);
        }

        public async Task CorrectConsultationAsync(string note)
        {
            using var scope = site.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            var c = await db.Set<Consultation>().AsNoTracking().SingleAsync(x => x.Slug == Consultation);
            var input = new DraftInput(c.Title, c.Slug, c.Summary, c.Department, c.Kind, c.ShortPeriodReason, c.Contact, c.OpensUtc, c.ClosesUtc,
                c.PlannedAdoptionDate, [.. c.Articles.Select(a => a.Markdown), "第" + (c.Articles.Count + 1) + "条 " + note]);
            var result = await scope.ServiceProvider.GetRequiredService<DecisionDrafts>().CorrectAsync(c.Id, input, note, "decisions", CancellationToken.None);
            Assert.True(result.Succeeded, result.Refusal?.Message);
        }

        public async Task PublishHearingAsync(string slug, string title)
        {
            var admin = site.ApiClient(await site.TokenForAsync("admin"));
            var now = clock.GetUtcNow();
            var created = await admin.PostAsJsonAsync("/api/v1/admin/hearings", new
            {
                title, slug, matters = "听取意见。", organizer = "价格监督检查科", startsUtc = now.AddDays(20), endsUtc = now.AddDays(20).AddHours(3),
                venueName = "听证室", venueAddress = "天府大道中段 88 号", seats = 30, speakerSlots = 0, registrationOpensUtc = now,
                registrationClosesUtc = now.AddDays(10), selection = "first_come", categories = Array.Empty<object>(), selectionRules = "先到先得",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        public async Task PublishStatementAsync(string slug, string title)
        {
            var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
            var created = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements", new
            {
                kind = "press-release", title, slug, summary = "摘要。", speaker = "新闻发言人 王岚", body = "今天下午，市市场监管局发布提示。",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await spokesperson.PostAsync($"/api/v1/admin/statements/{slug}/publish", null)).StatusCode);
        }
    }

    [Fact]
    public async Task Follower_OfASectionAConsultationHearingsAndStatements_GetsEachPublication_ThenNothingAfterLeaving()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: Settings(smtp));
        var jobs = site.Services.GetRequiredService<NotificationJobs>();
        var browser = site.CreateBrowserClient();
        var staff = new Staff(site, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        // A comment that the moderator publishes only after everyone has left.
        var comment = await site.CreateClient().PostAsJsonAsync($"/api/v1/consultations/{Consultation}/comments",
            new { name = "", email = "late@example.com", body = "退订后才发布的意见：建议公示快检结果。", publishName = false });
        var receipt = (await comment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString();

        foreach (var topic in FollowedTopics)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubscriptionTests.SubscribeAsync(browser, topic, "follower@example.com", "immediate")).StatusCode);
        }
        foreach (var topic in new[] { $"consultation:{Consultation}", "statements" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SubscriptionTests.SubscribeAsync(browser, topic, "digest@example.com", "daily", "en")).StatusCode);
        }
        var confirmations = await smtp.WaitForAsync(6, m => Template(m) == "subscription-confirm");
        Assert.Equal(4, confirmations.Count(m => To(m) == "follower@example.com"));
        foreach (var confirmation in confirmations)
        {
            await SubscriptionTests.ConfirmAsync(browser, confirmation);
        }
        Assert.Equal(6, await site.WithDbAsync(db => db.Set<Subscription>().CountAsync(s => s.ConfirmedUtc != null)));

        // The demo content imported before anyone subscribed is not news to them.
        await jobs.RunOnceAsync(CancellationToken.None);
        await Task.Delay(800);
        Assert.DoesNotContain(smtp.Messages(), m => Template(m) == "subscription-update");

        clock.Advance(TimeSpan.FromMinutes(5));
        await staff.PublishDocumentAsync("winter-market-checks", "市市场监管局开展冬季农贸市场专项检查");
        await staff.CorrectConsultationAsync("增加快检结果公示期限的规定。");
        await staff.PublishHearingAsync("bus-fare-hearing", "公交票价调整听证会");
        await staff.PublishStatementAsync("winter-heating-statement", "新闻发言人就冬季取暖安全答记者问");
        await jobs.RunOnceAsync(CancellationToken.None);

        var updates = await smtp.WaitForAsync(4, m => Template(m) == "subscription-update");
        await Task.Delay(1000);
        updates = smtp.Messages().Where(m => Template(m) == "subscription-update").ToList();
        Assert.All(updates, m => Assert.Equal("follower@example.com", To(m)));
        string[] titles = ["市市场监管局开展冬季农贸市场专项检查", "关于农贸市场", "公交票价调整听证会", "新闻发言人就冬季取暖安全答记者问"];
        Assert.Equal(4, updates.Count);
        Assert.All(updates, m => Assert.Equal("zh-CN", NotificationTests.Lang(m)));
        Assert.Single(updates, m => m.Subject!.Contains(titles[0], StringComparison.Ordinal) && m.TextBody!.Contains("http://portal.test/documents/winter-market-checks", StringComparison.Ordinal));
        Assert.Single(updates, m => m.TextBody!.Contains($"http://portal.test/consultations/{Consultation}", StringComparison.Ordinal));
        Assert.Single(updates, m => m.Subject!.Contains(titles[2], StringComparison.Ordinal) && m.TextBody!.Contains("http://portal.test/hearings/bus-fare-hearing", StringComparison.Ordinal));
        Assert.Single(updates, m => m.Subject!.Contains(titles[3], StringComparison.Ordinal) && m.TextBody!.Contains("http://portal.test/statements/winter-heating-statement", StringComparison.Ordinal));
        Assert.All(updates, m => Assert.Equal("List-Unsubscribe=One-Click", m.Headers["List-Unsubscribe-Post"]));

        // The daily subscriber hears nothing until a day has passed, then one digest per followed topic.
        Assert.DoesNotContain(smtp.Messages(), m => To(m) == "digest@example.com" && Template(m) != "subscription-confirm");
        clock.Advance(TimeSpan.FromDays(1));
        await jobs.RunOnceAsync(CancellationToken.None);
        var digests = await smtp.WaitForAsync(2, m => Template(m) == "subscription-digest");
        Assert.All(digests, m => Assert.Equal("digest@example.com", To(m)));
        Assert.All(digests, m => Assert.Equal("en", NotificationTests.Lang(m)));
        Assert.Single(digests, m => m.TextBody!.Contains($"http://portal.test/consultations/{Consultation}", StringComparison.Ordinal));
        Assert.Single(digests, m => m.TextBody!.Contains("http://portal.test/statements/winter-heating-statement", StringComparison.Ordinal));

        // The consultation closes: its close was logged at publication and again with the correction, yet it is one message.
        var mailBefore = smtp.Messages().Count;
        clock.Advance(TimeSpan.FromDays(4));
        await jobs.RunOnceAsync(CancellationToken.None);
        await smtp.WaitForAsync(mailBefore + 1);
        await Task.Delay(1000);
        Assert.Equal(2, smtp.Messages().Count(m => Template(m) == "subscription-update" && To(m) == "follower@example.com"
            && m.TextBody!.Contains($"http://portal.test/consultations/{Consultation}", StringComparison.Ordinal)));

        // Leaving: two topics by the page behind the link (its button), the others by RFC 8058 one-click POSTs.
        var mailClient = site.CreateClient();
        var leaving = updates.Concat(digests).ToList();
        for (var i = 0; i < leaving.Count; i++)
        {
            var link = new Uri(leaving[i].Headers["List-Unsubscribe"]!.Trim('<', '>'));
            Assert.Contains(link.ToString(), leaving[i].TextBody);
            if (i < 2)
            {
                var page = await browser.GetStringAsync(link.PathAndQuery);
                Assert.Contains($"action=\"{link.AbsolutePath}\"", page);
                var left = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([]));
                Assert.Contains("data-state=\"unsubscribed\"", await left.Content.ReadAsStringAsync());
            }
            else
            {
                var left = await mailClient.PostAsync(link.PathAndQuery, new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
                Assert.Equal(HttpStatusCode.OK, left.StatusCode);
            }
        }
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Subscription>().CountAsync(s => s.UnsubscribedUtc == null)));

        var before = smtp.Messages().Count(m => To(m) is "follower@example.com" or "digest@example.com");
        clock.Advance(TimeSpan.FromMinutes(5));
        await staff.PublishDocumentAsync("after-leaving", "退订后发布的新闻");
        var moderator = site.ApiClient(await site.TokenForAsync("moderator"));
        Assert.Equal(HttpStatusCode.OK, (await moderator.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" })).StatusCode);
        await staff.PublishHearingAsync("after-leaving-hearing", "退订后发布的听证会");
        await staff.PublishStatementAsync("after-leaving-statement", "退订后发布的声明");
        await jobs.RunOnceAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(2));
        await jobs.RunOnceAsync(CancellationToken.None);
        await Task.Delay(1500);
        Assert.DoesNotContain(smtp.Messages(), m => To(m) is "follower@example.com" or "digest@example.com" && Template(m) is "subscription-update" or "subscription-digest"
            && (m.TextBody!.Contains("退订后", StringComparison.Ordinal) || m.Subject!.Contains("退订后", StringComparison.Ordinal)));
        Assert.Equal(before, smtp.Messages().Count(m => To(m) is "follower@example.com" or "digest@example.com"));
        Assert.Contains(smtp.Messages(), m => To(m) == "late@example.com" && Template(m) == "comment-published");
    }

    [Fact]
    public async Task DemoStaff_HaveAddresses_AndStaffAlertsReachThoseWhoCanAct()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: Settings(smtp));
        var addresses = await site.WithDbAsync(db => db.Set<StaffUser>().ToDictionaryAsync(u => u.UserName!, u => u.Email));
        Assert.Equal("admin@example.gov.cn", addresses["admin"]);
        Assert.Equal("moderator@example.gov.cn", addresses["moderator"]);
        Assert.Equal("decisions@example.gov.cn", addresses["decisions"]);
        Assert.Equal("editor@example.gov.cn", addresses["editor"]);
        Assert.Equal("spokesperson@example.gov.cn", addresses["spokesperson"]);

        var comment = await site.CreateClient().PostAsJsonAsync($"/api/v1/consultations/{Consultation}/comments",
            new { name = "", email = "citizen@example.com", body = "建议快检结果在市场入口公示。", publishName = false });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        clock.Advance(TimeSpan.FromHours(25));
        Assert.True(await site.Services.GetRequiredService<NotificationJobs>().RunOnceAsync(CancellationToken.None));

        var title = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == Consultation).Select(c => c.Title).SingleAsync());
        var waiting = await smtp.WaitForAsync(3, m => Template(m) == "staff-moderation-waiting" && m.Subject!.Contains(title, StringComparison.Ordinal));
        await Task.Delay(800);
        waiting = smtp.Messages().Where(m => Template(m) == "staff-moderation-waiting" && m.Subject!.Contains(title, StringComparison.Ordinal)).ToList();
        // Moderators, decision officers (who may moderate too) and the administrator; not the editor or the spokesperson.
        Assert.Equal(["admin@example.gov.cn", "decisions@example.gov.cn", "moderator@example.gov.cn"], waiting.Select(To).Order(StringComparer.Ordinal));

        // Re-applying the demo recipe keeps the addresses (and does not duplicate the users).
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var moderator = (await users.FindByNameAsync("moderator"))!;
            await users.SetEmailAsync(moderator, null);
            await scope.ServiceProvider.GetRequiredService<Portal.Core.Recipes.RecipeExecutor>().ApplyAsync("demo", CancellationToken.None);
        }
        Assert.Equal("moderator@example.gov.cn", await site.WithDbAsync(db => db.Set<StaffUser>().Where(u => u.UserName == "moderator").Select(u => u.Email).SingleAsync()));
    }
}
