using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Content;
using Portal.Core.Security;
using Portal.Identity;
using Portal.Statements.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Statements through the API and the staff screens with a fake clock: embargo, corrections, retraction, who may publish, feeds.</summary>
public sealed class StatementTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private const string Password = "Statements-Passw0rd";

    internal static async Task<PortalFactory> SiteAsync(FakeTimeProvider clock, Action<IServiceCollection>? services = null)
    {
        var site = new PortalFactory(clock: clock, settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" }) { TestServices = services };
        using var scope = site.Services.CreateScope();
        var bootstrap = scope.ServiceProvider.GetRequiredService<StaffBootstrap>();
        await bootstrap.CreateAsync("spokesperson", "新闻发言人", null, Password, [StaffRoles.Spokesperson]);
        await bootstrap.CreateAsync("spokesperson2", "新闻发言人助理", null, Password, [StaffRoles.Spokesperson]);
        await bootstrap.CreateAsync("editor", "编辑", null, Password, [StaffRoles.Editor]);
        await bootstrap.CreateAsync("moderator", "审核员", null, Password, [StaffRoles.Moderator]);
        await bootstrap.CreateAsync("decisions", "决策专员", null, Password, [StaffRoles.DecisionOfficer]);
        return site;
    }

    internal static async Task<HttpResponseMessage> DraftAsync(HttpClient staff, string slug, string body = "今天下午，市市场监管局就冬季食品安全发布提示。", string kind = "press-release") =>
        await staff.PostAsJsonAsync("/api/v1/admin/statements", new { kind, title = $"关于{slug}的新闻稿", slug, summary = "摘要。", speaker = "新闻发言人 王岚", body });

    [Fact]
    public async Task Embargo_OneSecondBefore_IsInvisibleEverywhere_AndAtTheTime_AppearsWithoutAnyoneActing()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        Assert.Equal(HttpStatusCode.Created, (await DraftAsync(spokesperson, "embargoed-release")).StatusCode);
        var release = Start.AddHours(1);
        var scheduled = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/embargoed-release/schedule", new { publishUtc = release });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var attachment = await AttachAsync(site, "embargoed-release");
        var change = await site.WithDbAsync(db => db.ContentChanges.Where(c => c.Source == "statements" && c.Key == "embargoed-release").OrderBy(c => c.Id).LastAsync());
        Assert.Equal(release, change.DueUtc);

        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        await AssertVisibilityAsync(site, "embargoed-release", visible: false);
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync(attachment)).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(1));
        await AssertVisibilityAsync(site, "embargoed-release", visible: true);
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync(attachment)).StatusCode);

        // The background publisher, woken by the fake clock, flips the state by itself.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        StatementState state;
        while ((state = await site.WithDbAsync(db => db.Set<Statement>().Where(s => s.Slug == "embargoed-release").Select(s => s.State).SingleAsync())) != StatementState.Published
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(StatementState.Published, state);
    }

    /// <summary>Stores a small PDF through Disclosure's attachment store, as the staff screen does, and returns its public URL.</summary>
    internal static async Task<string> AttachAsync(PortalFactory site, string slug)
    {
        using var scope = site.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<Portal.Disclosure.Model.AttachmentStore>();
        var (stored, error) = await store.SaveAsync(new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()), "notice.pdf", CancellationToken.None);
        Assert.True(stored is not null, error);
        var db = scope.ServiceProvider.GetRequiredService<Portal.Core.Data.PortalDb>();
        var statement = await db.Set<Statement>().SingleAsync(s => s.Slug == slug);
        var row = new StatementAttachment { StatementId = statement.Id, Title = "通知", FileName = "notice.pdf", ContentType = stored!.ContentType, Size = stored.Size, StoredName = stored.StoredName, Sha256 = stored.Sha256 };
        db.Add(row);
        await db.SaveChangesAsync();
        return StatementLabels.AttachmentUrl(slug, row);
    }

    private static async Task AssertVisibilityAsync(PortalFactory site, string slug, bool visible)
    {
        var client = site.CreateClient();
        Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/statements/{slug}")).StatusCode);
        Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/statements/{slug}")).StatusCode);
        Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/statements/{slug}/revisions")).StatusCode);
        foreach (var url in new[] { "/statements", "/statements?kind=press-release", "/", "/sections/statements", "/api/v1/statements", "/sitemap.xml" })
        {
            var text = await client.GetStringAsync(url);
            Assert.True(visible == text.Contains($"/statements/{slug}", StringComparison.Ordinal) || (url.StartsWith("/api", StringComparison.Ordinal) && visible == text.Contains(slug, StringComparison.Ordinal)),
                $"{url} {(visible ? "lacks" : "shows")} {slug} at {site.Clock!.GetUtcNow():O}");
        }
        foreach (var feed in new[] { "/feeds/statements.atom", "/feeds/sections/statements.atom" })
        {
            var parsed = await ReadFeedAsync(client, feed);
            Assert.Equal(visible, parsed.Items.Any(i => i.Links.Any(l => l.Uri.AbsolutePath == $"/statements/{slug}")));
        }
        using var scope = site.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IPublicContentSource>().Single(s => s.Source == "statements");
        Assert.Equal(visible, await source.FindAsync(slug, CancellationToken.None) is not null);
        var listed = new List<PublicItem>();
        await foreach (var item in source.ListAsync(CancellationToken.None))
        {
            listed.Add(item);
        }
        Assert.Equal(visible, listed.Any(i => i.Key == slug));
    }

    internal static async Task<SyndicationFeed> ReadFeedAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Equal(XNamespace.Get("http://www.w3.org/2005/Atom"), XDocument.Parse(xml).Root!.Name.Namespace);
        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), $"{url} is not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    [Fact]
    public async Task Correction_AddsAVersionWithItsNote_AndTheOldVersionStaysReadable()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        await DraftAsync(spokesperson, "corrected-release", "听证会于 11 月 2 日召开，参加人 21 人。");
        Assert.Equal(HttpStatusCode.OK, (await spokesperson.PostAsync("/api/v1/admin/statements/corrected-release/publish", null)).StatusCode);
        clock.Advance(TimeSpan.FromHours(3));

        var noNote = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/corrected-release/correct", new { body = "听证会于 11 月 12 日召开，参加人 25 人。", note = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNote.StatusCode);
        Assert.Equal("Note", (await noNote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var corrected = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/corrected-release/correct",
            new { body = "听证会于 11 月 12 日召开，参加人 25 人。", note = "更正听证会日期和参加人数。" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var client = site.CreateClient();
        var page = await client.GetStringAsync("/statements/corrected-release");
        Assert.Contains("更正于 2026-11-02 13:00", page);
        Assert.Contains("更正听证会日期和参加人数。", page);
        Assert.Contains("11 月 12 日", page);
        Assert.DoesNotContain("11 月 2 日", page);
        Assert.Contains("/statements/corrected-release/revisions", page);

        var first = await client.GetStringAsync("/statements/corrected-release/revisions/1");
        Assert.Contains("听证会于 11 月 2 日召开，参加人 21 人。", first);
        Assert.Contains("这是较早的版本", first);
        var second = await client.GetStringAsync("/statements/corrected-release/revisions/2");
        Assert.Contains("<del>", second);
        Assert.Contains("<ins>", second);
        Assert.Contains("版本", await client.GetStringAsync("/statements/corrected-release/revisions"));

        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/statements/corrected-release");
        Assert.Equal("corrected", api.GetProperty("status").GetString());
        var revisions = api.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(2, revisions.Count);
        Assert.Equal("听证会于 11 月 2 日召开，参加人 21 人。", revisions[0].GetProperty("body").GetString());
        Assert.Equal("更正听证会日期和参加人数。", revisions[1].GetProperty("note").GetString());

        var feed = await ReadFeedAsync(client, "/feeds/statements.atom");
        var entry = Assert.Single(feed.Items);
        Assert.True(entry.LastUpdatedTime > entry.PublishDate);
    }

    [Fact]
    public async Task Retraction_KeepsTheAddressAlive_WithTheReason_AndDeletesNothing()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        await DraftAsync(spokesperson, "retracted-release", "全市电梯检验完成率为 100%。");
        await spokesperson.PostAsync("/api/v1/admin/statements/retracted-release/publish", null);
        clock.Advance(TimeSpan.FromHours(1));

        var noReason = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/retracted-release/retract", new { reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var retracted = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/retracted-release/retract", new { reason = "误将一个区的数据作为全市数据发布。" });
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);

        var client = site.CreateClient();
        var response = await client.GetAsync("/statements/retracted-release");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("本发布已撤回", page);
        Assert.Contains("误将一个区的数据作为全市数据发布。", page);
        Assert.DoesNotContain("全市电梯检验完成率为 100%。", page);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/statements/retracted-release");
        Assert.Equal("retracted", api.GetProperty("status").GetString());
        Assert.Equal("误将一个区的数据作为全市数据发布。", api.GetProperty("retractionReason").GetString());
        Assert.Contains("/statements/retracted-release", await client.GetStringAsync("/sitemap.xml"));

        var kept = await site.WithDbAsync(db => db.Set<Statement>().Include(s => s.Revisions).SingleAsync(s => s.Slug == "retracted-release"));
        Assert.Equal("全市电梯检验完成率为 100%。", kept.BodyMarkdown);
        Assert.Single(kept.Revisions);
        Assert.Equal(HttpStatusCode.Conflict, (await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/retracted-release/retract", new { reason = "再次" })).StatusCode);
    }

    [Theory]
    [InlineData("editor")]
    [InlineData("moderator")]
    [InlineData("decisions")]
    public async Task OnlyTheSpokesperson_Publishes_ThroughTheApi(string userName)
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        await DraftAsync(spokesperson, "guarded-release");
        await DraftAsync(spokesperson, "public-release");
        await spokesperson.PostAsync("/api/v1/admin/statements/public-release/publish", null);

        var other = site.ApiClient(await site.TokenForAsync(userName));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/admin/statements/guarded-release/schedule", new { publishUtc = Start.AddDays(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync("/api/v1/admin/statements/guarded-release/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/admin/statements/public-release/correct", new { body = "改", note = "改" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/api/v1/admin/statements/public-release/retract", new { reason = "撤" })).StatusCode);
        Assert.Equal(StatementState.Draft, await site.WithDbAsync(db => db.Set<Statement>().Where(s => s.Slug == "guarded-release").Select(s => s.State).SingleAsync()));
        Assert.Equal(userName == "editor" ? HttpStatusCode.Created : HttpStatusCode.Forbidden, (await DraftAsync(other, "drafted-by-" + userName)).StatusCode);
    }

    [Fact]
    public async Task OnlyTheSpokesperson_Publishes_ThroughTheScreens_AndTheScreenAgreesWithTheApi()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var editorApi = site.ApiClient(await site.TokenForAsync("editor"));
        await DraftAsync(editorApi, "screen-release");
        var id = await site.WithDbAsync(db => db.Set<Statement>().Where(s => s.Slug == "screen-release").Select(s => s.Id).SingleAsync());

        var editor = site.CreateBrowserClient();
        await editor.SignInAsync("editor", Password);
        var form = await editor.GetStringAsync($"/admin/statements/edit?id={id}");
        Assert.DoesNotContain("handler=Schedule", form);
        var refused = await PostFormAsync(editor, id, "Schedule", form, new() { ["ReleaseAt"] = "2026-11-03T10:00:00" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("只有新闻发言人办公室可以发布", await refused.Content.ReadAsStringAsync());

        // Review is optional but, once asked for, the writer cannot approve their own text.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(editor, id, "RequestReview", form, [])).StatusCode);
        var self = await PostFormAsync(editor, id, "Approve", await editor.GetStringAsync($"/admin/statements/edit?id={id}"), []);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);

        var spokesperson = site.CreateBrowserClient();
        await spokesperson.SignInAsync("spokesperson", Password);
        var page = await spokesperson.GetStringAsync($"/admin/statements/edit?id={id}");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(spokesperson, id, "Approve", page, [])).StatusCode);
        page = await spokesperson.GetStringAsync($"/admin/statements/edit?id={id}");
        Assert.Contains("handler=Schedule", page);
        var past = await PostFormAsync(spokesperson, id, "Schedule", page, new() { ["ReleaseAt"] = "2026-11-01T10:00:00" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("发布时间已过", await past.Content.ReadAsStringAsync());
        var scheduled = await PostFormAsync(spokesperson, id, "Schedule", page, new() { ["ReleaseAt"] = "2026-11-02T12:00:00" });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var row = await site.WithDbAsync(db => db.Set<Statement>().SingleAsync(s => s.Id == id));
        Assert.Equal(StatementState.Scheduled, row.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 4, 0, 0, TimeSpan.Zero), row.PublishUtc);
        Assert.Equal("editor", row.Author);
        Assert.Equal("spokesperson", row.ReviewedBy);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, int id, string handler, string page, Dictionary<string, string> fields)
    {
        fields["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["__RequestVerificationToken"] = StaffHelpers.AntiforgeryToken(page);
        return await client.PostAsync($"/admin/statements/edit?id={id}&handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task CancelledSchedule_NeverAppears_AndThePastCannotBeScheduled()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        await DraftAsync(spokesperson, "cancelled-release");
        var past = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/cancelled-release/schedule", new { publishUtc = Start.AddSeconds(-1) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Equal("PublishUtc", (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, (await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/cancelled-release/schedule", new { publishUtc = Start.AddMinutes(5) })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/cancelled-release/correct", new { body = "改", note = "改" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await spokesperson.PostAsync("/api/v1/admin/statements/cancelled-release/unschedule", null)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync("/statements/cancelled-release")).StatusCode);
        var row = await site.WithDbAsync(db => db.Set<Statement>().Include(s => s.Revisions).SingleAsync(s => s.Slug == "cancelled-release"));
        Assert.Equal(StatementState.Draft, row.State);
        Assert.Empty(row.Revisions);
    }

    [Fact]
    public async Task Images_WithoutAltText_AreRefusedWithAClearMessage()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        var markdown = await DraftAsync(spokesperson, "no-alt", "现场照片：![](/photo.png)");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, markdown.StatusCode);
        var problem = await markdown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Body", problem.GetProperty("field").GetString());
        Assert.Contains("/photo.png", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await DraftAsync(spokesperson, "no-alt-html", "<img src=\"/photo.png\">")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DraftAsync(spokesperson, "with-alt", "![检查人员在农贸市场抽检蔬菜](/photo.png)")).StatusCode);
    }

    [Fact]
    public async Task Interpretation_LinksToItsDocument_AndTheDocumentListsIt()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock);
        var editor = site.ApiClient(await site.TokenForAsync("editor"));
        var document = await editor.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "policies", title = "锦城市计量器具检定管理办法", slug = "metering-rules", issuingBody = "锦城市市场监督管理局", validity = "InForce",
            topics = "计量", summary = "计量器具检定", bodyMarkdown = "第一条 为规范计量器具检定，制定本办法。",
        });
        Assert.Equal(HttpStatusCode.Created, document.StatusCode);
        var documentId = (await document.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/v1/admin/documents/{documentId}/publish", new { })).StatusCode);

        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        var missing = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements", new { kind = "interpretation", title = "解读", slug = "bad-link", body = "解读", relatedSource = "documents", relatedSlug = "nope" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var created = await spokesperson.PostAsJsonAsync("/api/v1/admin/statements", new
        {
            kind = "interpretation", title = "《锦城市计量器具检定管理办法》解读", slug = "metering-rules-explained", body = "一问一答解读办法。", relatedSource = "documents", relatedSlug = "metering-rules",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = site.CreateClient();
        Assert.DoesNotContain("metering-rules-explained", await client.GetStringAsync("/documents/metering-rules"));

        await spokesperson.PostAsync("/api/v1/admin/statements/metering-rules-explained/publish", null);
        var documentPage = await client.GetStringAsync("/documents/metering-rules");
        Assert.Contains("data-testid=\"interpretations\"", documentPage);
        Assert.Contains("/statements/metering-rules-explained", documentPage);
        var interpretation = await client.GetStringAsync("/statements/metering-rules-explained");
        Assert.Contains("href=\"/documents/metering-rules\"", interpretation);
    }

    [Fact]
    public async Task Feeds_AreAtom_NewestFirst_CappedAtFifty_AndFilterBySectionAndType()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await SiteAsync(clock, services => services.AddScoped<IPublicContentSource, FakeConsultations>());
        var client = site.CreateClient();
        var consultations = await ReadFeedAsync(client, "/feeds/consultations.atom");
        Assert.Equal(50, consultations.Items.Count());
        Assert.Equal("/consultations/item-59", consultations.Items.First().Links[0].Uri.AbsolutePath);
        Assert.True(consultations.Items.Zip(consultations.Items.Skip(1)).All(p => p.First.PublishDate >= p.Second.PublishDate));
        var section = await ReadFeedAsync(client, "/feeds/sections/decisions.atom");
        Assert.Equal(50, section.Items.Count());
        Assert.Empty((await ReadFeedAsync(client, "/feeds/sections/news.atom")).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/sections/no-such-section.atom")).StatusCode);
        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        // 60 fake consultations, the home page, and the 10 navigation entries (nine sections and the hearings).
        Assert.Equal(60 + 1 + 10, sitemap.Root!.Elements().Count());
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", await client.GetStringAsync("/robots.txt"));
        Assert.Contains("href=\"/feeds/statements.atom\"", await client.GetStringAsync("/"));
    }

    private sealed class FakeConsultations : IPublicContentSource
    {
        public string Source => "consultations";

        public async IAsyncEnumerable<PublicItem> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var i in Enumerable.Range(0, 60).OrderBy(i => (i * 37) % 60))
            {
                yield return new PublicItem("consultations", $"item-{i}", "consultation", $"征求意见 {i}", "正文", $"/consultations/item-{i}", Start.AddHours(-100 + i), "decisions", "open");
            }
        }

        public Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult<PublicItem?>(null);
    }
}
