using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// What <see cref="FacetCollector"/> reads for every match, copied once per segment from its doc values into arrays:
/// the ordinals of the four filter dimensions, the date and the page an item is part of, with each ordinal's value.
/// Lucene.Net decodes doc values from the memory-mapped file on every read (a seek and a few bytes through a buffer
/// object); for a one-character query, which matches half the index, those reads took most of the search. A segment's
/// doc values never change (the index uses no doc-value updates; deleted documents are skipped by the scorer), so the
/// copy lives as long as the segment does, and <see cref="Warmer"/> makes it when a refreshed searcher first sees the
/// segment, on the updater's thread rather than in a search. About 28 bytes an item.
/// </summary>
internal sealed class SegmentValues
{
    public const int Dimensions = 4;

    private static readonly ConditionalWeakTable<object, SegmentValues> Cache = new();

    private SegmentValues(AtomicReader reader)
    {
        var docs = reader.MaxDoc;
        Ordinals = new int[docs * Dimensions];
        Labels = new string[Dimensions][];
        for (var d = 0; d < Dimensions; d++)
        {
            var dv = reader.GetSortedDocValues(FacetCollector.Dimensions[d]);
            Labels[d] = LabelsOf(dv);
            for (var doc = 0; doc < docs; doc++)
            {
                Ordinals[doc * Dimensions + d] = dv?.GetOrd(doc) ?? -1;
            }
        }
        Dates = new long[docs];
        if (reader.GetNumericDocValues(ItemDocument.Date) is { } dates)
        {
            for (var doc = 0; doc < docs; doc++)
            {
                Dates[doc] = dates.Get(doc);
            }
        }
        if (reader.GetSortedDocValues(ItemDocument.PartOf) is { } partOf)
        {
            Pages = new int[docs];
            PageKeys = LabelsOf(partOf);
            for (var doc = 0; doc < docs; doc++)
            {
                Pages[doc] = partOf.GetOrd(doc);
            }
        }
    }

    /// <summary>Ordinal of dimension <c>d</c> for document <c>doc</c> at <c>doc * Dimensions + d</c>; -1 when it has none.</summary>
    public int[] Ordinals { get; }

    /// <summary>Each dimension's values by ordinal.</summary>
    public string[][] Labels { get; }

    public long[] Dates { get; }

    /// <summary>The ordinal of the page each item is part of (-1: none); null when no item of the segment is part of one.</summary>
    public int[]? Pages { get; }

    public string[] PageKeys { get; } = [];

    public static SegmentValues Of(AtomicReader reader) => Cache.GetValue(reader.CoreCacheKey, _ => new SegmentValues(reader));

    private static string[] LabelsOf(SortedDocValues? dv)
    {
        var labels = new string[dv?.ValueCount ?? 0];
        var bytes = new BytesRef();
        for (var ord = 0; ord < labels.Length; ord++)
        {
            dv!.LookupOrd(ord, bytes);
            labels[ord] = bytes.Utf8ToString();
        }
        return labels;
    }

    /// <summary>Makes the copies of a refreshed searcher's new segments before searches use it.</summary>
    internal sealed class Warmer : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                Of(leaf.AtomicReader);
            }
            return base.NewSearcher(reader);
        }
    }
}
