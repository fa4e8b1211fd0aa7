using System.Threading.Channels;
using Lucene.Net.Index;
using Portal.Core.Content;

namespace Portal.Search.Index;

/// <summary>
/// Adds many items to one <see cref="IndexWriter"/> from several threads. The writer is thread-safe and gives each
/// thread its own in-memory segment, so analysis and inversion (most of the cost of a full build) run on every core
/// while the caller keeps reading items from the database. The caller feeds items in order with
/// <see cref="AddAsync"/> and waits for the rest with <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class BulkIndexer
{
    private readonly Channel<PublicItem> queue = Channel.CreateBounded<PublicItem>(new BoundedChannelOptions(512)
    {
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Task[] workers;
    private readonly IndexWriter writer;
    private readonly double ramBuffer;
    private int added;

    public BulkIndexer(IndexWriter writer, int? threads = null, CancellationToken cancellationToken = default)
    {
        this.writer = writer;
        // The buffer is shared by the threads' segments: grow it with them, or each thread flushes small segments that
        // then cost as much again to merge.
        ramBuffer = writer.Config.RAMBufferSizeMB;
        var count = threads ?? DefaultThreads;
        writer.Config.RAMBufferSizeMB = Math.Max(ramBuffer, BufferPerThreadMB * count);
        workers = Enumerable.Range(0, count)
            .Select(_ => Task.Factory.StartNew(() => Work(writer, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
    }

    /// <summary>One thread per core, at most four: beyond that the writer's flushes and merges limit the gain.</summary>
    public static int DefaultThreads => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public const double BufferPerThreadMB = 64;

    /// <summary>Items indexed so far.</summary>
    public int Added => Volatile.Read(ref added);

    public ValueTask AddAsync(PublicItem item, CancellationToken cancellationToken) => queue.Writer.WriteAsync(item, cancellationToken);

    public async Task<int> CompleteAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            writer.Config.RAMBufferSizeMB = ramBuffer;
        }
        return Added;
    }

    private void Work(IndexWriter target, CancellationToken cancellationToken)
    {
        try
        {
            var reader = queue.Reader;
            while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    target.AddDocument(ItemDocument.Create(item));
                    Interlocked.Increment(ref added);
                }
            }
        }
        catch (Exception e)
        {
            // The producer's next AddAsync fails with this, instead of waiting for a reader that is gone.
            queue.Writer.TryComplete(e);
            throw;
        }
    }
}
