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

    private int answeredOnce;

    public bool IsOpen => answered.Task.IsCompleted;

    /// <summary>Lets the waiting work start now (a search, which needs the index, opens it before it is answered).</summary>
    public void Open() => answered.TrySetResult();

    /// <summary>A request was answered: opens the gate.</summary>
    /// <returns>Whether this was the process's first answered request (true once).</returns>
    public bool Answered()
    {
        Open();
        return Interlocked.Exchange(ref answeredOnce, 1) == 0;
    }

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
