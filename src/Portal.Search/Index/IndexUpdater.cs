using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Search.Index;

/// <summary>
/// Keeps this node's index in step with the durable change log: builds the index when there is none, then every
/// poll reads new (and recently committed out-of-order) change rows, asks the owning source what each item looks
/// like now, writes or deletes it, commits with the log position in the commit's user data, and refreshes searchers.
/// Scheduled rows are applied when their <see cref="ContentChange.DueUtc"/> arrives. A crash or a new node catches up
/// from the position stored in its own index. An index written in an older <see cref="SearchAnalyzer.Format"/> (after
/// an upgrade) keeps answering while a new one is built beside it, as the <c>reindex</c> verb does, and is then left.
/// </summary>
public sealed class IndexUpdater(
    SearchIndex index, IndexBuilder builder, Reindexer reindexer, IServiceScopeFactory scopes, TimeProvider clock,
    IOptions<SearchOptions> options, FirstRequestGate firstRequest, ILogger<IndexUpdater> logger) : BackgroundService
{
    private readonly HashSet<long> applied = [];
    private string? appliedFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await firstRequest.WaitAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!index.IsOpen)
                {
                    index.Open();
                }
                index.FollowPointer();
                var generation = index.Current;
                if (!generation.IsBuilt)
                {
                    var started = DateTime.UtcNow;
                    var (cursor, due, count) = await builder.BuildAsync(generation.Writer, countFirst: false, progress: null, stoppingToken);
                    index.MarkBuilt(generation, cursor, due);
                    logger.LogInformation("Search index built: {Count} items in {Seconds:0.00} s.", count, (DateTime.UtcNow - started).TotalSeconds);
                }
                else if (generation.IsOutdated)
                {
                    logger.LogInformation("Search index {Name} is in format {Old}; this version writes format {New}, so it is rebuilt.",
                        generation.Name, generation.Format, SearchAnalyzer.Format);
                    await reindexer.RunAsync(null, stoppingToken);
                    index.FollowPointer();
                }
                await ApplyChangesAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A database restart or a locked file: try again, slowing down while it lasts.
                failures++;
                logger.Log(failures > 3 ? LogLevel.Warning : LogLevel.Information, e, "Search index update failed ({Failures} in a row); retrying.", failures);
                await Delay(TimeSpan.FromSeconds(Math.Min(30, failures)), stoppingToken);
                continue;
            }
            await Delay(options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>One poll. Internal so tests can drive it without waiting.</summary>
    internal async Task<int> ApplyChangesAsync(CancellationToken cancellationToken)
    {
        var generation = index.Current;
        if (appliedFor != generation.Name)
        {
            applied.Clear();
            appliedFor = generation.Name;
        }
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var cursor = generation.Cursor;
        var dueChecked = generation.DueChecked;
        var trailingId = cursor - settings.TrailingIds;
        var trailingSince = now - settings.TrailingAge;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var changes = db.Set<ContentChange>().AsNoTracking();
        var recent = await changes.Where(c => c.Id > cursor || (c.Id > trailingId && c.ChangedUtc >= trailingSince))
            .OrderBy(c => c.Id).Take(5000).ToListAsync(cancellationToken);
        var due = await changes.Where(c => c.DueUtc > dueChecked && c.DueUtc <= now && c.DueUtc > c.ChangedUtc)
            .OrderBy(c => c.Id).Take(5000).ToListAsync(cancellationToken);
        var work = recent.Where(c => c.DueUtc <= now && !applied.Contains(c.Id)).Concat(due)
            .DistinctBy(c => (c.Source, c.Key)).ToList();
        var newCursor = recent.Count == 0 ? cursor : Math.Max(cursor, recent[^1].Id);
        // When more rows wait than one batch holds, scheduled rows beyond the batch must be read again next time.
        var newDueChecked = due.Count == 5000 ? due[^1].DueUtc.AddTicks(-1) : now;
        if (work.Count == 0 && newCursor == cursor)
        {
            generation.DueChecked = newDueChecked;
            return 0;
        }
        var sources = scope.ServiceProvider.GetServices<IPublicContentSource>().ToDictionary(s => s.Source, StringComparer.Ordinal);
        foreach (var change in work)
        {
            if (sources.TryGetValue(change.Source, out var source))
            {
                SearchIndex.Apply(generation.Writer, change.Source, change.Key, await source.FindAsync(change.Key, cancellationToken));
            }
        }
        foreach (var change in recent.Where(c => c.DueUtc <= now))
        {
            applied.Add(change.Id);
        }
        applied.RemoveWhere(id => id <= newCursor - settings.TrailingIds);
        SearchIndex.Commit(generation.Writer, newCursor, newDueChecked, generation.Format);
        generation.Cursor = newCursor;
        generation.DueChecked = newDueChecked;
        generation.Manager.MaybeRefreshBlocking();
        return work.Count;
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            // Polls run on real time even when tests inject a fake clock for the content's dates.
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
