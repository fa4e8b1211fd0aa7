using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The site as a real process on SQLite (WAL, synchronous=FULL) is killed with SIGKILL while 200 clients submit
/// comments and hearing sign-ups. After a restart on the same data directory, everything any client was told is
/// there, the counters agree with the rows, and SQLite finds the file intact.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public async Task SigkillUnderTwoHundredClients_LosesNoAcknowledgedCommentOrSignUp_AndLeavesNothingHalfWritten()
    {
        var data = TempDirectory.Create("portal-crash");
        var settings = SiteProcess.Settings(data, new Dictionary<string, string?> { ["Portal__Recipe"] = "setup" });
        var token = await SiteProcess.TokenAsync(settings, "admin");
        var receipts = new ConcurrentBag<string>();
        var codes = new ConcurrentDictionary<string, string>();
        int inFlightAtKill;
        await using (var site = await SiteProcess.StartAsync(settings))
        {
            var staff = site.ApiClient(token);
            await LiveSite.CreateConsultationAsync(staff, "crash-drill", "断电演练决策草案");
            await LiveSite.CreateHearingAsync(staff, "crash-hearing", 60);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 400 }) { BaseAddress = new Uri(site.Url), Timeout = TimeSpan.FromSeconds(60) };
            var inFlight = 0;
            var clients = Enumerable.Range(0, 200).Select(c => Task.Run(async () =>
            {
                for (var n = 0; ; n++)
                {
                    var email = $"c{c}-{n}@example.com";
                    Interlocked.Increment(ref inFlight);
                    try
                    {
                        if ((c + n) % 2 == 0)
                        {
                            if (await LiveSite.CommentAsync(client, "crash-drill", email, n) is { } receipt)
                            {
                                receipts.Add(receipt);
                            }
                        }
                        else if (await LiveSite.SignUpAsync(client, "crash-hearing", email) is { } signUp)
                        {
                            codes[signUp.Code] = signUp.Status;
                        }
                    }
                    catch (Exception)
                    {
                        // The server is gone (refused, reset, or no answer): this client stops.
                        return;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }
            })).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (receipts.Count + codes.Count < 150 && DateTime.UtcNow < deadline && !site.HasExited)
            {
                await Task.Delay(20);
            }
            inFlightAtKill = Volatile.Read(ref inFlight);
            await site.KillAsync();
            await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(90));
        }
        Assert.True(inFlightAtKill > 0, "the kill should land while requests are being handled");
        Assert.NotEmpty(receipts);
        Assert.NotEmpty(codes);

        await using var restarted = await SiteProcess.StartAsync(settings);
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, "portal.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        await db.OpenAsync();
        Assert.Equal("ok", await SqlQueries.ScalarAsync(db, "PRAGMA integrity_check"));
        Assert.Equal("wal", await SqlQueries.ScalarAsync(db, "PRAGMA journal_mode"));

        var stored = await SqlQueries.ColumnAsync(db, """SELECT c."ReceiptNumber" FROM "Comments" c JOIN "Consultations" k ON k."Id" = c."ConsultationId" WHERE k."Slug" = 'crash-drill'""");
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Empty(receipts.Except(stored));
        Assert.Equal(stored.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await SqlQueries.ScalarAsync(db, """SELECT "CommentCount" FROM "Consultations" WHERE "Slug" = 'crash-drill'"""));

        var registrations = (await SqlQueries.ColumnAsync(db, """SELECT r."Code" || ' ' || r."Status" FROM "HearingRegistrations" r JOIN "Hearings" h ON h."Id" = r."HearingId" WHERE h."Slug" = 'crash-hearing'"""))
            .Select(x => x.Split(' ')).ToDictionary(x => x[0], x => x[1] switch { "1" => "confirmed", "2" => "waitlisted", _ => x[1] });
        foreach (var (code, status) in codes)
        {
            Assert.True(registrations.TryGetValue(code, out var storedStatus), $"acknowledged sign-up {code} is missing");
            Assert.Equal(status, storedStatus);
        }
        var confirmed = registrations.Count(r => r.Value == "confirmed");
        Assert.Equal(confirmed.ToString(System.Globalization.CultureInfo.InvariantCulture), await SqlQueries.ScalarAsync(db, """SELECT "SeatsTaken" FROM "Hearings" WHERE "Slug" = 'crash-hearing'"""));
        Assert.True(confirmed <= 60);
        Assert.True(confirmed == 60 || registrations.Values.All(s => s == "confirmed"), "a waitlisted sign-up while seats are free");

        // The restarted site carries on: the next receipt is a new number.
        var next = await LiveSite.CommentAsync(restarted.Client, "crash-drill", "after-crash@example.com", 1);
        Assert.NotNull(next);
        Assert.DoesNotContain(next, stored);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync("/consultations/crash-drill")).StatusCode);
    }
}
