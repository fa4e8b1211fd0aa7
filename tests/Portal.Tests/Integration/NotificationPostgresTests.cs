using Microsoft.EntityFrameworkCore;
using Portal.Notifications.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>Two web nodes sharing one PostgreSQL database, each with its own dispatcher, never send a message twice.</summary>
public sealed class NotificationPostgresTests
{
    [Fact]
    public async Task TwoNodes_SendEveryMessageExactlyOnce()
    {
        await using var smtp = await SmtpTestServer.CreateAsync();
        await using var database = new PostgresDatabase();
        Dictionary<string, string?> Node()
        {
            var settings = NotificationTests.MailSettings(smtp);
            database.Use(settings);
            settings["Portal:Notifications:BatchSize"] = "7";
            settings["Portal:Notifications:PollSeconds"] = "0.05";
            settings["Portal:Notifications:JobsEnabled"] = "true";
            settings["Portal:Notifications:JobSeconds"] = "0.2";
            return settings;
        }
        using var first = new PortalFactory(settings: Node());
        _ = first.Services;
        using var second = new PortalFactory(settings: Node());
        _ = second.Services;

        // Queued from both nodes while both dispatchers poll.
        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 5; i++) { await NotificationTests.QueueAsync(first, 20, $"first-{i}"); } }),
            Task.Run(async () => { for (var i = 0; i < 5; i++) { await NotificationTests.QueueAsync(second, 20, $"second-{i}"); } }));
        await smtp.WaitForAsync(200, timeout: TimeSpan.FromSeconds(90));
        await NotificationTests.WaitUntilAsync(first, db => db.Set<OutboxMessage>().AllAsync(m => m.Status == OutboxStatus.Sent));
        await Task.Delay(1500);
        var arrived = smtp.Messages();
        Assert.Equal(200, arrived.Count);
        Assert.Equal(200, arrived.Select(m => m.MessageId).Distinct().Count());
        var stored = await first.WithDbAsync(db => db.Set<OutboxMessage>().Select(m => m.MessageId).ToListAsync());
        Assert.Equal(stored.Order(StringComparer.Ordinal), arrived.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.True(await first.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.Attempts == 1)));

        // The periodic jobs ran on PostgreSQL too, on one node at a time.
        Assert.Single(await first.WithDbAsync(db => db.Set<JobLease>().Where(l => l.Owner != "").ToListAsync()));
        Assert.True(await first.WithDbAsync(db => db.Set<ChangeCursor>().AnyAsync()));
    }
}
