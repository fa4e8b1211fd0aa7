using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// One pass over every match: keeps the best hits that pass all filters, and counts facet values the way people
/// expect from filters — a dimension's counts ignore that dimension's own filter (so choosing "document" still
/// shows how many consultations match), while all other filters apply. Scores are weighed by type and status
/// (<see cref="ResultWeights"/>). With <c>perPage</c> set, items that are part of one page (a consultation's comments)
/// are kept and counted only that many times; the rest are <see cref="Collapsed"/>. Facet values count the same way,
/// so that a value's count is the total listed when it is chosen: a page's items count <c>perPage</c> times at most
/// under each value (a consultation with three comments of 2025 and two of 2026 counts 2 and 2), except under a type
/// whose choice lists every item (<see cref="SearchRequest.ItemsOfOnePageFor"/>: comments). Reads the segments' doc
/// values through their copies in <see cref="SegmentValues"/>.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    public static readonly string[] Dimensions = [ItemDocument.Section, ItemDocument.Type, ItemDocument.Year, ItemDocument.Status];

    private const int TypeDimension = 1;

    private readonly string?[] filters;
    private readonly bool byDate;
    private readonly int keep;
    private readonly int perPage;
    private readonly PriorityQueue<Hit, (float, long, int)> best = new();
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private SegmentValues segment = null!;
    private int[]? pages;
    private Group?[] segmentGroups = [];
    private float[][] weights = [[], []];
    private int ungrouped;
    private bool groupsCounted;
    private readonly List<(int Dimension, string Value)> values = [];
    private readonly Dictionary<(int, string), int> valueIds = [];
    private readonly int[][] segmentValueIds = [[], [], [], []];
    private readonly Dictionary<string, int>[] counts;
    private readonly int[] wanted = new int[4];
    private readonly int[][] segmentCounts = [[], [], [], []];
    private Scorer? scorer;
    private int docBase;

    public FacetCollector(string?[] filters, bool byDate, int keep, int perPage = 0)
    {
        this.filters = filters;
        this.byDate = byDate;
        this.keep = Math.Max(1, keep);
        this.perPage = perPage;
        counts = Dimensions.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>The hits that pass the filters, counting each collapsed page's items <c>perPage</c> times at most.</summary>
    public int Total => ungrouped + groups.Values.Sum(g => Math.Min(g.Count, perPage));

    /// <summary>Hits left out because their page already has <c>perPage</c> items listed.</summary>
    public int Collapsed => groups.Values.Sum(g => Math.Max(0, g.Count - perPage));

    public IReadOnlyList<Dictionary<string, int>> Counts
    {
        get
        {
            Flush();
            if (!groupsCounted)
            {
                groupsCounted = true;
                foreach (var group in groups.Values)
                {
                    group.AddTo(counts, values, perPage);
                }
            }
            return counts;
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Hit> Best()
    {
        var list = new List<(Hit Hit, (float, long, int) Priority)>(best.Count);
        foreach (var queue in groups.Values.Select(g => g.Best).Prepend(best))
        {
            while (queue.TryDequeue(out var hit, out var priority))
            {
                list.Add((hit, priority));
            }
        }
        list.Sort((a, b) => Compare(b.Priority, a.Priority));
        return list.Take(keep).Select(h => h.Hit).ToList();
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        docBase = context.DocBase;
        segment = SegmentValues.Of(context.AtomicReader);
        for (var d = 0; d < Dimensions.Length; d++)
        {
            var labels = segment.Labels[d];
            segmentCounts[d] = new int[labels.Length];
            // -2: no filter; -3: filtered on a value this segment does not hold (never -1, which documents without a value have).
            wanted[d] = filters[d] is null ? -2 : Array.IndexOf(labels, filters[d]) is var ord and >= 0 ? ord : -3;
        }
        weights = [segment.Labels[1].Select(ResultWeights.OfType).ToArray(), segment.Labels[3].Select(ResultWeights.OfStatus).ToArray()];
        pages = perPage > 0 ? segment.Pages : null;
        segmentGroups = new Group?[pages is null ? 0 : segment.PageKeys.Length];
        if (pages is not null)
        {
            for (var d = 0; d < Dimensions.Length; d++)
            {
                segmentValueIds[d] = Array.ConvertAll(segment.Labels[d], label => ValueId(d, label));
            }
        }
    }

    private int ValueId(int dimension, string value)
    {
        if (!valueIds.TryGetValue((dimension, value), out var id))
        {
            valueIds[(dimension, value)] = id = values.Count;
            values.Add((dimension, value));
        }
        return id;
    }

    public void Collect(int doc)
    {
        var ords = new ReadOnlySpan<int>(segment.Ordinals, doc * SegmentValues.Dimensions, SegmentValues.Dimensions);
        var failed = 0;
        var failedAt = -1;
        for (var d = 0; d < 4; d++)
        {
            if (wanted[d] != -2 && ords[d] != wanted[d])
            {
                failed++;
                failedAt = d;
            }
        }
        if (failed > 1)
        {
            return;
        }
        var page = pages?[doc] ?? -1;
        var group = page >= 0 ? segmentGroups[page] ??= GroupOf(page) : null;
        for (var d = 0; d < 4; d++)
        {
            if ((failed == 0 || failedAt == d) && ords[d] >= 0)
            {
                if (group is null)
                {
                    segmentCounts[d][ords[d]]++;
                }
                else
                {
                    group.Tally(segmentValueIds[d][ords[d]]);
                }
            }
        }
        if (failed == 1)
        {
            return;
        }
        var date = segment.Dates[doc];
        var score = byDate ? 0f : (scorer?.GetScore() ?? 0f) * Weight(0, ords[1]) * Weight(1, ords[3]);
        var id = docBase + doc;
        var priority = (score, date, -id);
        if (group is not null)
        {
            group.Count++;
            Offer(group.Best, perPage, new Hit(id, score), priority);
            return;
        }
        ungrouped++;
        Offer(best, keep, new Hit(id, score), priority);
    }

    private float Weight(int which, int ord) => ord >= 0 && ord < weights[which].Length ? weights[which][ord] : 1f;

    private Group GroupOf(int ord)
    {
        var key = segment.PageKeys[ord];
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group(values.Count);
        }
        return group;
    }

    private static void Offer(PriorityQueue<Hit, (float, long, int)> queue, int size, Hit hit, (float, long, int) priority)
    {
        if (queue.Count < size)
        {
            queue.Enqueue(hit, priority);
        }
        else if (queue.TryPeek(out _, out var worst) && Compare(priority, worst) > 0)
        {
            queue.DequeueEnqueue(hit, priority);
        }
    }

    private static int Compare((float Score, long Date, int Id) a, (float Score, long Date, int Id) b)
    {
        var c = a.Score.CompareTo(b.Score);
        if (c == 0)
        {
            c = a.Date.CompareTo(b.Date);
        }
        return c == 0 ? a.Id.CompareTo(b.Id) : c;
    }

    private void Flush()
    {
        for (var d = 0; d < Dimensions.Length; d++)
        {
            var counted = segmentCounts[d];
            for (var ord = 0; ord < counted.Length; ord++)
            {
                if (counted[ord] > 0)
                {
                    var key = segment.Labels[d][ord];
                    counts[d][key] = counts[d].GetValueOrDefault(key) + counted[ord];
                    counted[ord] = 0;
                }
            }
        }
    }

    internal readonly record struct Hit(int Doc, float Score);

    private sealed class Group
    {
        // Counts by facet value, indexed by its collector-wide id (a page's items may lie in several segments): some
        // tens of values in all, so a few hundred bytes a page, and one increment an item and value.
        private int[] tallies;

        public Group(int values) => tallies = new int[Math.Max(values, 8)];

        public PriorityQueue<Hit, (float, long, int)> Best { get; } = new();

        public int Count { get; set; }

        public void Tally(int id)
        {
            if (id >= tallies.Length)
            {
                Array.Resize(ref tallies, Math.Max(id + 1, tallies.Length * 2));
            }
            tallies[id]++;
        }

        /// <summary>Adds each value's count, as many as choosing that value would list of this page.</summary>
        public void AddTo(Dictionary<string, int>[] counts, List<(int Dimension, string Value)> values, int perPage)
        {
            for (var id = 0; id < tallies.Length; id++)
            {
                if (tallies[id] > 0)
                {
                    var (dimension, value) = values[id];
                    var listed = dimension == TypeDimension ? SearchRequest.ItemsOfOnePageFor(value) : perPage;
                    counts[dimension][value] = counts[dimension].GetValueOrDefault(value) + (listed > 0 ? Math.Min(tallies[id], listed) : tallies[id]);
                }
            }
        }
    }
}
