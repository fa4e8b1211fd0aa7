using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>A connection with an open transaction, as a member of staff's save that has not committed yet.</summary>
    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public NpgsqlTransaction Transaction => transaction;

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    private static async Task<Held> BeginAsync(PostgresDatabase database)
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

    /// <summary>Waits until this many sessions on the database wait for a lock.</summary>
    private static async Task WaitForLockWaitersAsync(PostgresDatabase database, int count)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Convert.ToInt32(await waiting.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} sessions came to wait for a lock");
            await Task.Delay(20);
        }
    }
}
