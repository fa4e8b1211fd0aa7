using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Consultations;
using Portal.Consultations.Model;
using Portal.Core.Settings;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>A draft's attachments, the moderation mode as a site setting, and the comment rules across two web nodes.</summary>
public sealed class ConsultationDraftTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Consultations:CommentsPerIpPerMinute"] = "100000",
            ["Portal:Consultations:CommentsPerEmailPerHour"] = "1000",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    private static async Task<int> CreateDraftAsync(PortalFactory site, HttpClient staff, string slug, DateTimeOffset opens)
    {
        var created = await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于调整摊位登记方式的决定（征求意见稿）", slug, kind = "ordinary", opensUtc = opens, closesUtc = opens.AddDays(7),
            plannedAdoptionDate = DateOnly.FromDateTime(opens.AddDays(10).UtcDateTime), articles = new[] { "第一条 目的。", "第二条 范围。" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, int id, string fileName, byte[] bytes, string title, string? note = null)
    {
        var page = await browser.GetStringAsync($"/admin/consultations/edit?id={id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(StaffHelpers.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Id" },
            { new StringContent(title), "AttachmentTitle" },
        };
        if (note is not null)
        {
            form.Add(new StringContent(note), "AttachmentNote");
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "AttachmentFile", fileName);
        return await browser.PostAsync($"/admin/consultations/edit?id={id}&handler=AddAttachment", form);
    }

    [Fact]
    public async Task Attachment_IsPrivateWhileDraft_PublicOncePublished_AndAfterwardsChangesOnlyWithANote()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(settings: Settings(), clock: clock);
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var id = await CreateDraftAsync(site, staff, "with-files", clock.GetUtcNow());
        var browser = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("admin", PortalFactory.AdminPassword)).StatusCode);
        var pdf = await File.ReadAllBytesAsync(Path.Combine(RepoRoot(), "content-seed", "attachments", "policy-text.pdf"));

        // Content decides the type: a script named .pdf is refused and the form says why.
        var fake = await UploadAsync(browser, id, "notes.pdf", "<script>alert(1)</script>"u8.ToArray(), "假文件");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.Contains("PDF", await fake.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(browser, id, "起草说明.pdf", pdf, "起草说明")).StatusCode);
        var attachment = await site.WithDbAsync(db => db.Set<Portal.Disclosure.Model.Attachment>().SingleAsync(a => a.OwnerKind == "consultation" && a.OwnerId == id));
        var url = $"/attachments/{attachment.Id}/{Uri.EscapeDataString(attachment.FileName)}";
        var anonymous = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/with-files/publish", null)).StatusCode);
        var download = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains(url, await anonymous.GetStringAsync("/consultations/with-files"));
        var detail = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/consultations/with-files");
        Assert.Equal("起草说明", detail.GetProperty("attachments")[0].GetProperty("title").GetString());

        // Published: a second file needs a public change note, and becomes version 2.
        var silent = await UploadAsync(browser, id, "impact.pdf", pdf, "影响评估");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, silent.StatusCode);
        Assert.Contains("更正说明", await silent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(browser, id, "impact.pdf", pdf, "影响评估", "补充公开影响评估报告")).StatusCode);
        var page = await anonymous.GetStringAsync("/consultations/with-files");
        Assert.Contains("补充公开影响评估报告", page);
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Id == id).Select(c => c.VersionCount).SingleAsync()));
    }

    [Fact]
    public async Task PostModeration_ChosenInSiteSettings_PublishesCommentsAtOnce()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(settings: Settings(), clock: clock);
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        await CreateDraftAsync(site, staff, "post-moderated", clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/post-moderated/publish", null)).StatusCode);
        var client = site.CreateClient();
        async Task<string> StatusOfNewCommentAsync(string email)
        {
            var response = await client.PostAsJsonAsync("/api/v1/consultations/post-moderated/comments", new { name = "李四", email, body = "意见正文 " + email, publishName = true });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
        }

        Assert.Equal("pending", await StatusOfNewCommentAsync("a@example.com"));

        // The administrator switches the site to post-moderation on the settings screen.
        var browser = site.CreateBrowserClient();
        await browser.SignInAsync("admin", PortalFactory.AdminPassword);
        var settingsPage = await browser.GetStringAsync("/admin/settings");
        Assert.Contains(ConsultationOptions.ModerationKey, settingsPage);
        var saved = await browser.PostAsync("/admin/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(settingsPage),
            ["ActiveTheme"] = "civic",
            [$"Chosen[{ConsultationOptions.ModerationKey}]"] = "post",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using (var scope = site.Services.CreateScope())
        {
            Assert.Equal("post", (await scope.ServiceProvider.GetRequiredService<ISiteSettings>().GetAsync()).Get(ConsultationOptions.ModerationKey));
        }
        Assert.Equal("published", await StatusOfNewCommentAsync("b@example.com"));

        // A value that is not one of the choices is refused, and the stored choice stays.
        var bad = await browser.PostAsync("/admin/settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(await browser.GetStringAsync("/admin/settings")),
            ["ActiveTheme"] = "civic",
            [$"Chosen[{ConsultationOptions.ModerationKey}]"] = "nobody",
        }));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("published", await StatusOfNewCommentAsync("c@example.com"));
    }

    [Fact]
    public async Task TwoWebNodes_OnPostgres_GiveUniqueReceipts_AndBothRefuseAfterTheClose()
    {
        await using var database = new PostgresDatabase();
        var clock = new FakeTimeProvider(Start);
        var shared = Settings(("Portal:Database:Provider", "Postgres"), ("ConnectionStrings:Portal", database.ConnectionString));
        using var first = new PortalFactory(settings: shared, clock: clock);
        var staff = first.ApiClient(await first.TokenForAsync("admin"));
        using var second = new PortalFactory(settings: shared, clock: clock);
        var nodes = new[] { first.CreateClient(), second.CreateClient() };
        await CreateDraftAsync(first, staff, "two-nodes", clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/two-nodes/publish", null)).StatusCode);

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => nodes[i % 2].PostAsJsonAsync("/api/v1/consultations/two-nodes/comments",
            new { name = "市民", email = $"n{i}@example.com", body = $"第{i}条意见 {Guid.NewGuid()}", publishName = false })));
        var receipts = new List<string>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            receipts.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
        }
        Assert.Equal(200, receipts.Distinct().Count());
        var stored = await second.WithDbAsync(db => db.Set<Comment>().Where(c => c.Consultation!.Slug == "two-nodes").Select(c => c.ReceiptNumber).ToListAsync());
        Assert.Equal(receipts.Order(), stored.Order());
        Assert.Equal(200, await first.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "two-nodes").Select(c => c.CommentCount).SingleAsync()));

        clock.Advance(TimeSpan.FromSeconds(1));
        var late = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => nodes[i % 2].PostAsJsonAsync("/api/v1/consultations/two-nodes/comments",
            new { name = "市民", email = $"late{i}@example.com", body = $"迟到的意见 {i}", publishName = false })));
        Assert.All(late, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(200, await second.WithDbAsync(db => db.Set<Comment>().CountAsync(c => c.Consultation!.Slug == "two-nodes")));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
