using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Notifications;
using Portal.Notifications.Alerts;
using Portal.Notifications.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Mail through a real SMTP server process: each message type, attachments, outages, subscriptions and unsubscribing.</summary>
public sealed class NotificationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    internal static Dictionary<string, string?> MailSettings(SmtpTestServer smtp, string recipe = "setup") => new()
    {
        ["Portal:Recipe"] = recipe,
        ["Portal:Smtp:Host"] = "127.0.0.1",
        ["Portal:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Smtp:Security"] = "None",
        ["Portal:Smtp:From"] = "锦城市市场监督管理局 <noreply@portal.test>",
        ["Portal:Smtp:TimeoutSeconds"] = "5",
        ["Portal:Notifications:BaseUrl"] = "http://portal.test",
        ["Portal:Notifications:PollSeconds"] = "0.2",
        ["Portal:Notifications:RetryBaseSeconds"] = "0.5",
        ["Portal:Notifications:RetryMaxSeconds"] = "2",
        ["Portal:Notifications:MaxAttempts"] = "100",
        ["Portal:Notifications:JobsEnabled"] = "false",
        ["Portal:Consultations:CommentsPerEmailPerHour"] = "1000",
        ["Portal:Consultations:CommentsPerIpPerMinute"] = "10000",
    };

    /// <summary>MimeKit keeps Content-* headers with the body entity when it parses a message.</summary>
    internal static string? Lang(MimeMessage m) => m.Body?.Headers["Content-Language"] ?? m.Headers["Content-Language"];

    private static string Template(MimeMessage m) => m.Headers["X-Portal-Template"] ?? "";

    private static string To(MimeMessage m) => m.To.Mailboxes.Single().Address;

    private static void AssertWellFormed(MimeMessage m, string culture)
    {
        Assert.Equal(culture, Lang(m));
        Assert.False(string.IsNullOrEmpty(m.MessageId));
        Assert.Equal("noreply@portal.test", m.From.Mailboxes.Single().Address);
        Assert.False(string.IsNullOrWhiteSpace(m.TextBody));
        Assert.False(string.IsNullOrWhiteSpace(m.HtmlBody));
        Assert.Contains($"lang=\"{culture}\"", m.HtmlBody);
    }

    [Fact]
    public async Task CommentCycle_SendsReceiptModerationAndAnswer_ToEachCommenter_InTheirLanguage()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: MailSettings(smtp));
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var opens = clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于规范夜市摊位管理的决定（征求意见稿）", slug = "night-market", summary = "摘要", department = "市场规范科", kind = "ordinary",
            opensUtc = opens, closesUtc = opens.AddDays(7), plannedAdoptionDate = DateOnly.FromDateTime(opens.AddDays(10).UtcDateTime),
            articles = new[] { "第一条 目的。", "第二条 范围。" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/night-market/publish", null)).StatusCode);

        var client = site.CreateClient();
        var en = await client.PostAsJsonAsync("/api/v1/consultations/night-market/comments?lang=en",
            new { name = "Li Lei", email = "lilei@example.com", body = "Please allow stalls until midnight on weekends.", publishName = true });
        var zh = await client.PostAsJsonAsync("/api/v1/consultations/night-market/comments",
            new { name = "张三", email = "zhangsan@example.com", body = "加我微信买发票，价格优惠，量大从优。", publishName = true });
        var enReceipt = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;
        var zhReceipt = (await zh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;

        var receipts = await smtp.WaitForAsync(2, m => Template(m) == "comment-receipt");
        var enMail = receipts.Single(m => To(m) == "lilei@example.com");
        AssertWellFormed(enMail, "en");
        Assert.Equal($"Your comment was received: receipt {enReceipt}", enMail.Subject);
        Assert.Contains($"http://portal.test/consultations/receipts/{enReceipt}?token=", enMail.TextBody);
        Assert.Contains(enReceipt, enMail.HtmlBody);
        Assert.DoesNotContain(enMail.Headers, h => h.Field == "List-Unsubscribe");
        var zhMail = receipts.Single(m => To(m) == "zhangsan@example.com");
        AssertWellFormed(zhMail, "zh-CN");
        Assert.Equal($"您的意见已收到，回执编号 {zhReceipt}", zhMail.Subject);
        Assert.Contains("回执编号", zhMail.TextBody);

        // The status link in the mail opens the commenter's receipt page.
        var link = enMail.TextBody!.Split('\n').First(l => l.Contains("/consultations/receipts/", StringComparison.Ordinal)).Trim();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link).PathAndQuery)).StatusCode);

        // Moderation happens in the moderator's language; the mails keep each commenter's.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{enReceipt}/moderation", new { decision = "publish" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{zhReceipt}/moderation", new { decision = "reject", reasonCode = "spam" })).StatusCode);
        var published = (await smtp.WaitForAsync(1, m => Template(m) == "comment-published")).Single();
        Assert.Equal("lilei@example.com", To(published));
        Assert.Equal($"Your comment {enReceipt} is published", published.Subject);
        AssertWellFormed(published, "en");
        var rejected = (await smtp.WaitForAsync(1, m => Template(m) == "comment-rejected")).Single();
        Assert.Equal("zhangsan@example.com", To(rejected));
        Assert.Equal($"您的意见 {zhReceipt} 未予发布", rejected.Subject);
        Assert.Contains("广告", rejected.TextBody);

        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{enReceipt}/response",
            new { disposition = "partly_adopted", reason = "Weekend hours are extended to 23:00.", articles = new[] { 2 } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/admin/consultations/night-market/finalize",
            new { outcome = "adopted", finalArticles = new[] { "第一条 目的。", "第二条 范围，周末延长至23时。" } })).StatusCode);
        var answer = (await smtp.WaitForAsync(1, m => Template(m) == "decision-answer")).Single();
        Assert.Equal("lilei@example.com", To(answer));
        Assert.Equal($"Our answer to your comment {enReceipt}", answer.Subject);
        AssertWellFormed(answer, "en");
        Assert.Contains("Partly adopted", answer.TextBody);
        Assert.Contains("Weekend hours are extended to 23:00.", answer.TextBody);
        Assert.Contains("The decision was adopted.", answer.TextBody);

        await Task.Delay(500);
        Assert.Equal(5, smtp.Messages().Count);
        Assert.Equal(5, smtp.Messages().Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task DecisionAnswers_AreOneMailPerCommenter_ListingEveryCommentWithItsAnswer_AndAFollowerHearsOfTheDecisionOnce()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: MailSettings(smtp));
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var opens = clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于规范早市摊位的决定（征求意见稿）", slug = "morning-market", summary = "摘要", department = "市场规范科", kind = "ordinary",
            opensUtc = opens, closesUtc = opens.AddDays(7), plannedAdoptionDate = DateOnly.FromDateTime(opens.AddDays(10).UtcDateTime),
            articles = new[] { "第一条 目的。", "第二条 范围。", "第三条 时间。" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/morning-market/publish", null)).StatusCode);
        // Someone follows the draft as it opens, for every update at once.
        await site.WithDbAsync(async db =>
        {
            db.Add(new Subscription
            {
                Email = "follower@example.com", Topic = "consultation:morning-market", Frequency = DigestFrequency.Immediate,
                Token = new string('f', 40), CreatedUtc = opens, ConfirmedUtc = opens,
            });
            await db.SaveChangesAsync();
        });
        var jobs = site.Services.GetRequiredService<NotificationJobs>();

        var client = site.CreateClient();
        async Task<string> CommentAsync(string query, string email, string body)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/consultations/morning-market/comments{query}", new { name = "市民", email, body, publishName = false });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" })).StatusCode);
            return receipt;
        }
        // One person writes three comments (the address typed differently once), another writes one.
        var mine = new[]
        {
            await CommentAsync("?lang=en", "wang.fang@example.com", "Article one should name the markets it covers."),
            await CommentAsync("?lang=en", " Wang.Fang@Example.com ", "Article two should allow stalls to open at 5:30."),
            await CommentAsync("?lang=en", "wang.fang@example.com", "Article three needs a sentence on cleaning up afterwards."),
        };
        var theirs = await CommentAsync("", "zhao.lei@example.com", "建议明确早市结束后的清扫责任。");
        await smtp.WaitForAsync(8, m => Template(m) is "comment-receipt" or "comment-published");
        await CatchUpAsync(site, jobs);
        var updatesBefore = await FollowerUpdatesAsync(site);

        clock.Advance(TimeSpan.FromDays(7));
        foreach (var (receipt, disposition, reason) in new[]
        {
            (mine[0], "adopted", "The covered markets are now listed."),
            (mine[1], "not_adopted", "Residents asked for quiet before 6:00."),
            (mine[2], "partly_adopted", "Stallholders clean their own pitch."),
            (theirs, "adopted", "已增加清扫责任条款。"),
        })
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/response",
                new { disposition, reason, articles = new[] { 1 } })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/admin/consultations/morning-market/finalize",
            new { outcome = "adopted", finalArticles = new[] { "第一条 目的。", "第二条 范围。", "第三条 时间及清扫。" } })).StatusCode);

        // Finalizing makes every response public (each comment is re-indexed), but the follower hears of it once: the
        // decision's own update, not one per comment.
        await CatchUpAsync(site, jobs);
        var decisionUpdates = await site.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.To == "follower@example.com" && m.Template == "subscription-update").Select(m => m.ValuesJson).ToListAsync());
        Assert.Equal(updatesBefore + 1, decisionUpdates.Count);
        Assert.Contains(decisionUpdates, v => JsonDocument.Parse(v).RootElement.GetProperty("title").GetString() == "关于规范早市摊位的决定（征求意见稿）");

        var answers = await smtp.WaitForAsync(2, m => Template(m) == "decision-answer");
        await Task.Delay(500);
        Assert.Equal(2, smtp.Messages().Count(m => Template(m) == "decision-answer"));

        var wang = answers.Single(m => To(m) == "wang.fang@example.com");
        AssertWellFormed(wang, "en");
        Assert.Equal("Our answers to your 3 comments on “关于规范早市摊位的决定（征求意见稿）”", wang.Subject);
        foreach (var (receipt, label, reason) in new[]
        {
            (mine[0], "Adopted", "The covered markets are now listed."),
            (mine[1], "Not adopted", "Residents asked for quiet before 6:00."),
            (mine[2], "Partly adopted", "Stallholders clean their own pitch."),
        })
        {
            Assert.Contains($"Your comment {receipt}: {label}", wang.TextBody);
            Assert.Contains($"Reason: {reason}", wang.TextBody);
            Assert.Contains($"http://portal.test/consultations/receipts/{receipt}?token=", wang.TextBody);
            Assert.Contains($"data-receipt=\"{receipt}\"", wang.HtmlBody);
        }
        Assert.Contains("The decision was adopted.", wang.TextBody);
        Assert.DoesNotContain(theirs, wang.TextBody);

        var zhao = answers.Single(m => To(m) == "zhao.lei@example.com");
        AssertWellFormed(zhao, "zh-CN");
        Assert.Equal($"对您的意见 {theirs} 的答复", zhao.Subject);
        Assert.Contains("已增加清扫责任条款。", zhao.TextBody);
        Assert.DoesNotContain(mine[0], zhao.TextBody);
    }

    private static Task<int> FollowerUpdatesAsync(PortalFactory site) =>
        site.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.To == "follower@example.com" && m.Template == "subscription-update"));

    /// <summary>Runs the notification jobs until the subscription feed has handled every change that is due.</summary>
    private static async Task CatchUpAsync(PortalFactory site, NotificationJobs jobs)
    {
        for (var round = 0; round < 50; round++)
        {
            await jobs.RunOnceAsync(CancellationToken.None);
            var caughtUp = await site.WithDbAsync(async db =>
            {
                var last = await db.ContentChanges.MaxAsync(c => (long?)c.Id) ?? 0;
                return await db.Set<HandledChange>().AnyAsync(h => h.ChangeId == last) || await db.Set<ChangeCursor>().AnyAsync(c => c.LowWaterId >= last);
            });
            if (caughtUp)
            {
                return;
            }
        }
        Assert.Fail("the subscription feed did not catch up with the change log");
    }

    [Fact]
    public async Task AnswerQueuedBeforeAnswersWereGrouped_IsStillSentWithItsAnswer()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = new PortalFactory(settings: MailSettings(smtp));
        using (var scope = site.Services.CreateScope())
        {
            // The values an answer carried when each comment had its own message (an outbox row left by the previous version).
            scope.ServiceProvider.GetRequiredService<INotificationOutbox>().Enqueue(new OutgoingMessage("decision-answer", "old@example.com", "zh-CN", new Dictionary<string, string>
            {
                ["receipt_number"] = "YJ-2026-000042",
                ["consultation_title"] = "关于规范夜市摊位管理的决定（征求意见稿）",
                ["consultation_url"] = "/consultations/night-market",
                ["outcome"] = "决定已通过。",
                ["outcome_reason"] = "",
                ["disposition"] = "部分采纳",
                ["disposition_code"] = "partly_adopted",
                ["response_reason"] = "周末营业时间延长至23时。",
                ["response_articles"] = "2",
                ["status_url"] = "/consultations/receipts/YJ-2026-000042?token=abc",
            }));
            await scope.ServiceProvider.GetRequiredService<PortalDb>().SaveChangesAsync();
        }
        var mail = (await smtp.WaitForAsync(1)).Single();
        AssertWellFormed(mail, "zh-CN");
        Assert.Equal("对您的意见 YJ-2026-000042 的答复", mail.Subject);
        Assert.Contains("您的意见 YJ-2026-000042: 部分采纳", mail.TextBody);
        Assert.Contains("周末营业时间延长至23时。", mail.TextBody);
        Assert.Contains("http://portal.test/consultations/receipts/YJ-2026-000042?token=abc", mail.TextBody);
    }

    [Fact]
    public async Task Message_WithAnIcsInvitation_ArrivesAndTheInvitationParsesBack()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = new PortalFactory(settings: MailSettings(smtp));
        _ = site.Services;
        var begins = new DateTime(2026, 12, 3, 1, 30, 0, DateTimeKind.Utc);
        var calendar = new Calendar { Method = "REQUEST" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = "hearing-42@portal.test",
            Summary = "关于出租车运价调整的听证会",
            Location = "锦城市市场监督管理局三楼听证室",
            DtStart = new CalDateTime(begins),
            DtEnd = new CalDateTime(begins.AddHours(2)),
        });
        var ics = System.Text.Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
        using (var scope = site.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<INotificationOutbox>();
            outbox.Enqueue(new OutgoingMessage("notice", "speaker@example.com", "zh-CN", new Dictionary<string, string>
            {
                ["title"] = "听证会参加确认",
                ["body"] = "您已报名参加听证会，附件为日历邀请。",
                ["link_url"] = "/hearings/taxi-fares",
                ["link_label"] = "听证会详情",
            })
            { Attachments = [new MessageAttachment("invitation.ics", "text/calendar; method=REQUEST; charset=utf-8", ics)] });
            await scope.ServiceProvider.GetRequiredService<PortalDb>().SaveChangesAsync();
        }
        var mail = (await smtp.WaitForAsync(1)).Single();
        Assert.Equal("听证会参加确认", mail.Subject);
        Assert.Equal("speaker@example.com", To(mail));
        AssertWellFormed(mail, "zh-CN");
        var attachment = mail.Attachments.OfType<MimePart>().Single();
        Assert.Equal("invitation.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        var parsed = Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        var invitation = parsed.Events.Single();
        Assert.Equal("关于出租车运价调整的听证会", invitation.Summary);
        Assert.Equal("hearing-42@portal.test", invitation.Uid);
        Assert.Equal(begins, invitation.DtStart!.AsUtc);
    }

    [Fact]
    public async Task SmtpDownWhile200MessagesAreQueued_ThenStarted_EveryMessageArrivesExactlyOnce()
    {
        await using var smtp = await SmtpTestServer.CreateAsync(start: false);
        using var site = new PortalFactory(settings: MailSettings(smtp));
        await QueueAsync(site, 200, "outage");
        await WaitUntilAsync(site, db => db.Set<OutboxMessage>().AllAsync(m => m.Attempts >= 1));
        Assert.Empty(smtp.Files());
        Assert.True(await site.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Queued && m.LastError != "")));

        await smtp.StartAsync();
        var arrived = await smtp.WaitForAsync(200, timeout: TimeSpan.FromSeconds(60));
        await WaitUntilAsync(site, db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Sent));
        await Task.Delay(1500);
        arrived = smtp.Messages();
        Assert.Equal(200, arrived.Count);
        Assert.Equal(200, arrived.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(200, arrived.Select(m => m.Subject).Distinct().Count());
    }

    [Fact]
    public async Task AMessageThatKeepsFailing_ShowsInTheAdminWithItsError_AndCanBeRetried()
    {
        await using var smtp = await SmtpTestServer.CreateAsync(start: false);
        var settings = MailSettings(smtp);
        settings["Portal:Notifications:MaxAttempts"] = "2";
        using var site = new PortalFactory(settings: settings);
        await QueueAsync(site, 1, "failing");
        await WaitUntilAsync(site, db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Failed));

        var browser = site.CreateBrowserClient();
        await browser.SignInAsync("admin", PortalFactory.AdminPassword);
        var page = await browser.GetStringAsync("/admin/notifications");
        Assert.Contains("data-testid=\"failed-messages\"", page);
        Assert.Contains("Connection refused", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("s***@example.com", page);
        Assert.DoesNotContain("subscriber0@example.com", page);

        await smtp.StartAsync();
        var id = await site.WithDbAsync(db => db.Set<OutboxMessage>().Select(m => m.Id).SingleAsync());
        var retry = await browser.PostAsync("/admin/notifications?handler=Retry", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Single(await smtp.WaitForAsync(1));

        var anonymous = site.CreateBrowserClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/admin/notifications")).StatusCode);
    }

    [Fact]
    public async Task StaffAlerts_ReachStaffWhoCanAct_Once()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: MailSettings(smtp));
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var admin = (await users.FindByNameAsync("admin"))!;
            await users.SetEmailAsync(admin, "chief@example.com");
        }
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var opens = clock.GetUtcNow();
        await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于电动自行车停放管理的决定（征求意见稿）", slug = "ebikes", kind = "ordinary", opensUtc = opens, closesUtc = opens.AddDays(7),
            plannedAdoptionDate = DateOnly.FromDateTime(opens.AddDays(8).UtcDateTime), articles = new[] { "第一条" },
        });
        await staff.PostAsync("/api/v1/admin/consultations/ebikes/publish", null);
        await site.CreateClient().PostAsJsonAsync("/api/v1/consultations/ebikes/comments", new { name = "", email = "a@example.com", body = "请增加充电桩。", publishName = false });
        clock.Advance(TimeSpan.FromDays(2));
        var jobs = site.Services.GetRequiredService<NotificationJobs>();
        Assert.True(await jobs.RunOnceAsync(CancellationToken.None));
        var waiting = (await smtp.WaitForAsync(1, m => Template(m) == "staff-moderation-waiting")).Single();
        Assert.Equal("chief@example.com", To(waiting));
        Assert.Contains("关于电动自行车停放管理的决定", waiting.Subject);

        clock.Advance(TimeSpan.FromDays(5));
        await jobs.RunOnceAsync(CancellationToken.None);
        await jobs.RunOnceAsync(CancellationToken.None);
        Assert.Single(await smtp.WaitForAsync(1, m => Template(m) == "staff-closed-unanswered"));
        Assert.Single(await smtp.WaitForAsync(1, m => Template(m) == "staff-adoption-approaching"));
        await Task.Delay(600);
        Assert.Equal(2, smtp.Messages().Count(m => Template(m) == "staff-moderation-waiting"));
    }

    /// <summary>
    /// Guard for the outbox's per-unit-of-work key lookup (it replaced a scan of the tracker per message, which made
    /// notifying thousands of participants quadratic): a key queued twice is one row; a tracker cleared before saving
    /// (the group commit starting a batch over) forgets the row, so the message can be queued again; a key already in
    /// the database is not queued again.
    /// </summary>
    [Fact]
    public async Task Outbox_AKeyIsQueuedOnce_AClearedTrackerForgetsIt_AndAStoredKeyIsNotQueuedAgain()
    {
        static OutgoingMessage Message() => new("notice", "dedup@example.com", "zh-CN", new Dictionary<string, string>
        {
            ["title"] = "去重",
            ["body"] = "通知正文",
        })
        { DeduplicationKey = "test:dedup" };
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        using (var scope = site.Services.CreateScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<INotificationOutbox>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            outbox.Enqueue(Message());
            outbox.Enqueue(Message());
            Assert.Single(db.ChangeTracker.Entries<OutboxMessage>());
            db.ChangeTracker.Clear();
            outbox.Enqueue(Message());
            Assert.Single(db.ChangeTracker.Entries<OutboxMessage>());
            await db.SaveChangesAsync();
        }
        using (var scope = site.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<INotificationOutbox>().Enqueue(Message());
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.DeduplicationKey == "test:dedup")));
    }

    internal static async Task QueueAsync(PortalFactory site, int count, string prefix)
    {
        using var scope = site.Services.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<INotificationOutbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Enqueue(new OutgoingMessage("notice", $"subscriber{i}@example.com", i % 2 == 0 ? "zh-CN" : "en", new Dictionary<string, string>
            {
                ["title"] = $"{prefix} {i}",
                ["body"] = "通知正文",
            }));
        }
        await scope.ServiceProvider.GetRequiredService<PortalDb>().SaveChangesAsync();
    }

    internal static async Task WaitUntilAsync(PortalFactory site, Func<PortalDb, Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await site.WithDbAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The outbox did not reach the expected state.");
            }
            await Task.Delay(200);
        }
    }
}
