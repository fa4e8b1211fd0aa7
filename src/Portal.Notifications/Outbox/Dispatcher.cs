using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Notifications.Model;

namespace Portal.Notifications.Outbox;

/// <summary>
/// Sends what the outbox holds. A node first takes a lease on a batch of due rows with one conditional UPDATE
/// (only rows that are queued and not leased by anyone else), so on SQLite (one writer) and PostgreSQL (the UPDATE
/// re-checks its condition after waiting on a row lock) two nodes never both own a row. Sent rows are marked by the
/// lease holder only; failures are retried with exponential backoff until <see cref="NotificationOptions.MaxAttempts"/>.
/// </summary>
public sealed class Dispatcher(IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<Dispatcher> log)
{
    /// <summary>Sends one batch. Returns how many rows it took (0 when nothing was due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var renderer = scope.ServiceProvider.GetRequiredService<MailRenderer>();
        var now = clock.GetUtcNow();
        var candidates = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now && (m.LeaseExpiresUtc == null || m.LeaseExpiresUtc < now))
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }
        var lease = Guid.NewGuid().ToString("N");
        var expires = now.AddSeconds(settings.LeaseSeconds);
        var taken = await db.Set<OutboxMessage>()
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Queued && (m.LeaseExpiresUtc == null || m.LeaseExpiresUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, lease).SetProperty(m => m.LeaseExpiresUtc, expires), cancellationToken);
        if (taken == 0)
        {
            return 0;
        }
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Include(m => m.Attachments)
            .Where(m => m.LeaseOwner == lease).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        IMailSession? session = null;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                MimeKit.MimeMessage message;
                try
                {
                    message = await renderer.RenderAsync(row, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await FailAsync(db, row, lease, "Template: " + e.Message, cancellationToken);
                    continue;
                }
                try
                {
                    session ??= await transport.OpenAsync(cancellationToken);
                    await session.SendAsync(message, cancellationToken);
                }
                catch (MessageRejectedException e)
                {
                    await FailAsync(db, row, lease, e.Message, cancellationToken);
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The server is unreachable or dropped us: this row and the rest of the batch wait for the next attempt.
                    log.LogWarning("Mail server unavailable ({Error}); {Count} messages will be retried", e.Message, rows.Count - i);
                    foreach (var rest in rows.Skip(i))
                    {
                        await FailAsync(db, rest, lease, e.Message, CancellationToken.None);
                    }
                    return rows.Count;
                }
                var sentAt = clock.GetUtcNow();
                await db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.LeaseOwner == lease)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.SentUtc, sentAt)
                        .SetProperty(m => m.Attempts, row.Attempts + 1)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseExpiresUtc, (DateTimeOffset?)null)
                        .SetProperty(m => m.LastError, ""), CancellationToken.None);
                log.LogInformation("Sent message {Id} ({Template}) to {To}", row.Id, row.Template, AddressMask.Mask(row.To));
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
        return rows.Count;
    }

    /// <summary>Sends until nothing is due (tests and the background loop).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await RunOnceAsync(cancellationToken) > 0)
        {
        }
    }

    public TimeSpan Backoff(int attempts)
    {
        var settings = options.Value;
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.RetryMaxSeconds));
    }

    private async Task FailAsync(PortalDb db, OutboxMessage row, string lease, string error, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        var failed = attempts >= options.Value.MaxAttempts;
        var next = clock.GetUtcNow() + Backoff(attempts);
        var text = error.Length > 1000 ? error[..1000] : error;
        await db.Set<OutboxMessage>().Where(m => m.Id == row.Id && m.LeaseOwner == lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Queued)
                .SetProperty(m => m.NextAttemptUtc, next)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresUtc, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, text), cancellationToken);
        if (failed)
        {
            log.LogError("Message {Id} ({Template}) to {To} failed after {Attempts} attempts: {Error}", row.Id, row.Template, AddressMask.Mask(row.To), attempts, text);
        }
        else
        {
            log.LogInformation("Message {Id} ({Template}) to {To} will be retried at {Next:u}", row.Id, row.Template, AddressMask.Mask(row.To), next);
        }
    }
}

/// <summary>Runs the dispatcher on every node; the leases keep the nodes from sending the same message.</summary>
internal sealed class DispatcherService(Dispatcher dispatcher, IOptions<NotificationOptions> options, ILogger<DispatcherService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await dispatcher.RunOnceAsync(stoppingToken) > 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("The mail dispatcher could not read the outbox: {Error}", e.Message);
            }
            if (!busy)
            {
                try
                {
                    // Polling uses real time: a test's fake clock moves deadlines, not the loop.
                    await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
