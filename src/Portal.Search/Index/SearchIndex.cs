using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Portal.Core.Content;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Portal.Search.Index;

/// <summary>
/// This node's open index: one writer and a near-real-time searcher manager over the directory the pointer names.
/// When the pointer moves (a <c>reindex</c> finished), the next <see cref="FollowPointer"/> opens the new directory and
/// searches move to it; the old one is closed a little later so searches that hold it can finish.
/// </summary>
public sealed class SearchIndex(IndexLocation location, ILogger<SearchIndex> logger) : IDisposable
{
    private const string CursorKey = "cursor";
    private const string DueKey = "dueCheckedUtc";
    private const string FormatKey = "format";

    /// <summary>What an index committed before the format was recorded was written with.</summary>
    internal const string FirstFormat = "1";

    private readonly System.Threading.Lock gate = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Generation? current;

    public IndexLocation Location => location;

    /// <summary>Completes once the index holds a full build (at once when one was already on disk).</summary>
    public Task Ready => ready.Task;

    internal Generation Current => current ?? throw new InvalidOperationException("The search index is not open yet.");

    internal bool IsOpen => current is not null;

    /// <summary>Opens the directory the pointer names (creating the first one). Returns whether it holds a complete build.</summary>
    public bool Open()
    {
        lock (gate)
        {
            if (current is null)
            {
                var name = location.ReadCurrent();
                if (name is null)
                {
                    name = location.NewName();
                    System.IO.Directory.CreateDirectory(location.PathOf(name));
                    location.Point(name);
                }
                current = Generation.Open(location, name);
            }
            if (current.IsBuilt)
            {
                ready.TrySetResult();
            }
            return current.IsBuilt;
        }
    }

    /// <summary>Switches to the directory the pointer names when it changed. Returns true when it switched.</summary>
    public bool FollowPointer()
    {
        var name = location.ReadCurrent();
        var open = current;
        if (name is null || open is null || name == open.Name || !System.IO.Directory.Exists(location.PathOf(name)))
        {
            return false;
        }
        lock (gate)
        {
            var next = Generation.Open(location, name);
            var old = current;
            current = next;
            if (next.IsBuilt)
            {
                ready.TrySetResult();
            }
            logger.LogInformation("Search index switched to {Name}.", name);
            if (old is not null)
            {
                _ = RetireAsync(old, name);
            }
            return true;
        }
    }

    /// <summary>Writes the item as it is public now, or removes it when <paramref name="item"/> is null.</summary>
    internal static void Apply(IndexWriter writer, string source, string key, PublicItem? item)
    {
        if (item is null)
        {
            writer.DeleteDocuments(ItemDocument.TermOf(source, key));
        }
        else
        {
            writer.UpdateDocument(ItemDocument.TermOf(source, key), ItemDocument.Create(item));
        }
    }

    /// <summary>
    /// Commits with the change-log position and the format the directory's documents were written in: a full build
    /// writes <see cref="SearchAnalyzer.Format"/>, updates to an older directory keep its own, so it is still rebuilt.
    /// </summary>
    internal static void Commit(IndexWriter writer, long cursor, DateTimeOffset dueChecked, string format)
    {
        writer.SetCommitData(new Dictionary<string, string>
        {
            [CursorKey] = cursor.ToString(CultureInfo.InvariantCulture),
            [DueKey] = dueChecked.UtcTicks.ToString(CultureInfo.InvariantCulture),
            [FormatKey] = format,
        });
        writer.Commit();
    }

    /// <summary>Marks a full build of the open directory as done and lets waiting searches go.</summary>
    internal void MarkBuilt(Generation generation, long cursor, DateTimeOffset dueChecked)
    {
        Commit(generation.Writer, cursor, dueChecked, SearchAnalyzer.Format);
        generation.Format = SearchAnalyzer.Format;
        generation.Cursor = cursor;
        generation.DueChecked = dueChecked;
        generation.IsBuilt = true;
        generation.Manager.MaybeRefreshBlocking();
        ready.TrySetResult();
    }

    /// <summary>Runs <paramref name="search"/> on the freshest searcher; a searcher is released even when it throws.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        for (var attempt = 0; ; attempt++)
        {
            var generation = Current;
            IndexSearcher searcher;
            try
            {
                searcher = generation.Manager.Acquire();
            }
            catch (ObjectDisposedException) when (attempt < 3)
            {
                continue;
            }
            try
            {
                return search(searcher);
            }
            finally
            {
                generation.Manager.Release(searcher);
            }
        }
    }

    private async Task RetireAsync(Generation old, string keep)
    {
        // Searches that acquired the old searcher finish within this time; new ones already use the new directory.
        await Task.Delay(TimeSpan.FromSeconds(5));
        try
        {
            old.Dispose();
            location.DeleteAllBut(keep);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            logger.LogInformation(e, "The previous search index {Name} could not be removed yet.", old.Name);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Dispose();
            current = null;
        }
    }

    internal sealed class Generation : IDisposable
    {
        private Generation(string name, LuceneDirectory directory, IndexWriter writer, SearcherManager manager)
        {
            Name = name;
            Directory = directory;
            Writer = writer;
            Manager = manager;
        }

        public string Name { get; }
        public LuceneDirectory Directory { get; }
        public IndexWriter Writer { get; }
        public SearcherManager Manager { get; }

        /// <summary>The highest change-log id applied; only the updater's thread moves it.</summary>
        public long Cursor { get; set; }

        /// <summary>Scheduled changes due up to this instant have been applied.</summary>
        public DateTimeOffset DueChecked { get; set; }

        public bool IsBuilt { get; set; }

        /// <summary>The <see cref="SearchAnalyzer.Format"/> the documents were written in (the current one for a new directory).</summary>
        public string Format { get; set; } = SearchAnalyzer.Format;

        /// <summary>A complete index written with an analyzer or fields this build no longer uses.</summary>
        public bool IsOutdated => IsBuilt && Format != SearchAnalyzer.Format;

        public static Generation Open(IndexLocation location, string name)
        {
            var path = location.PathOf(name);
            System.IO.Directory.CreateDirectory(path);
            var directory = FSDirectory.Open(path);
            var config = new IndexWriterConfig(SearchAnalyzer.Version, new SearchAnalyzer())
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = 48,
            };
            var writer = new IndexWriter(directory, config);
            var data = writer.CommitData;
            var generation = new Generation(name, directory, writer, new SearcherManager(writer, true, new Portal.Search.Query.SegmentValues.Warmer()));
            if (data is not null && data.TryGetValue(CursorKey, out var cursor) && long.TryParse(cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c))
            {
                generation.Cursor = c;
                generation.IsBuilt = true;
                generation.DueChecked = data.TryGetValue(DueKey, out var due) && long.TryParse(due, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
                    ? new DateTimeOffset(ticks, TimeSpan.Zero)
                    : DateTimeOffset.MinValue;
                generation.Format = data.TryGetValue(FormatKey, out var format) ? format : FirstFormat;
            }
            return generation;
        }

        public void Dispose()
        {
            Manager.Dispose();
            Writer.Dispose();
            Directory.Dispose();
        }
    }
}
