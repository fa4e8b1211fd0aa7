using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Notifications.Alerts;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Following a topic without an account: double opt-in, immediate mail and digests from the change log, one-click unsubscribe.</summary>
public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A stand-in for a module's public content (Disclosure and Consultations add theirs separately).</summary>
    private sealed class TestSource : IPublicContentSource
    {
        public static readonly ConcurrentDictionary<string, PublicItem> Items = new();

        public string Source => "testdocs";

        public async IAsyncEnumerable<PublicItem> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            foreach (var item in Items.Values)
            {
                yield return item;
            }
        }

        public Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Items.GetValueOrDefault(key));
    }

    private static string Template(MimeMessage m) => m.Headers["X-Portal-Template"] ?? "";

    private static PortalFactory Site(SmtpTestServer smtp, FakeTimeProvider clock) =>
        new(clock: clock, settings: NotificationTests.MailSettings(smtp), testServices: s => s.AddScoped<IPublicContentSource, TestSource>());

    internal static async Task<HttpResponseMessage> SubscribeAsync(HttpClient browser, string topic, string email, string frequency, string lang = "zh-CN")
    {
        var form = await browser.GetStringAsync($"/subscriptions?topic={topic}&lang={lang}");
        Assert.Contains($"value=\"{topic}\" selected", form);
        return await browser.PostAsync($"/subscriptions?lang={lang}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Topic"] = topic,
            ["Frequency"] = frequency,
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(form),
        }));
    }

    internal static async Task ConfirmAsync(HttpClient browser, MimeMessage confirmation)
    {
        var url = new Uri(confirmation.TextBody!.Split('\n').Select(l => l.Trim()).First(l => l.Contains("/subscriptions/confirm/", StringComparison.Ordinal)));
        var page = await browser.GetStringAsync(url.PathAndQuery);
        var confirmed = await browser.PostAsync(url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("data-state=\"confirmed\"", await confirmed.Content.ReadAsStringAsync());
    }

    private static async Task PublishAsync(PortalFactory site, string key, string title, DateTimeOffset now, params string[] topics)
    {
        TestSource.Items[key] = new PublicItem("testdocs", key, "document", title, "正文", $"/documents/{key}", now) { Topics = topics, Summary = "摘要：" + title };
        await site.WithDbAsync(async db =>
        {
            db.RecordChange("testdocs", key, now);
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Subscriber_ConfirmsByLink_GetsNewItems_AndOneClickUnsubscribeStopsFurtherMail()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = Site(smtp, clock);
        var browser = site.CreateBrowserClient();
        var jobs = site.Services.GetRequiredService<NotificationJobs>();

        var response = await SubscribeAsync(browser, "section:policies", "reader@example.com", "immediate", "en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-state=\"pending\"", await response.Content.ReadAsStringAsync());
        var confirmation = (await smtp.WaitForAsync(1, m => Template(m) == "subscription-confirm")).Single();
        Assert.Equal("reader@example.com", confirmation.To.Mailboxes.Single().Address);
        Assert.Equal("en", NotificationTests.Lang(confirmation));
        Assert.StartsWith("Confirm your subscription: ", confirmation.Subject, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", confirmation.Headers["List-Unsubscribe-Post"]);

        // Nothing is sent before the address is confirmed.
        await PublishAsync(site, "before-confirm", "确认前发布的文件", clock.GetUtcNow(), "section:policies");
        await jobs.RunOnceAsync(CancellationToken.None);
        await ConfirmAsync(browser, confirmation);

        await PublishAsync(site, "new-rules", "关于公布行政规范性文件清理结果的决定", clock.GetUtcNow(), "section:policies");
        await PublishAsync(site, "other-section", "其他栏目的新闻", clock.GetUtcNow(), "section:news");
        await jobs.RunOnceAsync(CancellationToken.None);
        var update = (await smtp.WaitForAsync(1, m => Template(m) == "subscription-update")).Single();
        Assert.Contains("关于公布行政规范性文件清理结果的决定", update.Subject);
        Assert.Contains("http://portal.test/documents/new-rules", update.TextBody);
        Assert.Equal("en", NotificationTests.Lang(update));
        var listUnsubscribe = update.Headers["List-Unsubscribe"];
        Assert.Matches("^<http://portal.test/subscriptions/unsubscribe/[0-9a-f]{40}>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", update.Headers["List-Unsubscribe-Post"]);
        var link = new Uri(listUnsubscribe!.Trim('<', '>'));
        Assert.Contains(link.ToString(), update.TextBody);
        Assert.Contains(link.ToString(), update.HtmlBody);

        // The link shows a button; the one-click POST (RFC 8058) needs no cookie or form token.
        Assert.Contains("data-state=\"unsubscribe\"", await browser.GetStringAsync(link.PathAndQuery));
        var oneClick = await site.CreateClient().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("data-state=\"unsubscribed\"", await oneClick.Content.ReadAsStringAsync());

        await PublishAsync(site, "after-unsubscribe", "退订后发布的文件", clock.GetUtcNow(), "section:policies");
        await jobs.RunOnceAsync(CancellationToken.None);
        await Task.Delay(1000);
        Assert.Equal(2, smtp.Messages().Count);
        Assert.DoesNotContain(smtp.Messages(), m => m.Subject!.Contains("退订后", StringComparison.Ordinal) || m.Subject!.Contains("确认前", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DailySubscriber_GetsOneDigest_WithEveryItemOnce_AfterADay()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        using var site = Site(smtp, clock);
        var browser = site.CreateBrowserClient();
        var jobs = site.Services.GetRequiredService<NotificationJobs>();
        await SubscribeAsync(browser, "statements", "digest@example.com", "daily");
        await ConfirmAsync(browser, (await smtp.WaitForAsync(1)).Single());

        await PublishAsync(site, "s1", "新闻发言人就食品安全答记者问", clock.GetUtcNow(), "statements");
        clock.Advance(TimeSpan.FromHours(3));
        await PublishAsync(site, "s2", "关于夜市管理的政策解读", clock.GetUtcNow(), "statements");
        await PublishAsync(site, "s1", "新闻发言人就食品安全答记者问（更正）", clock.GetUtcNow(), "statements");
        await jobs.RunOnceAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.Single(smtp.Messages());

        clock.Advance(TimeSpan.FromHours(21));
        await jobs.RunOnceAsync(CancellationToken.None);
        var digest = (await smtp.WaitForAsync(1, m => Template(m) == "subscription-digest")).Single();
        Assert.Equal("zh-CN", NotificationTests.Lang(digest));
        Assert.Contains("每日摘要", digest.Subject);
        Assert.Contains("(2)", digest.Subject);
        Assert.Contains("关于夜市管理的政策解读", digest.TextBody);
        Assert.Contains("（更正）", digest.TextBody);
        Assert.NotNull(digest.Headers["List-Unsubscribe"]);

        await jobs.RunOnceAsync(CancellationToken.None);
        await Task.Delay(500);
        Assert.Single(smtp.Messages(), m => Template(m) == "subscription-digest");
    }

    [Fact]
    public async Task SubscribeForm_RefusesBadInput_WithTheFormAgain()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        using var site = Site(smtp, new FakeTimeProvider(Start));
        var browser = site.CreateBrowserClient();
        var bad = await SubscribeAsync(browser, "section:policies", "not-an-address", "weekly");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("data-testid=\"form-error\"", await bad.Content.ReadAsStringAsync());
        var form = await browser.GetStringAsync("/subscriptions");
        var unknown = await browser.PostAsync("/subscriptions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "a@example.com", ["Topic"] = "section:no-such", ["Frequency"] = "daily",
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/subscriptions/unsubscribe/0123456789abcdef0123456789abcdef01234567")).StatusCode);
        Assert.Contains("follow-by-email", await browser.GetStringAsync("/sections/policies"));
    }
}
