using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Consultations.Model;
using Portal.Core.Recipes;
using Portal.Hearings.Model;
using Portal.Search.Index;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Comments in search: opinions given at a hearing are comments too, and a re-imported demo leaves no stale receipts.</summary>
public sealed class SearchCommentTests
{
    private static async Task<List<JsonElement>> CommentsAsync(HttpClient client, string query)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?type=comment&q={Uri.EscapeDataString(query)}");
        return json.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(50);
        }
        return await condition();
    }

    [Fact]
    public async Task HearingRecordOpinions_AreFoundAsComments_WithinASecondOfPublishing()
    {
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        await site.Services.GetRequiredService<SearchIndex>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var now = DateTimeOffset.UtcNow;
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于摊位费的决定（征求意见稿）", slug = "stall-fees", kind = "ordinary", opensUtc = now.AddMinutes(-1), closesUtc = now.AddDays(30),
            plannedAdoptionDate = DateOnly.FromDateTime(now.AddDays(32).UtcDateTime), articles = new[] { "第一条", "第二条" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/stall-fees/publish", null)).StatusCode);
        await HearingTests.ScheduleAsync(site, "heard", 5, now, consultationSlug: "stall-fees");
        await site.WithDbAsync(db => db.Set<Hearing>().ExecuteUpdateAsync(s => s.SetProperty(h => h.StartsUtc, now.AddHours(-3)).SetProperty(h => h.EndsUtc, now.AddHours(-1))));

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/v1/admin/hearings/heard/record", new
        {
            record = "**听证笔录**", statements = new[] { new { speaker = "刘建国", affiliation = "商户代表", text = "青羊菜场摊位费分档后老市场负担不应增加。" } },
        })).StatusCode);
        var receipt = await site.WithDbAsync(db => db.Set<Comment>().Where(c => c.Channel == CommentChannel.Hearing).Select(c => c.ReceiptNumber).SingleAsync());
        var client = site.CreateClient();
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(1), async () => (await CommentsAsync(client, "青羊菜场摊位费")).Count == 1),
            "the hearing opinion was not found as a comment within 1 s");
        var item = Assert.Single(await CommentsAsync(client, "青羊菜场摊位费"));
        Assert.Equal("comment", item.GetProperty("type").GetString());
        Assert.EndsWith($"/consultations/stall-fees#{receipt}", item.GetProperty("url").GetString(), StringComparison.Ordinal);
        // The speaker's name is not indexed with the opinion, like any commenter's.
        Assert.Empty(await CommentsAsync(client, "刘建国"));
    }

    [Fact]
    public async Task DemoReimport_ReplacesCommentReceiptsInTheIndex_WithoutAReindex()
    {
        using var site = new PortalFactory();
        await site.Services.GetRequiredService<SearchIndex>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var client = site.CreateClient();
        const string hearingOpinion = "电子营业执照二维码";
        const string webComment = "保留现场办理";
        async Task<Dictionary<string, string>> ReceiptsAsync() => await site.WithDbAsync(db => db.Set<Comment>()
            .Where(c => c.Status == CommentStatus.Published && (c.Body.Contains(hearingOpinion) && c.Channel == CommentChannel.Hearing || c.Body.Contains(webComment)))
            .ToDictionaryAsync(c => c.Body.Contains(webComment) ? "web" : "hearing", c => c.ReceiptNumber));
        async Task<List<string>> FoundAsync(string query) => (await CommentsAsync(client, query)).Select(i => i.GetProperty("url").GetString()!).ToList();

        var before = await ReceiptsAsync();
        Assert.Equal(2, before.Count);
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(5), async () => (await FoundAsync(hearingOpinion)).Any(u => u.EndsWith("#" + before["hearing"], StringComparison.Ordinal))),
            "the demo's hearing opinion is not searchable as a comment");
        Assert.Contains(await FoundAsync(webComment), u => u.EndsWith("#" + before["web"], StringComparison.Ordinal));

        using (var scope = site.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyAsync("demo", CancellationToken.None);
        }
        var after = await ReceiptsAsync();
        Assert.NotEqual(before["hearing"], after["hearing"]);
        Assert.NotEqual(before["web"], after["web"]);

        bool Current(List<string> urls, string key) =>
            urls.Any(u => u.EndsWith("#" + after[key], StringComparison.Ordinal)) && !urls.Any(u => u.EndsWith("#" + before[key], StringComparison.Ordinal));
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(20), async () => Current(await FoundAsync(hearingOpinion), "hearing") && Current(await FoundAsync(webComment), "web")),
            "after the re-import the index still holds the old receipts or lacks the new ones");
        // No stale receipt at all: every comment the index returns for its own receipt number exists.
        var all = await site.WithDbAsync(db => db.Set<Comment>().Select(c => c.ReceiptNumber).ToListAsync());
        foreach (var receipt in before.Values)
        {
            Assert.DoesNotContain(receipt, all);
            Assert.Empty(await CommentsAsync(client, receipt));
        }
    }
}
