using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Data;

/// <summary>
/// Group commit for citizens' submissions (comments, sign-ups). A durable commit costs an fsync and SQLite has one
/// writer, so a transaction per submission caps intake at a few dozen a second while the others queue on the file
/// lock. Instead one writer per process takes every submission waiting at that moment, runs them one after another in
/// ONE transaction, commits once, and only then answers each caller: nothing is acknowledged before it is on disk.
/// Each submission's rules run unchanged inside that transaction (deadlines, capacity and counters as conditional SQL),
/// so several nodes on one PostgreSQL stay correct. A refusal rolls back to the submission's savepoint; an exception
/// or a failed commit makes the writer store that batch again one submission per transaction, so one bad item cannot
/// fail the others. A write runs in its caller's execution context (culture, the HTTP request the audit trail names)
/// with the batch's scope, so the events it raises add their rows (mail, audit, change log) to the same unit of work.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 100;

    /// <summary>A batch slower than this is logged with where its time went (the write lock, the work, the commit).</summary>
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(250);
    private readonly Channel<Submission> queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory scopes;
    private readonly IDatabaseBusy busy;
    private readonly Localization.TextCatalog text;
    private readonly ILogger<GroupCommit> log;
    private readonly Task writer;

    public GroupCommit(IServiceScopeFactory scopes, IDatabaseBusy busy, Localization.TextCatalog text, ILogger<GroupCommit> log)
    {
        this.scopes = scopes;
        this.busy = busy;
        this.text = text;
        this.log = log;
        // The writer must not inherit the first caller's request (its culture, its HTTP context).
        using (ExecutionContext.SuppressFlow())
        {
            writer = Task.Run(WriteAllAsync);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> (which saves but never begins or commits a transaction) together with the other
    /// submissions waiting now, and completes once its changes are committed. A refusal stores nothing. When the
    /// database stays locked past its lock wait (<see cref="IDatabaseBusy"/>) the answer is a 503 refusal in the caller's
    /// language, so the form shows again with what the citizen wrote and says to send it again.
    /// </summary>
    public async Task<Result<T>> WriteAsync<T>(Func<IServiceProvider, CancellationToken, Task<Result<T>>> write)
    {
        var submission = new Submission<T>(write, ExecutionContext.Capture());
        if (!queue.Writer.TryWrite(submission))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }
        try
        {
            return await submission.Answer;
        }
        catch (Exception e) when (busy.IsBusy(e))
        {
            return new Refusal(text.Translate(DatabaseBusyAnswer.Message), Status: 503);
        }
    }


    /// <summary>Takes no more submissions and waits for the writer to store those already waiting.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    public void Dispose() => queue.Writer.TryComplete();

    private async Task WriteAllAsync()
    {
        var batch = new List<Submission>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var submission))
            {
                batch.Add(submission);
            }
            if (batch.Count == 1 || !await TryTogetherAsync(batch))
            {
                foreach (var submission in batch)
                {
                    await AloneAsync(submission);
                }
            }
            batch.Clear();
        }
    }

    /// <summary>False when the batch was rolled back before its commit and is to be stored one by one.</summary>
    private async Task<bool> TryTogetherAsync(List<Submission> batch)
    {
        var committing = false;
        (TimeSpan Total, TimeSpan Locked, TimeSpan Worked) timing = default;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            // Each submission has its savepoint already; EF's own one around every SaveChanges would add two round trips.
            db.Database.AutoSavepointsEnabled = false;
            var started = TimeProvider.System.GetTimestamp();
            TimeSpan locked = default, worked = default;
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                committing = false;
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync();
                locked = TimeProvider.System.GetElapsedTime(started);
                foreach (var submission in batch)
                {
                    await transaction.CreateSavepointAsync("submission");
                    if (!await submission.RunAsync(scope.ServiceProvider))
                    {
                        await transaction.RollbackToSavepointAsync("submission");
                    }
                    await transaction.ReleaseSavepointAsync("submission");
                    db.ChangeTracker.Clear();
                }
                committing = true;
                worked = TimeProvider.System.GetElapsedTime(started);
                await transaction.CommitAsync();
            });
            timing = (TimeProvider.System.GetElapsedTime(started), locked, worked);
        }
        catch (Exception e) when (!committing && busy.IsBusy(e))
        {
            // Another writer held the database past the lock wait: nothing was stored, and storing the batch one by one
            // would wait that long again for each submission while everything behind it queues. Each caller is answered
            // at once, to send it again (a 503).
            log.LogWarning("A batch of {Count} submissions waited past the lock wait for the database; each is answered to send it again", batch.Count);
            foreach (var submission in batch)
            {
                submission.Fail(e);
            }
            return true;
        }
        catch (Exception e) when (!committing && e is not OutOfMemoryException)
        {
            log.LogInformation(e, "A batch of {Count} submissions could not be stored together; storing them one by one", batch.Count);
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The commit itself failed: whether it reached the disk is unknown, so nothing is written again (that could
            // store a comment twice); every caller gets the error, as with a transaction of its own.
            foreach (var submission in batch)
            {
                submission.Fail(e);
            }
            return true;
        }
        foreach (var submission in batch)
        {
            submission.Complete();
        }
        if (timing.Total > Slow)
        {
            // Time spent in an attempt the execution strategy retried counts as waiting for the write lock.
            log.LogInformation("A batch of {Count} submissions took {Total:0} ms: {Lock:0} ms waiting for the write lock, {Work:0} ms of work, {Commit:0} ms committing",
                batch.Count, timing.Total.TotalMilliseconds, timing.Locked.TotalMilliseconds, (timing.Worked - timing.Locked).TotalMilliseconds,
                (timing.Total - timing.Worked).TotalMilliseconds);
        }
        return true;
    }

    private async Task AloneAsync(Submission submission)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync();
                if (await submission.RunAsync(scope.ServiceProvider))
                {
                    await transaction.CommitAsync();
                }
            });
            submission.Complete();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            submission.Fail(e);
        }
    }

    private abstract class Submission
    {
        /// <summary>Runs the write inside the current transaction; true when it succeeded and its changes are to be kept.</summary>
        public abstract Task<bool> RunAsync(IServiceProvider services);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Submission<T>(Func<IServiceProvider, CancellationToken, Task<Result<T>>> write, ExecutionContext? context) : Submission
    {
        private readonly TaskCompletionSource<Result<T>> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Result<T> result;

        public Task<Result<T>> Answer => answer.Task;

        public override async Task<bool> RunAsync(IServiceProvider services)
        {
            result = await StartInCallersContext(services);
            return result.Succeeded;
        }

        public override void Complete() => answer.TrySetResult(result);

        public override void Fail(Exception exception) => answer.TrySetException(exception);

        private Task<Result<T>> StartInCallersContext(IServiceProvider services)
        {
            if (context is null)
            {
                return write(services, CancellationToken.None);
            }
            Task<Result<T>>? started = null;
            // The write's awaits capture this context, so all of it runs as the caller; the writer's own is restored after.
            ExecutionContext.Run(context, _ => started = write(services, CancellationToken.None), null);
            return started!;
        }
    }
}
