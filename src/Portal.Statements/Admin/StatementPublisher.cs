using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Statements.Admin;

/// <summary>Wakes the publisher early when a schedule is set on this node (other nodes are caught by the poll).</summary>
public sealed class StatementSchedule
{
    private readonly SemaphoreSlim signal = new(0);

    public void Changed()
    {
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    internal Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(cancellationToken);
}

/// <summary>
/// Publishes scheduled statements at their time without anyone acting. It sleeps on the injected
/// <see cref="TimeProvider"/> until the next release (at most <see cref="PollInterval"/>, so schedules made on another
/// node are seen). The public never waits for it: the visibility rule already compares with the clock.
/// </summary>
internal sealed partial class StatementPublisher(IServiceScopeFactory scopes, TimeProvider clock, StatementSchedule schedule, ILogger<StatementPublisher> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? next = null;
            try
            {
                using var scope = scopes.CreateScope();
                next = await scope.ServiceProvider.GetRequiredService<PublishStatement>().PublishDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
            var wait = next is { } at ? at - clock.GetUtcNow() : PollInterval;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > PollInterval ? PollInterval : wait;
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                await Task.WhenAny(Task.Delay(wait, clock, round.Token), schedule.WaitAsync(round.Token));
            }
            finally
            {
                await round.CancelAsync();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing scheduled statements failed; retrying on the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
