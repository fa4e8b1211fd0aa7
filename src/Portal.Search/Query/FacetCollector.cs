using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// One pass over every match: keeps the best hits that pass all filters, and counts facet values the way people
/// expect from filters — a dimension's counts ignore that dimension's own filter (so choosing "document" still
/// shows how many consultations match), while all other filters apply. Reads doc values only.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    public static readonly string[] Dimensions = [ItemDocument.Section, ItemDocument.Type, ItemDocument.Year, ItemDocument.Status];

    private readonly string?[] filters;
    private readonly bool byDate;
    private readonly int keep;
    private readonly PriorityQueue<Hit, (float, long, int)> best = new();
    private readonly Dictionary<string, int>[] counts;
    private readonly SortedDocValues?[] values = new SortedDocValues?[4];
    private readonly int[] wanted = new int[4];
    private readonly int[][] segmentCounts = new int[4][];
    private NumericDocValues? dates;
    private Scorer? scorer;
    private int docBase;

    public FacetCollector(string?[] filters, bool byDate, int keep)
    {
        this.filters = filters;
        this.byDate = byDate;
        this.keep = Math.Max(1, keep);
        counts = Dimensions.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    }

    public int Total { get; private set; }

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
        var list = new List<Hit>(best.Count);
        while (best.TryDequeue(out var hit, out _))
        {
            list.Add(hit);
        }
        list.Reverse();
        return list;
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
        Total++;
        var date = dates?.Get(doc) ?? 0;
        var score = byDate ? 0f : scorer?.GetScore() ?? 0f;
        var id = docBase + doc;
        var priority = (score, date, -id);
        if (best.Count < keep)
        {
            best.Enqueue(new Hit(id, score), priority);
        }
        else if (best.TryPeek(out _, out var worst) && Compare(priority, worst) > 0)
        {
            best.DequeueEnqueue(new Hit(id, score), priority);
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
}
