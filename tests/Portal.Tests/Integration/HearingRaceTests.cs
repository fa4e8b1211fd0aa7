using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Hearings.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// Sign-ups racing other writers of the same hearing on PostgreSQL, where nodes do not share a writer. The test holds a
/// row lock of its own to stop a sign-up after it has read the hearing, lets the other writer in, then lets go: the
/// interleaving is forced, not hoped for. On SQLite every write transaction holds the file's one write lock from its
/// first statement (BEGIN IMMEDIATE), so none of these interleavings can happen there.
/// </summary>
public sealed class HearingRaceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(PostgresDatabase database)
    {
        var settings = new Dictionary<string, string?> { ["Portal:Recipe"] = "setup", ["Portal:Hearings:SignUpsPerIpPerMinute"] = "100000" };
        database.Use(settings);
        return settings;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task ReSignUpsAfterACancellation_OnTwoNodesAtOnce_TakeOneSeat_AndTheCodeGivenOutWorks()
    {
        await using var database = new PostgresDatabase();
        using var first = new PortalFactory(settings: Settings(database));
        await HearingTests.ScheduleAsync(first, "again", 5, DateTimeOffset.UtcNow);
        using var second = new PortalFactory(settings: Settings(database));
        var nodes = new[] { first.CreateClient(), second.CreateClient() };
        var earlier = await JsonAsync(await HearingTests.SignUpAsync(nodes[0], "again", "back@example.com"));
        var cancelled = await nodes[0].DeleteAsync($"/api/v1/hearings/registrations/{earlier.GetProperty("code").GetString()}?token={earlier.GetProperty("cancelToken").GetString()}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        // The person sends the form again from two tabs, each reaching another node, while staff hold the hearing row.
        await using var staff = await HoldHearingAsync(database, "again");
        var racing = nodes.Select(node => HearingTests.SignUpAsync(node, "again", "back@example.com")).ToList();
        await WaitForLockWaitersAsync(database, 2);
        await staff.Transaction.CommitAsync();
        var responses = await Task.WhenAll(racing);

        var statuses = string.Join(",", responses.Select(r => (int)r.StatusCode));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Created) == 1 && responses.Count(r => r.StatusCode == HttpStatusCode.Conflict) == 1, statuses);
        var answer = await JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        var row = await first.WithDbAsync(db => db.Set<Registration>().SingleAsync(r => r.Email == "back@example.com"));
        Assert.Equal(RegistrationStatus.Confirmed, row.Status);
        Assert.Equal(answer.GetProperty("code").GetString(), row.Code);
        Assert.Equal(1, await first.WithDbAsync(db => db.Set<Hearing>().Where(h => h.Slug == "again").Select(h => h.SeatsTaken).SingleAsync()));
        // The code the person was sent opens their registration.
        var page = await nodes[1].GetAsync($"/hearings/again/registrations/{row.Code}?token={answer.GetProperty("cancelToken").GetString()}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("status-confirmed", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LotterySignUp_RacingTheDrawOnAnotherNode_IsDrawnOrRefused_NeverLeftUndrawn()
    {
        var clock = new FakeTimeProvider(Start);
        await using var database = new PostgresDatabase();
        using var drawing = new PortalFactory(clock: clock, settings: Settings(database));
        var staff = await HearingTests.ScheduleAsync(drawing, "draw-race", 2, Start, "lottery");
        using var signing = new PortalFactory(clock: clock, settings: Settings(database));
        var citizens = signing.CreateClient();
        foreach (var who in new[] { "a", "b", "c" })
        {
            Assert.Equal(HttpStatusCode.Created, (await HearingTests.SignUpAsync(citizens, "draw-race", $"{who}@example.com")).StatusCode);
        }
        clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));

        // The last sign-up has passed the window check a second before the close when it is held up (here by an
        // uncommitted row with its email); meanwhile the close passes and staff draw on the other node.
        await using var holder = await HoldEmailAsync(database, "draw-race", "late@example.com");
        var late = HearingTests.SignUpAsync(citizens, "draw-race", "late@example.com");
        await WaitForLockWaitersAsync(database, 1);
        clock.Advance(TimeSpan.FromSeconds(1));
        var draw = staff.PostAsJsonAsync("/api/v1/admin/hearings/draw-race/draw", new { seedPhrase = "公开摇号" });
        // The draw either finishes, or waits for the sign-up.
        await WaitForLockWaitersAsync(database, 2, until: () => draw.IsCompleted);
        await holder.Transaction.RollbackAsync();

        Assert.Equal(HttpStatusCode.OK, (await draw).StatusCode);
        var answer = await late;
        var rows = await drawing.WithDbAsync(db => db.Set<Registration>().Select(r => new { r.Code, r.Email, r.Status, r.Rank }).ToListAsync());
        Assert.DoesNotContain(rows, r => r.Status == RegistrationStatus.Registered);
        if (answer.StatusCode == HttpStatusCode.Created)
        {
            Assert.Equal(4, rows.Count);
            Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Rank).Order());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.DoesNotContain(rows, r => r.Email == "late@example.com");
        }
        var page = await citizens.GetStringAsync("/hearings/draw-race");
        Assert.Equal(rows.Count, System.Text.RegularExpressions.Regex.Matches(page, "<td><code>TZ-").Count);
    }

    [Theory]
    [InlineData("\"State\" = 2", "这场听证会已取消。")]
    [InlineData("\"RegistrationClosesUtc\" = now() - interval '1 minute'", "报名已于")]
    public async Task SignUp_RacingACancellationOrAnEarlierClose_IsRefused_AndTakesNoSeat(string change, string message)
    {
        await using var database = new PostgresDatabase();
        using var site = new PortalFactory(settings: Settings(database));
        await HearingTests.ScheduleAsync(site, "called-off", 5, DateTimeOffset.UtcNow);
        var client = site.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await HearingTests.SignUpAsync(client, "called-off", "early@example.com")).StatusCode);

        // Staff's change is written but not yet committed when the sign-up reads the hearing.
        await using var staff = await HoldHearingAsync(database, "called-off", change);
        var signUp = HearingTests.SignUpAsync(client, "called-off", "late@example.com");
        await WaitForLockWaitersAsync(database, 1);
        await staff.Transaction.CommitAsync();

        var refused = await signUp;
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(message, (await JsonAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<Hearing>().Select(h => h.SeatsTaken).SingleAsync()));
        Assert.Equal(["early@example.com"], await site.WithDbAsync(db => db.Set<Registration>().Select(r => r.Email).ToListAsync()));
    }

    [Fact]
    public async Task Cancellation_RacingASignUpOnAnotherNode_WritesToThatPerson_OrTheSignUpIsRefused()
    {
        await using var database = new PostgresDatabase();
        using var cancelling = new PortalFactory(settings: Settings(database));
        var staff = await HearingTests.ScheduleAsync(cancelling, "off-race", 5, DateTimeOffset.UtcNow);
        using var signing = new PortalFactory(settings: Settings(database));
        var citizens = signing.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await HearingTests.SignUpAsync(citizens, "off-race", "early@example.com")).StatusCode);

        // The sign-up and the cancellation both queue for the hearing row; whichever goes first, the other sees it.
        await using var holder = await HoldHearingAsync(database, "off-race");
        var late = HearingTests.SignUpAsync(citizens, "off-race", "late@example.com");
        await WaitForLockWaitersAsync(database, 1);
        var cancel = staff.PostAsJsonAsync("/api/v1/admin/hearings/off-race/cancel", new { reason = "会场临时无法使用，听证会取消。" });
        await WaitForLockWaitersAsync(database, 2, until: () => cancel.IsCompleted);
        await holder.Transaction.CommitAsync();

        Assert.Equal(HttpStatusCode.OK, (await cancel).StatusCode);
        var answer = await late;
        var registered = await cancelling.WithDbAsync(db => db.Set<Registration>().Select(r => new { r.Email, r.Code }).ToListAsync());
        var told = await cancelling.WithDbAsync(db => db.Set<Portal.Notifications.Model.OutboxMessage>()
            .Where(m => m.DeduplicationKey!.EndsWith(":hearing-cancelled")).Select(m => m.DeduplicationKey!).ToListAsync());
        if (answer.StatusCode == HttpStatusCode.Created)
        {
            Assert.Equal(2, registered.Count);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            Assert.Equal(["early@example.com"], registered.Select(r => r.Email));
        }
        // Everyone registered when the cancellation committed is written to, once.
        Assert.Equal(registered.Select(r => $"hearing-update:{r.Code}:hearing-cancelled").Order(), told.Order());
    }

    /// <summary>A connection with an open transaction, as a member of staff's save that has not committed yet.</summary>
    internal sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public NpgsqlTransaction Transaction => transaction;

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    internal static async Task<Held> BeginAsync(PostgresDatabase database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return new Held(connection, await connection.BeginTransactionAsync());
    }

    /// <summary>Locks the hearing row as staff actions do (an UPDATE of it), optionally changing it.</summary>
    private static async Task<Held> HoldHearingAsync(PostgresDatabase database, string slug, string change = "\"ModifiedUtc\" = now()")
    {
        var held = await BeginAsync(database);
        await using var update = new NpgsqlCommand($"UPDATE \"Hearings\" SET {change} WHERE \"Slug\" = @slug", held.Transaction.Connection, held.Transaction);
        update.Parameters.AddWithValue("slug", slug);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
        return held;
    }

    /// <summary>An uncommitted registration with this email: a sign-up inserting the same email waits on the unique index.</summary>
    private static async Task<Held> HoldEmailAsync(PostgresDatabase database, string slug, string email)
    {
        var held = await BeginAsync(database);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO "HearingRegistrations" ("HearingId", "Code", "CancelToken", "Name", "Email", "WantsToSpeak", "ConsentToList", "Culture", "Status", "Rank", "CreatedUtc")
            SELECT "Id", 'TZ-HOLD-HOLD', 'hold', 'hold', @email, false, false, 'zh-CN', 0, 0, now() FROM "Hearings" WHERE "Slug" = @slug
            """, held.Transaction.Connection, held.Transaction);
        insert.Parameters.AddWithValue("slug", slug);
        insert.Parameters.AddWithValue("email", email);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        return held;
    }

    /// <summary>
    /// Waits until this many sessions on the database wait for a lock (or <paramref name="until"/> holds); with
    /// <paramref name="tables"/>, only sessions whose statement names one of them count, so a background job briefly
    /// queueing behind another node's cannot stand in for the writer the test waits for.
    /// </summary>
    internal static async Task WaitForLockWaitersAsync(PostgresDatabase database, int count, Func<bool>? until = null, params string[] tables)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
            AND (cardinality(@tables) = 0 OR EXISTS (SELECT 1 FROM unnest(@tables) t WHERE strpos(query, '"' || t || '"') > 0))
            """, connection);
        waiting.Parameters.AddWithValue("tables", tables);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (until?.Invoke() != true && Convert.ToInt32(await waiting.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} sessions came to wait for a lock");
            await Task.Delay(20);
        }
    }
}
