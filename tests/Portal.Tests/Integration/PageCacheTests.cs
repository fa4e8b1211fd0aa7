using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The public page cache (issue 9): pages are served again from memory, and a page older than a publication,
/// correction, unpublication, finalization or a scheduled release is never served after it.
/// A cached response carries an <c>Age</c> header; a freshly rendered one does not.
/// </summary>
public sealed class PageCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync());
    }

    internal static async Task<int> PublishDocumentAsync(HttpClient editor, string slug, string title)
    {
        var created = await editor.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "policies", title, slug, issuingBody = "锦城市市场监督管理局", validity = "InForce",
            topics = "计量", summary = "计量器具检定", bodyMarkdown = "第一条 为规范计量器具检定，制定本办法。",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { })).StatusCode);
        return id;
    }

    [Fact]
    public async Task PublicPage_IsServedFromTheCache_UntilACorrectionOrUnpublication_ThenNeverStale()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await StatementTests.SiteAsync(clock);
        var editor = site.ApiClient(await site.TokenForAsync("editor"));
        var id = await PublishDocumentAsync(editor, "metering-rules", "锦城市计量器具检定管理办法");
        var reader = site.CreateClient();

        var first = await GetAsync(reader, "/documents/metering-rules");
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.False(first.Response.Headers.Contains("Age"));
        var second = await GetAsync(reader, "/documents/metering-rules");
        Assert.True(second.Response.Headers.Contains("Age"), "the second request should be served from the cache");
        Assert.Equal(first.Body, second.Body);
        Assert.Contains("锦城市计量器具检定管理办法", (await GetAsync(reader, "/sections/policies")).Body);
        Assert.True((await GetAsync(reader, "/sections/policies")).Response.Headers.Contains("Age"));

        // A correction: the very next request sees it, on the page and in its section's list.
        // (The staff screen's "publish changes" calls the same command.)
        using (var scope = site.Services.CreateScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<DocumentCommands>();
            var input = new DocumentInput("policies", "锦城市计量器具检定管理办法（修订）", "metering-rules", null, "锦城市市场监督管理局", null, null,
                DocumentValidity.InForce, null, "计量", "计量器具检定", "第一条 为规范计量器具检定，制定本办法。第二条 新增条款。");
            var published = await commands.PublishAsync(id, input, null, "增加第二条", "editor", CancellationToken.None);
            Assert.True(published.Succeeded, published.Refusal?.Message);
        }
        var corrected = await GetAsync(reader, "/documents/metering-rules");
        Assert.Contains("新增条款", corrected.Body);
        Assert.Contains("增加第二条", corrected.Body);
        Assert.Contains("（修订）", (await GetAsync(reader, "/sections/policies")).Body);

        // Unpublished: gone at once, not served from memory.
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/admin/documents/{id}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/documents/metering-rules")).StatusCode);
        Assert.DoesNotContain("metering-rules", (await GetAsync(reader, "/sections/policies")).Body);
    }

    /// <summary>
    /// The page store, with the watcher's evictions held until the test lets them through: what a poll that lands just
    /// after a reader's first request does, made certain. Keys stored and evictions done are reported.
    /// </summary>
    private sealed class HeldEvictions(IOutputCacheStore inner) : IOutputCacheStore
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim evicted = new(0);

        public System.Collections.Concurrent.ConcurrentQueue<string> Stored { get; } = new();

        public static void Install(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(original);
            services.AddSingleton<IOutputCacheStore>(sp => new HeldEvictions(original.ImplementationFactory is { } factory
                ? (IOutputCacheStore)factory(sp)
                : (IOutputCacheStore)(original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
        }

        public void Release() => gate.TrySetResult();

        /// <summary>Waits, as evictions come, until the store no longer holds <paramref name="key"/>.</summary>
        public async Task<bool> GoneAsync(string key, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (await inner.GetAsync(key, CancellationToken.None) is not null)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await evicted.WaitAsync(left))
                {
                    return false;
                }
            }
            return true;
        }

        public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            await gate.Task.WaitAsync(cancellationToken);
            await inner.EvictByTagAsync(tag, cancellationToken);
            evicted.Release();
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            Stored.Enqueue(key);
            return inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }

    /// <summary>
    /// The watcher drops the pages a change superseded at its next poll (at most a poll interval after the change). A
    /// page rendered and stored after the change, before that poll, is current: it must not go with them, or the next
    /// reader renders it again (on a busy site, every page read in that interval; here, the flake of the test above).
    /// </summary>
    [Fact]
    public async Task APageStoredBetweenAChangeAndTheWatchersNextPoll_IsNotDroppedWithTheSupersededPages()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await StatementTests.SiteAsync(clock, HeldEvictions.Install);
        var store = (HeldEvictions)site.Services.GetRequiredService<IOutputCacheStore>();
        var editor = site.ApiClient(await site.TokenForAsync("editor"));
        var reader = site.CreateClient();
        try
        {
            // A copy the publication below supersedes.
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/sections/policies")).StatusCode);
            var superseded = Assert.Single(store.Stored, k => k.Contains("/SECTIONS/POLICIES", StringComparison.OrdinalIgnoreCase));

            await PublishDocumentAsync(editor, "held-eviction-rules", "锦城市驱逐时序测试办法");
            var first = await GetAsync(reader, "/documents/held-eviction-rules");
            Assert.False(first.Response.Headers.Contains("Age"));

            // The watcher's poll after the publication comes now, after the page was stored.
            store.Release();
            Assert.True(await store.GoneAsync(superseded, TimeSpan.FromSeconds(10)), "the superseded copy should be dropped at the watcher's next poll");

            var second = await GetAsync(reader, "/documents/held-eviction-rules");
            Assert.True(second.Response.Headers.Contains("Age"), "the page stored after the change should survive the watcher's poll");
            Assert.Equal(first.Body, second.Body);
        }
        finally
        {
            store.Release();
        }
    }

    [Fact]
    public async Task ScheduledRelease_AppearsOnCachedPagesAtItsSecond()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await StatementTests.SiteAsync(clock);
        var spokesperson = site.ApiClient(await site.TokenForAsync("spokesperson"));
        Assert.Equal(HttpStatusCode.Created, (await StatementTests.DraftAsync(spokesperson, "cached-embargo")).StatusCode);
        var release = Start.AddHours(1);
        Assert.Equal(HttpStatusCode.OK, (await spokesperson.PostAsJsonAsync("/api/v1/admin/statements/cached-embargo/schedule", new { publishUtc = release })).StatusCode);
        var reader = site.CreateClient();

        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        foreach (var url in new[] { "/statements", "/", "/feeds/statements.atom" })
        {
            Assert.DoesNotContain("cached-embargo", (await GetAsync(reader, url)).Body);
            var again = await GetAsync(reader, url);
            Assert.True(again.Response.Headers.Contains("Age"), $"{url} should be cached before the release");
            Assert.DoesNotContain("cached-embargo", again.Body);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var url in new[] { "/statements", "/", "/feeds/statements.atom" })
        {
            Assert.Contains("cached-embargo", (await GetAsync(reader, url)).Body);
        }
    }

    /// <summary>Counts how often the feeds and the sitemap read every item of the site.</summary>
    private sealed class CountingSource : IPublicContentSource
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public string Source => "counting";

        public async IAsyncEnumerable<PublicItem> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            await Task.Yield();
            yield return new PublicItem("counting", "one", "statement", "计数条目", "正文", "/statements/counted", Start, "decisions") { Topics = ["statements"] };
        }

        public Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult<PublicItem?>(null);
    }

    [Fact]
    public async Task QueryKeysAPageDoesNotRead_HitTheSameCachedCopy_SoFeedsAndTheSitemapAreBuiltOncePerChange()
    {
        var clock = new FakeTimeProvider(Start);
        var counting = new CountingSource();
        // Without search, whose index build also reads every source, the count is the feeds' and the sitemap's alone.
        using var site = new PortalFactory(clock: clock, settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup", ["Portal:Modules:Search:Enabled"] = "false" },
            testServices: services => services.AddSingleton<IPublicContentSource>(counting));
        var reader = site.CreateClient();

        foreach (var url in new[] { "/feeds/sections/decisions.atom", "/feeds/statements.atom", "/feeds/consultations.atom", "/sitemap.xml" })
        {
            var first = await GetAsync(reader, url);
            Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
            var reads = counting.Reads;
            for (var r = 0; r < 5; r++)
            {
                var busting = await GetAsync(reader, $"{url}?r={r}&utm_source=mail{r}");
                Assert.True(busting.Response.Headers.Contains("Age"), $"{url}?r={r} should be served from the cache");
                Assert.Equal(first.Body, busting.Body);
            }
            Assert.Equal(reads, counting.Reads);
        }

        // A page's own parameters still make copies of their own, and only they do.
        var statementsPage = await GetAsync(reader, "/statements?kind=statement");
        Assert.True((await reader.GetAsync("/statements?kind=statement&r=1")).Headers.Contains("Age"));
        Assert.True((await reader.GetAsync("/statements?r=1&KIND=statement")).Headers.Contains("Age"));
        Assert.False((await reader.GetAsync("/statements?kind=interpretation")).Headers.Contains("Age"));
        Assert.NotEqual(statementsPage.Body, (await GetAsync(reader, "/statements")).Body);
        Assert.False((await reader.GetAsync("/sections/policies?page=2")).Headers.Contains("Age"));
        Assert.True((await reader.GetAsync("/sections/policies?page=2&r=1")).Headers.Contains("Age"));
        Assert.True((await reader.GetAsync("/?lang=en&r=1")).IsSuccessStatusCode);
        Assert.Contains("lang=\"en\"", (await GetAsync(reader, "/?r=2&lang=en")).Body);

        // What one reader writes in a key the page does not read never reaches the copy everyone else is served.
        var marked = await GetAsync(reader, "/consultations?q=spam-marker&r=spam-marker");
        Assert.DoesNotContain("spam-marker", marked.Body);
        var plain = await GetAsync(reader, "/consultations");
        Assert.True(plain.Response.Headers.Contains("Age"));
        Assert.DoesNotContain("spam-marker", plain.Body);

        // A change reaches every address at once, whatever the query.
        var editor = site.ApiClient(await site.TokenForAsync("admin"));
        await PublishDocumentAsync(editor, "query-keys", "锦城市查询参数测试办法");
        Assert.Contains("/documents/query-keys", (await GetAsync(reader, "/sitemap.xml?r=0")).Body);
        Assert.Contains("/documents/query-keys", (await GetAsync(reader, "/feeds/sections/policies.atom?r=0")).Body);
    }

    /// <summary>
    /// The hearing list shows the seats left; it is cached, and a sign-up or a cancellation on this node is on the
    /// next request (both move the content generation; a seat taken on another node shows within the Lifetime).
    /// </summary>
    [Fact]
    public async Task HearingList_IsCached_AndShowsASignUpAndACancellation_AtTheNextRequest()
    {
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup", ["Portal:Hearings:SignUpsPerIpPerMinute"] = "100000" });
        await HearingTests.ScheduleAsync(site, "stall-fees", 3, DateTimeOffset.UtcNow);
        var reader = site.CreateClient();
        Assert.Contains("剩余 3 席", (await GetAsync(reader, "/hearings")).Body);
        Assert.True((await reader.GetAsync("/hearings")).Headers.Contains("Age"), "the second request should be served from the cache");

        var signedUp = await (await HearingTests.SignUpAsync(reader, "stall-fees", "first@example.com")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", signedUp.GetProperty("status").GetString());
        var afterSignUp = await GetAsync(reader, "/hearings");
        Assert.False(afterSignUp.Response.Headers.Contains("Age"));
        Assert.Contains("剩余 2 席", afterSignUp.Body);
        Assert.True((await reader.GetAsync("/hearings")).Headers.Contains("Age"));

        var cancelled = await reader.DeleteAsync($"/api/v1/hearings/registrations/{signedUp.GetProperty("code").GetString()}?token={signedUp.GetProperty("cancelToken").GetString()}");
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        Assert.Contains("剩余 3 席", (await GetAsync(reader, "/hearings")).Body);
    }

    [Fact]
    public async Task StaffSignInsAndApiTokenUse_WhichNoPublicPageShows_LeaveCachedPagesCached()
    {
        var clock = new FakeTimeProvider(Start);
        using var site = await StatementTests.SiteAsync(clock);
        var token = await site.TokenForAsync("editor");
        var reader = site.CreateClient();
        Assert.True((await reader.GetAsync("/")).IsSuccessStatusCode);
        Assert.True((await reader.GetAsync("/")).Headers.Contains("Age"), "the home page should be cached before the staff work");
        var generation = site.Services.GetRequiredService<ContentGeneration>().Current;

        // A staff sign-in writes the account (last sign-in, security stamp); an API token's first use writes its last-use time.
        var staff = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync("admin", PortalFactory.AdminPassword)).StatusCode);
        Assert.True((await site.ApiClient(token).GetAsync("/api/v1/admin/documents")).IsSuccessStatusCode);
        using (var scope = site.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            Assert.NotNull((await db.Set<StaffUser>().SingleAsync(u => u.UserName == "admin")).LastSignInUtc);
            Assert.NotNull((await db.Set<Portal.Identity.Tokens.ApiToken>().SingleAsync()).LastUsedUtc);
        }

        Assert.Equal(generation, site.Services.GetRequiredService<ContentGeneration>().Current);
        Assert.True((await reader.GetAsync("/")).Headers.Contains("Age"), "a staff sign-in or token use must not drop the cached public pages");
    }

    [Fact]
    public async Task PagesWithForms_SignedInStaff_AndErrors_AreNeverCached()
    {
        using var site = new SharedSite();
        var reader = site.Factory.CreateClient();
        var consultation = "/consultations/prepaid-card-consumer-protection-rules";
        Assert.Contains("__RequestVerificationToken", (await GetAsync(reader, consultation)).Body);
        Assert.False((await reader.GetAsync(consultation)).Headers.Contains("Age"));
        Assert.False((await reader.GetAsync("/documents/no-such-document")).Headers.Contains("Age"));
        Assert.False((await reader.GetAsync("/documents/no-such-document")).Headers.Contains("Age"));

        Assert.True((await reader.GetAsync("/")).IsSuccessStatusCode);
        Assert.True((await reader.GetAsync("/")).Headers.Contains("Age"));
        var staff = site.Client;
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync("admin", PortalFactory.AdminPassword)).StatusCode);
        Assert.False((await staff.GetAsync("/")).Headers.Contains("Age"));
        Assert.False((await staff.GetAsync("/")).Headers.Contains("Age"));

        // Each language has its own copy.
        var english = await GetAsync(reader, "/?lang=en");
        Assert.Contains("lang=\"en\"", english.Body);
        Assert.Contains("lang=\"zh-CN\"", (await GetAsync(reader, "/")).Body);
    }

    [Fact]
    public async Task AChangeMadeOnAnotherNode_ReachesThisNodesCachedPages_WithinTheLogPollInterval()
    {
        var clock = new FakeTimeProvider(Start);
        using var nodeA = await StatementTests.SiteAsync(clock);
        using var nodeB = new PortalFactory(nodeA.DataDirectory, new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" }, clock);
        var editor = nodeA.ApiClient(await nodeA.TokenForAsync("editor"));
        var id = await PublishDocumentAsync(editor, "two-node-rules", "锦城市两节点测试办法");
        var reader = nodeB.CreateClient();
        Assert.Contains("第一条", (await GetAsync(reader, "/documents/two-node-rules")).Body);
        Assert.True((await reader.GetAsync("/documents/two-node-rules")).Headers.Contains("Age"));

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/admin/documents/{id}/unpublish", null)).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(2);
        HttpStatusCode status;
        while ((status = (await reader.GetAsync("/documents/two-node-rules")).StatusCode) == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
