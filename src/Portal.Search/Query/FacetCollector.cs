using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// One pass over every match: keeps the best hits that pass all filters, and counts facet values the way people
/// expect from filters — a dimension's counts ignore that dimension's own filter (so choosing "document" still
/// shows how many consultations match), while all other filters apply. Scores are weighed by type and status
/// (<see cref="ResultWeights"/>). With <c>perPage</c> set, items that are part of one page (a consultation's comments)
/// are kept and counted only that many times; the rest are <see cref="Collapsed"/>. Reads doc values only.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    public static readonly string[] Dimensions = [ItemDocument.Section, ItemDocument.Type, ItemDocument.Year, ItemDocument.Status];

    private readonly string?[] filters;
    private readonly bool byDate;
    private readonly int keep;
    private readonly int perPage;
    private readonly PriorityQueue<Hit, (float, long, int)> best = new();
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private SortedDocValues? partOf;
    private Group?[] segmentGroups = [];
    private float[][] weights = [[], []];
    private int ungrouped;
    private readonly Dictionary<string, int>[] counts;
    private readonly SortedDocValues?[] values = new SortedDocValues?[4];
    private readonly int[] wanted = new int[4];
    private readonly int[][] segmentCounts = new int[4][];
    private NumericDocValues? dates;
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
        var reader = context.AtomicReader;
        dates = reader.GetNumericDocValues(ItemDocument.Date);
        for (var d = 0; d < Dimensions.Length; d++)
        {
            var dv = reader.GetSortedDocValues(Dimensions[d]);
            values[d] = dv;
            segmentCounts[d] = new int[dv?.ValueCount ?? 0];
            // -2: no filter; -1: filtered on a value this segment does not hold.
            wanted[d] = filters[d] is null ? -2 : dv is null ? -1 : Math.Max(-1, dv.LookupTerm(new BytesRef(filters[d]!)));
        }
        weights = [Weights(values[1], ResultWeights.OfType), Weights(values[3], ResultWeights.OfStatus)];
        partOf = perPage > 0 ? reader.GetSortedDocValues(ItemDocument.PartOf) : null;
        segmentGroups = new Group?[partOf?.ValueCount ?? 0];
    }

    private static float[] Weights(SortedDocValues? dv, Func<string?, float> weight)
    {
        var result = new float[dv?.ValueCount ?? 0];
        var bytes = new BytesRef();
        for (var ord = 0; ord < result.Length; ord++)
        {
            dv!.LookupOrd(ord, bytes);
            result[ord] = weight(bytes.Utf8ToString());
        }
        return result;
    }

    public void Collect(int doc)
    {
        Span<int> ords = stackalloc int[4];
        var failed = 0;
        var failedAt = -1;
        for (var d = 0; d < 4; d++)
        {
            ords[d] = values[d]?.GetOrd(doc) ?? -1;
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
        for (var d = 0; d < 4; d++)
        {
            if ((failed == 0 || failedAt == d) && ords[d] >= 0)
            {
                segmentCounts[d][ords[d]]++;
            }
        }
        if (failed == 1)
        {
            return;
        }
        var date = dates?.Get(doc) ?? 0;
        var score = byDate ? 0f : (scorer?.GetScore() ?? 0f) * Weight(0, ords[1]) * Weight(1, ords[3]);
        var id = docBase + doc;
        var priority = (score, date, -id);
        var page = partOf?.GetOrd(doc) ?? -1;
        if (page >= 0)
        {
            var group = segmentGroups[page] ??= GroupOf(page);
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
        var bytes = new BytesRef();
        partOf!.LookupOrd(ord, bytes);
        var key = bytes.Utf8ToString();
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group();
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
            var dv = values[d];
            var segment = segmentCounts[d];
            if (dv is null || segment is null)
            {
                continue;
            }
            var bytes = new BytesRef();
            for (var ord = 0; ord < segment.Length; ord++)
            {
                if (segment[ord] > 0)
                {
                    dv.LookupOrd(ord, bytes);
                    var key = bytes.Utf8ToString();
                    counts[d][key] = counts[d].GetValueOrDefault(key) + segment[ord];
                    segment[ord] = 0;
                }
            }
        }
    }

    internal readonly record struct Hit(int Doc, float Score);

    private sealed class Group
    {
        public PriorityQueue<Hit, (float, long, int)> Best { get; } = new();

        public int Count { get; set; }
    }
}
