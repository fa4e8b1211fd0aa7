using Microsoft.Extensions.Logging;

namespace Portal.Search.Index;

/// <summary>
/// The <c>reindex</c> verb: builds a complete index in a new directory, then moves the pointer to it. Servers keep
/// answering from the old directory until their updater sees the new pointer (within one poll) and switches.
/// </summary>
public sealed class Reindexer(IndexLocation location, IndexBuilder builder, ILogger<Reindexer> logger)
{
    public async Task<(string Name, int Count)> RunAsync(IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        var previous = location.ReadCurrent();
        var name = location.NewName();
        int count;
        using (var generation = SearchIndex.Generation.Open(location, name))
        {
            var (cursor, due, built) = await builder.BuildAsync(generation.Writer, countFirst: progress is not null, progress, cancellationToken);
            SearchIndex.Commit(generation.Writer, cursor, due, SearchAnalyzer.Format);
            count = built;
        }
        location.Point(name);
        // The previous directory stays until the servers have left it; anything older goes now.
        location.DeleteAllBut(name, previous);
        logger.LogInformation("Search index {Name} built with {Count} items.", name, count);
        return (name, count);
    }
}

/// <summary>A one-line progress bar on the console: <c>[#########-----------]  45%  1234/2740  documents</c>.</summary>
public sealed class ConsoleProgress(TextWriter output) : IProgress<BuildProgress>
{
    private int lastPercent = -1;

    public void Report(BuildProgress value)
    {
        var percent = value.Total == 0 ? 100 : (int)(100L * value.Done / value.Total);
        if (percent == lastPercent && value.Done != value.Total)
        {
            return;
        }
        lastPercent = percent;
        const int width = 30;
        var filled = percent * width / 100;
        output.Write($"\r[{new string('#', filled)}{new string('-', width - filled)}] {percent,3}%  {value.Done}/{value.Total}  {value.Source,-16}");
        if (value.Done == value.Total)
        {
            output.Flush();
        }
    }
}
