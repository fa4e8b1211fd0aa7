using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;
using Portal.Search.Index;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Search on the real site: the background updater on a real SQLite file (and PostgreSQL), the page and the API.</summary>
public sealed class SearchTests(SharedSite shared) : IClassFixture<SharedSite>
{
    private static readonly Dictionary<string, string?> Setup = new() { ["Portal:Recipe"] = "setup" };

    [Fact]
    public async Task Publish_IsSearchableWithinASecond_AndUnpublish_DisappearsWithinASecond()
    {
        using var factory = new PortalFactory(settings: Setup);
        var client = factory.CreateClient();
        await ReadyAsync(factory);

        var id = await CreateDraftAsync(factory, "fresh-notice", "关于蓝鲸湾口岸通关时间调整的通告", "口岸通关时间自下月起延长。");
        await Task.Delay(500);
        Assert.Equal(0, await TotalAsync(client, "蓝鲸湾"));

        await WithCommandsAsync(factory, c => c.PublishAsync(id, null, null, null, "test", CancellationToken.None));
        var appeared = await WithinAsync(TimeSpan.FromSeconds(1), async () => await TotalAsync(client, "蓝鲸湾") == 1);
        Assert.True(appeared, "the published document was not searchable within 1 s");

        await WithCommandsAsync(factory, c => c.UnpublishAsync(id, CancellationToken.None));
        var gone = await WithinAsync(TimeSpan.FromSeconds(1), async () => await TotalAsync(client, "蓝鲸湾") == 0);
        Assert.True(gone, "the unpublished document was still found after 1 s");
    }

