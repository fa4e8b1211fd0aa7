using Lucene.Net.Index;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Search.Index;

public sealed record BuildProgress(string Source, int Done, int Total);

/// <summary>
/// Fills an index with every public item of every source. The change-log position is read before the sources are
/// listed, so anything that changes during the build is applied again afterwards by the updater.
/// </summary>
public sealed class IndexBuilder(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<(long Cursor, DateTimeOffset DueChecked, int Count)> BuildAsync(
        IndexWriter writer, bool countFirst, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var cursor = await db.Set<ContentChange>().MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        var started = clock.GetUtcNow();
        var sources = scope.ServiceProvider.GetServices<IPublicContentSource>().ToList();
        var total = 0;
        if (countFirst)
        {
            foreach (var source in sources)
            {
                await foreach (var _ in source.ListAsync(cancellationToken))
                {
                    total++;
                }
            }
        }
        writer.DeleteAll();
        var indexer = new BulkIndexer(writer, cancellationToken: cancellationToken);
        var read = 0;
        try
        {
            foreach (var source in sources)
            {
                await foreach (var item in source.ListAsync(cancellationToken))
                {
                    await indexer.AddAsync(item, cancellationToken);
                    read++;
                    if (read % 200 == 0)
                    {
                        progress?.Report(new BuildProgress(source.Source, indexer.Added, Math.Max(total, read)));
                    }
                }
            }
        }
        finally
        {
            await indexer.CompleteAsync();
        }
        var done = indexer.Added;
        progress?.Report(new BuildProgress(sources.LastOrDefault()?.Source ?? "", done, Math.Max(total, done)));
        return (cursor, started, done);
    }
}
