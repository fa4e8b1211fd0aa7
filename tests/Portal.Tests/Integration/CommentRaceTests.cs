using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Consultations.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Comments racing each other on two nodes of one PostgreSQL database, where the nodes do not share a writer. As in
/// <see cref="HearingRaceTests"/>, the test holds the consultation's row itself until both nodes' writers are queued
/// behind it, so the interleaving is forced, not hoped for. On SQLite the one write lock is taken at BEGIN IMMEDIATE,
/// before any check, so no such interleaving can happen there.
/// </summary>
public sealed class CommentRaceTests
{
    private const int PerEmailPerHour = 5;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(PostgresDatabase database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup",
            ["Portal:Consultations:CommentsPerIpPerMinute"] = "100000",
            ["Portal:Consultations:CommentsPerEmailPerHour"] = PerEmailPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        database.Use(settings);
        return settings;
    }

    [Fact]
    public async Task ParallelComments_FromOneEmail_OnTwoNodes_AreAcceptedUpToTheHourlyLimit_AndTheRestRefusedWith429()
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = new PostgresDatabase();
        using var first = new PortalFactory(clock: clock, settings: Settings(database));
        await ConsultationTests.PublishedDraftAsync(first, "one-address", TimeSpan.FromDays(7));
        using var second = new PortalFactory(clock: clock, settings: Settings(database));
        var nodes = new[] { first.CreateClient(), second.CreateClient() };
        // One short of the limit: whichever of the parallel comments is stored first reaches it.
        for (var i = 0; i < PerEmailPerHour - 1; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await ConsultationTests.CommentAsync(nodes[i % 2], "one-address", $"第{i}条意见", "same@example.com")).StatusCode);
        }

        // Staff hold the consultation row (as a moderation does) while 20 comments from the address reach both nodes;
        // each node's writer has read the address's count before it queues, one on the row, the other on the receipt counter.
        await using (var staff = await HoldConsultationAsync(database, "one-address"))
        {
            var racing = Enumerable.Range(0, 20).Select(i => ConsultationTests.CommentAsync(nodes[i % 2], "one-address",
                $"并行意见{i}：{Guid.NewGuid()}", i % 4 == 0 ? " Same@Example.com " : "same@example.com")).ToList();
            await HearingRaceTests.WaitForLockWaitersAsync(database, 2, tables: ["Consultations", "ReceiptCounters"]);
            await staff.Transaction.CommitAsync();
            var responses = await Task.WhenAll(racing);

            var statuses = string.Join(",", responses.Select(r => (int)r.StatusCode));
            Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1, statuses);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("Email", problem.GetProperty("field").GetString());
                Assert.Equal("该邮箱在一小时内已提交多条意见。请一小时后再试，或将意见合并为一条。", problem.GetProperty("detail").GetString());
            }
        }

        // The limit is the address's own: another one is accepted at once.
        Assert.Equal(HttpStatusCode.Created, (await ConsultationTests.CommentAsync(nodes[1], "one-address", "另一位市民的意见", "other@example.com")).StatusCode);
        var stored = await first.WithDbAsync(db => db.Set<Comment>().Select(c => new { c.Email, c.ReceiptNumber }).ToListAsync());
        Assert.Equal(PerEmailPerHour, stored.Count(c => c.Email == "same@example.com"));
        // A comment refused at the limit rolls back to its savepoint: it takes neither a receipt number nor a count.
        Assert.Equal(Enumerable.Range(1, PerEmailPerHour + 1).Select(n => $"YJ-2026-{n:000000}"), stored.Select(c => c.ReceiptNumber).Order());
        Assert.Equal(PerEmailPerHour + 1, await first.WithDbAsync(db => db.Set<Consultation>().Select(c => c.CommentCount).SingleAsync()));
    }

    [Fact]
    public async Task TwoCopiesOfOneCampaign_OnTwoNodes_AtOnce_EndUpInOneGroup()
    {
        // The nodes' clocks straddle the new year (Asia/Shanghai), so their receipts come from two counter rows and the
        // counter does not happen to queue one node behind the other: only the consultation's row orders them.
        var lastSecond = new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero);
        var clockA = new FakeTimeProvider(lastSecond.AddMinutes(-5));
        var clockB = new FakeTimeProvider(lastSecond.AddSeconds(2));
        await using var database = new PostgresDatabase();
        using var first = new PortalFactory(clock: clockA, settings: Settings(database));
        await ConsultationTests.PublishedDraftAsync(first, "campaign", TimeSpan.FromDays(7));
        clockA.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using var second = new PortalFactory(clock: clockB, settings: Settings(database));
        const string campaign = "坚决反对第二条的规定，这会增加我们小商户的负担，请求撤回！";

        await using (var staff = await HoldConsultationAsync(database, "campaign"))
        {
            var racing = new[]
            {
                ConsultationTests.CommentAsync(first.CreateClient(), "campaign", campaign, "a@example.com"),
                ConsultationTests.CommentAsync(second.CreateClient(), "campaign", campaign, "b@example.com"),
            };
            await HearingRaceTests.WaitForLockWaitersAsync(database, 2, tables: ["Consultations"]);
            await staff.Transaction.CommitAsync();
            Assert.All(await Task.WhenAll(racing), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        var stored = await first.WithDbAsync(db => db.Set<Comment>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.ReceiptNumber, c.GroupId }).ToListAsync());
        Assert.Equal(["YJ-2026-000001", "YJ-2027-000001"], stored.Select(c => c.ReceiptNumber).Order());
        Assert.All(stored, c => Assert.Equal(stored[0].Id, c.GroupId));
    }

    /// <summary>Locks the consultation row as moderation, responses and finalization do (an UPDATE of it).</summary>
    private static async Task<HearingRaceTests.Held> HoldConsultationAsync(PostgresDatabase database, string slug)
    {
        var held = await HearingRaceTests.BeginAsync(database);
        await using var update = new NpgsqlCommand("""UPDATE "Consultations" SET "ModifiedUtc" = "ModifiedUtc" WHERE "Slug" = @slug""", held.Transaction.Connection, held.Transaction);
        update.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
        return held;
    }
}
