using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Consultations.Model;
using Portal.Consultations.Public;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Notifications.Alerts;
using Portal.Notifications.Model;
using Portal.Search.Index;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// A site whose comments were masked under older rules: at the next start their public copies are masked again, the
/// page, the search index and the open data show the new copy, the original stays for staff, and nobody following the
/// consultation is mailed about it.
/// </summary>
public sealed class StoredCommentMaskingTests
{
    private const string Original = "建议增设夜间照明改造，请致电 １３９１２３４５６７８ 或座机 ０２８－６１２３４５６７ 联系我。";
    private const string Masked = "建议增设夜间照明改造，请致电 １３９****５６７８ 或座机 ０２８-****６７ 联系我。";

    /// <summary>The test runs the notification jobs itself (the site's own loop would race it for the same lease).</summary>
    private static readonly Dictionary<string, string?> Settings = new() { ["Portal:Notifications:JobsEnabled"] = "false" };

    [Fact]
    public async Task CopiesStoredUnderOlderRules_AreMaskedAgainAtStart_SilentlyForFollowers()
    {
        var data = TempDirectory.Create("remask");
        string receipt, slug;
        long lastChangeBefore;
        using (var before = new PortalFactory(data, Settings))
        {
            // What an earlier release stored: a full-width mobile and landline left as written in the public copy,
            // and no record of the masking pass (the key did not exist then).
            (receipt, slug) = await before.WithDbAsync(async db =>
            {
                var comment = await db.Set<Comment>()
                    .Where(c => c.Status == CommentStatus.Published && c.ConsentToPublish
                        && db.Set<Consultation>().Any(k => k.Id == c.ConsultationId && k.State != ConsultationState.Draft))
                    .OrderBy(c => c.Id).FirstAsync();
                var consultation = await db.Set<Consultation>().SingleAsync(k => k.Id == comment.ConsultationId);
                await db.Set<Comment>().Where(c => c.Id == comment.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Body, Original).SetProperty(c => c.PublicBody, Original));
                await db.Settings.Where(s => s.Key == DataUpgrades.KeyPrefix + "comment-masking").ExecuteDeleteAsync();
                // Following since after the import (which is not news to them), before the next start.
                db.Add(new Subscription
                {
                    Email = "follower@example.com", Topic = $"consultation:{consultation.Slug}", Frequency = DigestFrequency.Immediate,
                    Token = new string('a', 40), CreatedUtc = DateTimeOffset.UtcNow, ConfirmedUtc = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
                return (comment.ReceiptNumber, consultation.Slug);
            });
            lastChangeBefore = await before.WithDbAsync(db => db.ContentChanges.MaxAsync(c => c.Id));
        }

        using var after = new PortalFactory(data, Settings);
        var client = after.CreateClient();
        var stored = await after.WithDbAsync(db => db.Set<Comment>().AsNoTracking().SingleAsync(c => c.ReceiptNumber == receipt));
        Assert.Equal(Masked, stored.PublicBody);
        Assert.Equal(Original, stored.Body);
        Assert.Equal(CommentText.RulesVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await after.WithDbAsync(db => db.Settings.Where(s => s.Key == DataUpgrades.KeyPrefix + "comment-masking").Select(s => s.Value).SingleAsync()));
        var change = await after.WithDbAsync(db => db.ContentChanges.AsNoTracking()
            .SingleAsync(c => c.Id > lastChangeBefore && c.Source == CommentSource.Name && c.Key == receipt && c.Silent));

        // The public page that holds the comment, and the open data.
        var item = await after.WithDbAsync(async db => (await new CommentSource(db, TimeProvider.System).FindAsync(receipt, CancellationToken.None))!);
        var page = await client.GetStringAsync(item.Url.Split('#')[0]);
        Assert.Contains("１３９****５６７８", page);
        Assert.DoesNotContain("１３９１２３４５６７８", page);
        Assert.DoesNotContain("６１２３４５６７", page);
        var csv = await client.GetStringAsync($"/consultations/{slug}/comments.csv");
        Assert.Contains(Masked, csv);
        Assert.DoesNotContain("１３９１２３４５６７８", csv);

        // The search index takes the new copy from the change log.
        await after.Services.GetRequiredService<SearchIndex>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();
        string snippets;
        do
        {
            var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString("夜间照明改造"));
            snippets = string.Join("\n", json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("snippet").GetString()));
            if (snippets.Contains("****", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(100);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains("１３９****５６７８", snippets);
        Assert.DoesNotContain("１３９１２３４５６７８", snippets);

        // The follower hears nothing of the silent change; the same change made audibly would have reached them.
        var jobs = after.Services.GetRequiredService<NotificationJobs>();
        // (The feed takes up to 1,000 changes a round; the demo's import wrote more.)
        for (var round = 0; round < 20 && !await HandledAsync(after, change.Id); round++)
        {
            await jobs.RunOnceAsync(CancellationToken.None);
        }
        Assert.True(await HandledAsync(after, change.Id), "the feed did not reach the change");
        Assert.Equal(0, await UpdatesToFollowerAsync(after));
        await after.WithDbAsync(async db =>
        {
            db.RecordChange(CommentSource.Name, receipt, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        await jobs.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, await UpdatesToFollowerAsync(after));

        // A further start finds the pass done at this version and leaves the change log alone.
        var changes = await after.WithDbAsync(db => db.ContentChanges.CountAsync());
        after.Dispose();
        using var again = new PortalFactory(data, Settings);
        again.CreateClient();
        Assert.Equal(changes, await again.WithDbAsync(db => db.ContentChanges.CountAsync()));
    }

    private static Task<bool> HandledAsync(PortalFactory site, long changeId) =>
        site.WithDbAsync(async db => await db.Set<HandledChange>().AnyAsync(h => h.ChangeId == changeId)
            || await db.Set<ChangeCursor>().AnyAsync(c => c.LowWaterId >= changeId));

    private static Task<int> UpdatesToFollowerAsync(PortalFactory site) =>
        site.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.To == "follower@example.com" && m.Template == "subscription-update"));
}
