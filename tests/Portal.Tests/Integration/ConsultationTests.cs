using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The core cycle through the API with a fake clock: publish, comment to the second, moderate, answer, finalize.</summary>
public sealed class ConsultationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static PortalFactory Site(FakeTimeProvider clock, int perIp = 10_000) => new(clock: clock, settings: new Dictionary<string, string?>
    {
        ["Portal:Recipe"] = "setup",
        ["Portal:Consultations:CommentsPerIpPerMinute"] = perIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Consultations:CommentsPerEmailPerHour"] = "1000",
    });

    internal static async Task<HttpClient> PublishedDraftAsync(PortalFactory site, string slug, TimeSpan period, string kind = "ordinary", string? reason = null)
    {
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var opens = site.Clock!.GetUtcNow();
        var created = await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于调整摊位登记方式的决定（征求意见稿）", slug, summary = "摘要", department = "登记注册处", kind, shortPeriodReason = reason,
            contact = "书面意见请寄……", opensUtc = opens, closesUtc = opens + period,
            plannedAdoptionDate = DateOnly.FromDateTime((opens + period).AddDays(3).UtcDateTime),
            articles = new[] { "第一条 目的。", "第二条 范围。", "第三条 施行日期。" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var published = await staff.PostAsync($"/api/v1/admin/consultations/{slug}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return staff;
    }

    internal static Task<HttpResponseMessage> CommentAsync(HttpClient client, string slug, string body, string email = "citizen@example.com", int? article = null) =>
        client.PostAsJsonAsync($"/api/v1/consultations/{slug}/comments", new { name = "张三", email, phone = "13800000000", article, body, publishName = true });

    [Fact]
    public async Task Publish_WithAPeriodOneMinuteShortOfSevenDays_IsRefused()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var opens = clock.GetUtcNow();
        await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "短期", slug = "too-short", kind = "ordinary", opensUtc = opens, closesUtc = opens + TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1),
            plannedAdoptionDate = DateOnly.FromDateTime(opens.AddDays(9).UtcDateTime), articles = new[] { "第一条" },
        });
        var response = await staff.PostAsync("/api/v1/admin/consultations/too-short/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("7", problem.GetProperty("detail").GetString());
        Assert.Equal("ClosesUtc", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Comment_OneSecondBeforeTheClose_IsAccepted_AndAtTheClose_IsRefused()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        await PublishedDraftAsync(site, "deadline", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var accepted = await CommentAsync(client, "deadline", "最后一秒的意见");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var receipt = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString();
        Assert.Matches("^YJ-2026-\\d{6}$", receipt);

        clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await CommentAsync(client, "deadline", "晚了一秒的意见");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("截止", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var form = await site.CreateBrowserClient().GetStringAsync("/consultations/deadline");
        Assert.DoesNotContain("id=\"comment-form\"", form);
    }

    [Fact]
    public async Task TwoHundredParallelComments_InTheLastSecond_AllGetUniqueReceiptsAndAreStored()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        await PublishedDraftAsync(site, "rush", TimeSpan.FromDays(7));
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var client = site.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            CommentAsync(client, "rush", $"第{i}位市民的意见：编号 {i} 的不同内容 {Guid.NewGuid()}", $"c{i}@example.com")));
        var receipts = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            receipts.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
        }
        Assert.Equal(200, receipts.Distinct().Count());
        var stored = await site.WithDbAsync(db => db.Set<Comment>().Where(c => c.Consultation!.Slug == "rush").Select(c => c.ReceiptNumber).ToListAsync());
        Assert.Equal(receipts.Order(), stored.Order());
        var count = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "rush").Select(c => c.CommentCount).SingleAsync());
        Assert.Equal(200, count);
    }

    [Fact]
    public async Task ParallelComments_StoredTogether_RefusalsDoNotTouchTheOthers_AndEachKeepsItsMailAuditAndGroup()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        await PublishedDraftAsync(site, "batch", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        // Every fifth names an article the draft does not have (refused inside the writer's transaction, after its
        // lookups); every third is one campaign text, which must end up in one group.
        const string campaign = "强烈反对取消夜市摊位，请保留现有的夜市摊位登记方式，不要增加收费。";
        var responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            CommentAsync(client, "batch", i % 3 == 0 ? campaign : $"第{i}位市民：{Guid.NewGuid()} 的不同意见", $"b{i}@example.com", article: i % 5 == 0 ? 9 : null)));

        var accepted = new List<(int Index, string Receipt)>();
        for (var i = 0; i < responses.Length; i++)
        {
            if (i % 5 == 0)
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, responses[i].StatusCode);
                continue;
            }
            Assert.Equal(HttpStatusCode.Created, responses[i].StatusCode);
            accepted.Add((i, (await responses[i].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!));
        }
        Assert.Equal(96, accepted.Count);
        // Refusals take no receipt number: the accepted ones are numbered 1..96 without a gap.
        Assert.Equal(Enumerable.Range(1, 96).Select(n => $"YJ-2026-{n:000000}"), accepted.Select(a => a.Receipt).Order());
        var count = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "batch").Select(c => c.CommentCount).SingleAsync());
        Assert.Equal(96, count);

        var stored = await site.WithDbAsync(db => db.Set<Comment>().AsNoTracking().Where(c => c.Consultation!.Slug == "batch").ToListAsync());
        Assert.Equal(accepted.Select(a => a.Receipt).Order(), stored.Select(c => c.ReceiptNumber).Order());
        var campaignGroups = stored.Where(c => c.Body == campaign).Select(c => c.GroupId).Distinct().ToList();
        Assert.Single(campaignGroups);
        Assert.Equal(stored.Where(c => c.Body == campaign).Min(c => c.Id), campaignGroups[0]);
        Assert.All(stored.Where(c => c.Body != campaign), c => Assert.Null(c.GroupId));

        // The receipt mail and the audit entry of each comment committed with it, and the audit trail names the request.
        var receipts = await site.WithDbAsync(db => db.Set<Portal.Notifications.Model.OutboxMessage>().AsNoTracking()
            .Where(m => m.Template == "comment-receipt").Select(m => new { m.To, m.DeduplicationKey }).ToListAsync());
        Assert.Equal(accepted.Select(a => $"comment-receipt:{a.Receipt}").Order(), receipts.Select(r => r.DeduplicationKey).Order());
        Assert.Equal(accepted.Select(a => $"b{a.Index}@example.com").Order(), receipts.Select(r => r.To).Order());
        var audited = await site.WithDbAsync(db => db.Set<Portal.Audit.Model.AuditEntry>().AsNoTracking()
            .Where(e => e.EntityType == "Comment" && e.Action == "create").ToListAsync());
        Assert.Equal(accepted.Select(a => a.Receipt).Order(), audited.Select(e => e.EntityKey).Order());
        Assert.All(audited, e => Assert.Equal(("public", "POST /api/v1/consultations/batch/comments"), (e.Actor, e.Context)));
    }

    [Fact]
    public async Task Finalize_IsRefusedUntilEveryPublishedCommentIsAnswered_ThenPublishesTheResponses()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await PublishedDraftAsync(site, "gate", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        var campaign = "坚决反对第二条的规定，这会增加我们小商户的负担，请求撤回！";
        var receipts = new List<string>();
        foreach (var (body, email) in new[] { (campaign, "a@example.com"), (campaign.Replace("！", "。", StringComparison.Ordinal), "b@example.com"), ("请联系我 13912345678，第三条施行日期太早。", "c@example.com") })
        {
            var r = await CommentAsync(client, "gate", body, email);
            receipts.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString()!);
        }
        foreach (var receipt in receipts)
        {
            var moderated = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" });
            Assert.Equal(HttpStatusCode.OK, moderated.StatusCode);
        }
        var early = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[0]}/response", new { disposition = "not_adopted", reason = "理由" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        clock.Advance(TimeSpan.FromDays(7));
        var refused = await staff.PostAsJsonAsync("/api/v1/admin/consultations/gate/finalize", new { outcome = "adopted" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Equal("尚未答复的意见：3 条。请先答复每一条已发布的意见，再作出决定。", detail);

        // On the finalize screen the same words, and under them a link to the unanswered comments (not a URL in the text).
        var id = await site.WithDbAsync(db => db.Set<Consultation>().Where(c => c.Slug == "gate").Select(c => c.Id).SingleAsync());
        var officer = site.CreateBrowserClient();
        await officer.SignInAsync("admin", PortalFactory.AdminPassword);
        var url = $"/admin/consultations/finalize?id={id}";
        var form = await officer.GetStringAsync(url);
        var blocked = await officer.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Outcome"] = "adopted", ["FinalArticles"] = "第一条 目的。", ["Reason"] = "", ["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var shown = System.Net.WebUtility.HtmlDecode(await blocked.Content.ReadAsStringAsync());
        Assert.Contains(detail, shown);
        var links = System.Text.RegularExpressions.Regex.Match(shown, "<p class=\"blocked\" data-testid=\"finalize-blocked\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(links.Success, "no links under the refusal");
        Assert.Contains($"<a href=\"/admin/consultations/responses?id={id}&answered=no\">", links.Groups[1].Value);

        var noReason = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[0]}/response", new { disposition = "not_adopted" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var group = await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[0]}/response", new { disposition = "not_adopted", reason = "第二条减轻了而不是增加了负担。" });
        Assert.Equal(2, (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answered").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync("/api/v1/admin/consultations/gate/finalize", new { outcome = "adopted" })).StatusCode);

        var before = await site.CreateClient().GetStringAsync("/consultations/gate");
        Assert.DoesNotContain("第二条减轻了", before);
        await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipts[2]}/response", new { disposition = "adopted", articles = new[] { 3 } });
        var finalized = await staff.PostAsJsonAsync("/api/v1/admin/consultations/gate/finalize", new { outcome = "adopted", finalArticles = new[] { "第一条 目的。", "第二条 范围。", "第三条 自2027年1月1日起施行。" } });
        Assert.Equal(HttpStatusCode.OK, finalized.StatusCode);

        var page = await site.CreateClient().GetStringAsync("/consultations/gate");
        // The outcome's heading names it once, in either language (it read "Decision: Decision adopted").
        Assert.Contains("<h2 id=\"outcome-title\">决定结果：已通过</h2>", page);
        Assert.Contains("<h2 id=\"outcome-title\">Outcome: Decision adopted</h2>", await site.CreateClient().GetStringAsync("/consultations/gate?lang=en"));
        Assert.Contains("第二条减轻了而不是增加了负担。", page);
        Assert.Contains("data-testid=\"redline\"", page);
        Assert.Contains("<ins>", page);
        Assert.Contains("139****5678", page);
        Assert.DoesNotContain("13912345678", page);
        Assert.DoesNotContain("a@example.com", page);
        Assert.Contains("2 similar comments", page.Replace("2 条相似意见", "2 similar comments", StringComparison.Ordinal));
        var api = await site.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/consultations/gate/comments");
        Assert.Equal("not_adopted", api.GetProperty("items")[0].GetProperty("response").GetProperty("disposition").GetString());
        var csv = await site.CreateClient().GetStringAsync("/consultations/gate/comments.csv");
        Assert.Contains("not_adopted", csv);
        Assert.DoesNotContain("@example.com", csv);
        Assert.DoesNotContain("13800000000", csv);
    }

    [Fact]
    public async Task Comment_WithMarkup_IsShownAsText()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await PublishedDraftAsync(site, "markup", TimeSpan.FromDays(7));
        var r = await CommentAsync(site.CreateClient(), "markup", "<script>alert('x')</script><img src=x onerror=alert(1)> 好");
        var receipt = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString();
        await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" });
        var page = await site.CreateClient().GetStringAsync("/consultations/markup");
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;script&gt;", page);
    }

    [Fact]
    public async Task Comment_WithControlCharacters_IsStoredWithoutThem_AndTheFeedStillRenders()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await PublishedDraftAsync(site, "control", TimeSpan.FromDays(7));
        var r = await site.CreateClient().PostAsJsonAsync("/api/v1/consultations/control/comments",
            new { name = "张\u0000三", email = "citizen@example.com", organization = "协会\u0001", body = "\u0001第一页\f第二页\u0000", publishName = true });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var receipt = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString();
        await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" });

        using (var scope = site.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<PortalDb>().Set<Comment>().SingleAsync(c => c.ReceiptNumber == receipt);
            Assert.Equal(("张三", "协会", "第一页\n第二页"), (stored.Name, stored.Organization, stored.Body));
            // As stored before control characters were dropped at the door: the feed must not break on old rows either.
            stored.PublicBody = "\u0001第一页\u0000";
            await scope.ServiceProvider.GetRequiredService<PortalDb>().SaveChangesAsync();
        }
        var feed = await site.CreateClient().GetAsync("/feeds/sections/decisions.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Contains("第一页", await feed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnonymousComment_ShowsNeitherNameNorOrganisation_OnThePageTheApiOrTheDownloads()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        var staff = await PublishedDraftAsync(site, "anonymous", TimeSpan.FromDays(7));
        var citizen = site.CreateClient();
        foreach (var (name, organization, publishName) in new[] { ("王五", "城南社区居委会", false), ("赵六", "锦城市消费者协会", true) })
        {
            var r = await citizen.PostAsJsonAsync("/api/v1/consultations/anonymous/comments",
                new { name, email = $"{publishName}@example.com", organization, body = $"意见，署名：{publishName}", publishName });
            var receipt = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receiptNumber").GetString();
            await staff.PostAsJsonAsync($"/api/v1/admin/comments/{receipt}/moderation", new { decision = "publish" });
        }
        foreach (var url in new[] { "/consultations/anonymous", "/api/v1/consultations/anonymous/comments", "/consultations/anonymous/comments.csv", "/consultations/anonymous/comments.json" })
        {
            // The JSON answers escape Chinese as \uXXXX.
            var body = System.Text.RegularExpressions.Regex.Unescape(await site.CreateClient().GetStringAsync(url));
            Assert.DoesNotContain("王五", body);
            Assert.DoesNotContain("城南社区居委会", body);
            Assert.Contains("锦城市消费者协会", body);
        }
    }

    [Theory]
    [InlineData("", "a@example.com", "Body")]
    [InlineData("意见", "not-an-email", "Email")]
    [InlineData("意见", "a@example.com", "Article")]
    public async Task InvalidComment_Gives422NamingTheField(string body, string email, string field)
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        await PublishedDraftAsync(site, "invalid", TimeSpan.FromDays(7));
        var response = await CommentAsync(site.CreateClient(), "invalid", body, email, field == "Article" ? 99 : null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task TooManyComments_FromOneAddress_Give429WithRetryAfter()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock, perIp: 3);
        await PublishedDraftAsync(site, "limited", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await CommentAsync(client, "limited", $"意见{i}", $"x{i}@example.com")).StatusCode);
        }
        var limited = await CommentAsync(client, "limited", "第四条意见", "x9@example.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Contains("秒", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    /// <summary>
    /// Another writer holds SQLite past the lock wait (a long finalization, another node): the comment is answered 503
    /// with Retry-After and a message saying it was not stored (the form shows again with the text), never a 500; once
    /// the lock is free it goes through.
    /// </summary>
    [Fact]
    public async Task Comment_WhileAnotherWriterHoldsTheDatabase_Gets503AndIsNotStored_ThenGoesThrough()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = new PortalFactory(clock: clock, settings: new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Database:LockWaitSeconds"] = "1",
            ["Portal:Consultations:CommentsPerIpPerMinute"] = "10000",
            ["Portal:Consultations:CommentsPerEmailPerHour"] = "1000",
        });
        await PublishedDraftAsync(site, "busy", TimeSpan.FromDays(7));
        var client = site.CreateClient();
        await using (var holder = new Microsoft.Data.Sqlite.SqliteConnection(
            Portal.Web.Data.DatabaseSetup.SqliteConnectionString(Path.Combine(site.DataDirectory, "portal.db"))))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            var busy = await CommentAsync(client, "busy", "数据库被占用时提交的意见。", "busy@example.com");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), busy.Headers.RetryAfter?.Delta);
            Assert.Contains("尚未保存", (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
            // The public form shows again with what was written and says to send it again; reading is not held up.
            var form = await PostFormAsync(site.CreateBrowserClient(), "busy", new Dictionary<string, string>
            {
                ["Body"] = "表单提交时数据库被占用。", ["Email"] = "busy@example.com", ["Name"] = "李四", ["Consent"] = "on",
            });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, form.StatusCode);
            var html = await form.Content.ReadAsStringAsync();
            Assert.Contains("表单提交时数据库被占用。", html);
            Assert.Contains("data-testid=\"form-error\"", html);
            Assert.Contains("尚未保存", html);
            // Several at once form one batch in the group commit: each is answered 503 in turn, none stored.
            var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => CommentAsync(client, "busy", $"同时提交的第 {i} 条意见。", $"busy{i}@example.com")));
            Assert.All(together, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Comment>().CountAsync(c => c.Email.StartsWith("busy"))));
        Assert.Equal(HttpStatusCode.Created, (await CommentAsync(client, "busy", "数据库空闲后提交的意见。", "busy@example.com")).StatusCode);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Comment>().CountAsync(c => c.Email == "busy@example.com")));
    }

    [Fact]
    public async Task ReceiptPage_NeedsTheTokenFromTheLink()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        await PublishedDraftAsync(site, "receipt", TimeSpan.FromDays(7));
        var r = await CommentAsync(site.CreateClient(), "receipt", "我的意见");
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        var url = json.GetProperty("statusUrl").GetString()!;
        var browser = site.CreateBrowserClient();
        var page = await browser.GetStringAsync(url);
        Assert.Contains(json.GetProperty("receiptNumber").GetString()!, page);
        Assert.Contains("我的意见", page);
        var withoutToken = await browser.GetAsync(url.Split('?')[0]);
        Assert.Equal(HttpStatusCode.NotFound, withoutToken.StatusCode);
    }

    [Fact]
    public async Task PublicForm_ShowsTheReceipt_AndKeepsTheTextWhenRefused()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = Site(clock);
        await PublishedDraftAsync(site, "form", TimeSpan.FromDays(7));
        var browser = site.CreateBrowserClient();
        var bad = await PostFormAsync(browser, "form", new Dictionary<string, string>
        {
            ["Body"] = "我写了很长的意见", ["Email"] = "", ["Name"] = "李四", ["Consent"] = "on",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("我写了很长的意见", badHtml);
        Assert.Contains("data-testid=\"form-error\"", badHtml);
        var good = await PostFormAsync(browser, "form", new Dictionary<string, string>
        {
            ["Body"] = "我写了很长的意见", ["Email"] = "li@example.com", ["Name"] = "李四", ["Consent"] = "on", ["Article"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var receipt = await browser.GetStringAsync(good.Headers.Location!.OriginalString);
        Assert.Matches("data-testid=\"receipt-number\">YJ-2026-\\d{6}<", receipt);
    }

    /// <summary>Sends the public comment form of <paramref name="slug"/> as a browser does (the page first, for its token).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string slug, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync($"/consultations/{slug}");
        fields["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync($"/consultations/{slug}/comments", new FormUrlEncodedContent(fields));
    }
}
