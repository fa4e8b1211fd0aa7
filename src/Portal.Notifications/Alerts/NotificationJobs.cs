using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Notifications.Messages;
using Portal.Notifications.Model;
using Portal.Notifications.Subscriptions;

namespace Portal.Notifications.Alerts;

/// <summary>
/// The periodic work that must run on one node only: the subscription feed, digests, hearing reminders and staff alerts. A node runs it
/// while it holds the <c>notifications</c> job lease (taken with a conditional UPDATE, like outbox rows).
/// </summary>
public sealed class NotificationJobs(IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options)
{
    public const string LeaseName = "notifications";

    public string NodeId { get; } = $"{Environment.MachineName[..Math.Min(20, Environment.MachineName.Length)]}-{Guid.NewGuid():N}";

    /// <summary>One round; false when another node holds the lease.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!await TryLeaseAsync(cancellationToken))
        {
            return false;
        }
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubscriptionFeed>().RunAsync(cancellationToken);
        }
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SubscriptionFeed>().SendDigestsAsync(cancellationToken);
        }
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HearingReminders>().RunAsync(cancellationToken);
        }
        using (var scope = scopes.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffAlerts>().RunAsync(cancellationToken);
        }
        return true;
    }

    private async Task<bool> TryLeaseAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var now = clock.GetUtcNow();
        var expires = now.AddSeconds(Math.Max(options.Value.JobSeconds * 3, 60));
        if (!await db.Set<JobLease>().AnyAsync(l => l.Name == LeaseName, cancellationToken))
        {
            db.Add(new JobLease { Name = LeaseName, Owner = "", ExpiresUtc = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created it first.
            }
        }
        var owner = NodeId;
        return await db.Set<JobLease>().Where(l => l.Name == LeaseName && (l.Owner == owner || l.ExpiresUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, owner).SetProperty(l => l.ExpiresUtc, expires), cancellationToken) == 1;
    }
}

internal sealed class NotificationJobsService(NotificationJobs jobs, IOptions<NotificationOptions> options, ILogger<NotificationJobsService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.JobsEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await jobs.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("Notification jobs failed this round: {Error}", e.Message);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.JobSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