    [Fact]
    public async Task FirstRequestOfAFreshNode_IsASearch_AnswersAndStartsTheIndex()
    {
        // The updater waits for the first answer (FirstRequestGate); a search that is itself the first request must not
        // wait for it in turn, nor fail when the index is not open yet (CI once saw this as a 500).
        using var factory = new PortalFactory(settings: Setup);
        var client = factory.CreateClient();
        var api = await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("营业执照"));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("total").GetInt32() >= 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=x")).StatusCode);
        await ReadyAsync(factory);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=x");
        Assert.False(after.GetProperty("building").GetBoolean());
    }

    [Fact]
    public async Task ScheduledDocument_StaysOutOfResultsUntilItsTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new PortalFactory(settings: Setup, clock: clock);
        var client = factory.CreateClient();
        await ReadyAsync(factory);

        var id = await CreateDraftAsync(factory, "embargoed", "白鹭洲防汛预案（定时发布）", "白鹭洲防汛应急预案全文。");
        await WithCommandsAsync(factory, c => c.PublishAsync(id, null, clock.GetUtcNow().AddHours(2), null, "test", CancellationToken.None));
        await Task.Delay(1500);
        Assert.Equal(0, await TotalAsync(client, "白鹭洲"));
        Assert.DoesNotContain("白鹭洲", await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("防汛预案")));

        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(2), async () => await TotalAsync(client, "白鹭洲") == 1), "the document did not appear at its time");
    }

    [Fact]
    public async Task ReindexUnderConcurrentQueries_AnswersEveryQuery_AndSwitchesDirectory()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        await ReadyAsync(factory);
        var index = factory.Services.GetRequiredService<SearchIndex>();
        var before = index.Location.ReadCurrent();
        var expected = await TotalAsync(client, "营业执照");
        Assert.True(expected > 0);

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var queries = 0;
        var readers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            string[] words = ["营业执照", "收费", "consultation", "\"食品 经营\"", "许可"];
            while (!stop.IsCancellationRequested)
            {
                var word = words[Interlocked.Increment(ref queries) % words.Length];
                var response = await client.GetAsync((n % 2 == 0 ? "/api/v1/search?q=" : "/search?q=") + Uri.EscapeDataString(word));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    lock (failures)
                    {
                        failures.Add($"{word}: {(int)response.StatusCode}");
                    }
                }
            }
        })).ToList();

        var (name, count) = await factory.Services.GetRequiredService<Reindexer>().RunAsync(null, CancellationToken.None);
        Assert.NotEqual(before, name);
        Assert.True(count > 50);
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(2), () => Task.FromResult(index.Current.Name == name)), "the site did not switch to the new index");
        await Task.Delay(300);
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.True(queries > 20);
        Assert.Equal(expected, await TotalAsync(client, "营业执照"));
    }

    [Fact]
    public async Task TwoNodesOnPostgres_ConvergeFromTheChangeLog()
    {
        await using var database = new PostgresDatabase();
        var settings = new Dictionary<string, string?>(Setup);
        database.Use(settings);
        using var first = new PortalFactory(settings: settings);
        var firstClient = first.CreateClient();
        await ReadyAsync(first);
        using var second = new PortalFactory(settings: settings);
        var secondClient = second.CreateClient();
        await ReadyAsync(second);
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);

        var onFirst = await CreateDraftAsync(first, "from-first", "青石桥菜市场改造公告", "青石桥菜市场将分期改造。");
        await WithCommandsAsync(first, c => c.PublishAsync(onFirst, null, null, null, "test", CancellationToken.None));
        var onSecond = await CreateDraftAsync(second, "from-second", "紫藤巷停车收费公示", "紫藤巷公共停车场收费标准。");
        await WithCommandsAsync(second, c => c.PublishAsync(onSecond, null, null, null, "test", CancellationToken.None));

        foreach (var client in new[] { firstClient, secondClient })
        {
            Assert.True(await WithinAsync(TimeSpan.FromSeconds(3), async () => await TotalAsync(client, "青石桥") == 1 && await TotalAsync(client, "紫藤巷") == 1),
                "a node did not see the other node's publication");
        }
        await WithCommandsAsync(second, c => c.UnpublishAsync(onFirst, CancellationToken.None));
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(3), async () => await TotalAsync(firstClient, "青石桥") == 0), "the first node kept an unpublished document");
    }

    public static TheoryData<string> HostileQueries()
    {
        var data = new TheoryData<string>
        {
            "\"", "\"\"", "\"unbalanced", "unbalanced\"", "\"a\" \"b", "AND", "OR", "NOT", "AND OR NOT", "a AND", "OR b", "NOT NOT",
            "*", "?", "~", "^", ":", "\\", "/", "[", "]", "{", "}", "(", ")", "*?~^:\\/[]{}()", "title:x", "body:(a OR b)",
            "a~0.5", "x^10", "[a TO z]", "{* TO *}", "/regex.*/", "field:\"phrase\"~3", "+a -b", "&& || !", "a && b || !c",
            new string('营', 10_000), string.Concat(Enumerable.Repeat("word ", 2000)), "😀", "👨‍👩‍👧‍👦 家庭", "🇨🇳", "مرحبا بالعالم", "שלום",
            "\u202Eabc", "\u200B\u200C\u200D", "\0", "a\0b", "\ud800", "\udc00x", "x\ud83d", "the a an of", "的 了 是", "   ", "",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE Documents; --", "%00", "%%%", "\r\n\t",
            "ｆｕｌｌｗｉｄｔｈ", "Ω≈ç√∫", "\uFFFE\uFFFF", "营业执照\"", "「营业执照", "“营业”执照”",
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task HostileQuery_GivesAPageAndAnApiAnswer(string query)
    {
        var client = shared.Client;
        var q = Uri.EscapeDataString(query.Length > 2000 ? query[..2000] : query);
        var page = await client.GetAsync("/search?q=" + q + "&section=" + q + "&page=" + q);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var api = await client.GetAsync("/api/v1/search?q=" + q + "&type=" + q + "&year=" + q + "&sort=" + q);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var json = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("total").GetInt32() >= 0);
    }

    [Fact]
    public async Task SearchPage_ShowsFiltersWithCountsSnippetsAndAnEmptyState()
    {
        var client = shared.Client;
        await ReadyAsync(shared.Factory);
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("营业执照"));
        Assert.Contains("data-testid=\"search-results\"", html);
        Assert.Contains("<mark>", html);
        Assert.Contains("class=\"facet\"", html);
        Assert.Matches("<span class=\"count\">\\d+</span>", html);

        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString("营业执照") + "&type=document");
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal("document", i.GetProperty("type").GetString()));
        Assert.True(filtered.GetProperty("facets").GetProperty("type").GetArrayLength() > 1);

        var empty = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("完全不存在的词语组合 zzqx"));
        Assert.Contains("data-testid=\"search-empty\"", empty);
        Assert.Contains("/search?q=", empty);
    }

    [Fact]
    public async Task Search_NeverShowsPrivateOrUnpublishedText()
    {
        var client = shared.Client;
        await ReadyAsync(shared.Factory);
        // Demo comments carry emails and phones; only masked public text is indexed, and pending comments not at all.
        var json = await client.GetStringAsync("/api/v1/search?q=" + Uri.EscapeDataString("example.com"));
        Assert.DoesNotContain("@example.com", json);
        var pending = await shared.Factory.WithDbAsync(db => Task.FromResult(db.Set<Portal.Consultations.Model.Comment>()
            .Where(c => c.Status != Portal.Consultations.Model.CommentStatus.Published).Select(c => c.ReceiptNumber).ToList()));
        var published = await shared.Factory.WithDbAsync(db => Task.FromResult(db.Set<Portal.Consultations.Model.Comment>()
            .Where(c => c.Status == Portal.Consultations.Model.CommentStatus.Published && c.ConsentToPublish).Select(c => c.ReceiptNumber).First()));
        var shown = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(published));
        Assert.Contains(shown.GetProperty("items").EnumerateArray(), i => i.GetProperty("url").GetString()!.EndsWith("#" + published, StringComparison.Ordinal));
        foreach (var receipt in pending.Take(5))
        {
            var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(receipt));
            Assert.DoesNotContain(found.GetProperty("items").EnumerateArray(), i => i.GetProperty("url").GetString()!.EndsWith("#" + receipt, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OpenApi_DescribesTheSearchEndpoint()
    {
        var document = await shared.Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/search", document);
    }

    private static async Task ReadyAsync(PortalFactory factory)
    {
        var ready = factory.Services.GetRequiredService<SearchIndex>().Ready;
        await ready.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<int> TotalAsync(HttpClient client, string query)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(query));
        return json.GetProperty("total").GetInt32();
    }

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        while (watch.Elapsed < limit);
        return await condition();
    }

    private static async Task<int> CreateDraftAsync(PortalFactory factory, string slug, string title, string body)
    {
        var input = new DocumentInput("news", title, slug, null, "锦城市市场监督管理局", null, null, DocumentValidity.InForce, null, null, null, body);
        var result = await WithCommandsAsync(factory, c => c.SaveDraftAsync(null, input, CancellationToken.None));
        return result.Id;
    }

    private static async Task<Document> WithCommandsAsync(PortalFactory factory, Func<DocumentCommands, Task<Portal.Core.Result<Document>>> action)
    {
        using var scope = factory.Services.CreateScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<DocumentCommands>());
        Assert.True(result.Succeeded, result.Refusal?.Message);
        return result.Value!;
    }
}
