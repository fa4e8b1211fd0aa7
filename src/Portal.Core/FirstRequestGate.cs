namespace Portal.Core;

/// <summary>
/// Lets background work that no page is waiting for (building or catching up the search index, sealing the audit
/// trail) start only once the first request has been answered, or after <see cref="MaxWait"/> if none comes. On a
/// two-core machine the first page otherwise shares the CPU with all of it just after start. Nothing is lost by
/// waiting: both work from durable rows in the database. The notification jobs are not held back: they run at start,
/// as their schedule says.
/// </summary>
public sealed class FirstRequestGate
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(3);

    private readonly TaskCompletionSource answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => answered.Task.IsCompleted;

    /// <returns>Whether this call opened it (true once per process).</returns>
    public bool Open() => answered.TrySetResult();

    /// <summary>
    /// Completes when the first request has been answered, after <see cref="MaxWait"/> at most, or at once when
    /// <paramref name="stopping"/> fires (the caller's loop then sees it and ends).
    /// </summary>
    public async Task WaitAsync(CancellationToken stopping)
    {
        try
        {
            await answered.Task.WaitAsync(MaxWait, stopping);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
