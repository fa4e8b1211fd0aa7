using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// A small, HTML-safe highlighter. The text is analyzed with the index's analyzer to find where query terms (stems,
/// Chinese bigrams, single Han characters) occur; the window of about <see cref="Window"/> characters holding the most distinct terms is
/// chosen; every piece of text is HTML-encoded and only the matched ranges are wrapped in &lt;mark&gt;.
/// </summary>
public static partial class Snippets
{
    public const int Window = 140;
    private const int Scan = 20_000;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Highlight(Analyzer analyzer, string text, IReadOnlySet<string> terms)
    {
        if (text.Length == 0)
        {
            return "";
        }
        // Line breaks and runs of spaces read as one space in a one-paragraph snippet (same length, so offsets hold).
        text = Whitespace().Replace(text.Length > Scan ? text[..Scan] : text, m => new string(' ', m.Length));
        var scanned = text;
        var matches = terms.Count == 0 ? [] : Find(analyzer, scanned, terms);
        var (start, end) = ChooseWindow(scanned, matches);
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append('…');
        }
        var at = start;
        foreach (var (from, to, _) in Merge(matches).Where(m => m.From < end && m.To > start))
        {
            var a = Math.Max(from, start);
            var b = Math.Min(to, end);
            if (a > at)
            {
                html.Append(Encoder.Encode(text[at..a]));
            }
            html.Append("<mark>").Append(Encoder.Encode(text[Math.Max(a, at)..b])).Append("</mark>");
            at = Math.Max(at, b);
        }
        if (end > at)
        {
            html.Append(Encoder.Encode(text[at..end]));
        }
        if (end < text.Length)
        {
            html.Append('…');
        }
        return html.ToString();
    }

    private static List<(int From, int To, string Term)> Find(Analyzer analyzer, string text, IReadOnlySet<string> terms)
    {
        var found = new List<(int, int, string)>();
        var singles = terms.Where(t => t.Length == 1 && UserQuery.IsHan(t[0])).ToList();
        if (singles.Count < terms.Count)
        {
            using var stream = analyzer.GetTokenStream(ItemDocument.Body, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var value = term.ToString();
                if (terms.Contains(value))
                {
                    found.Add((offset.StartOffset, offset.EndOffset, value));
                }
            }
            stream.End();
        }
        // A one-character query is matched on the character fields, inside words the analyzer keeps whole (药 in 药品);
        // a query of such characters alone needs no analysis of the text, since they are found here.
        foreach (var single in singles)
        {
            for (var at = text.IndexOf(single[0], StringComparison.Ordinal); at >= 0; at = text.IndexOf(single[0], at + 1))
            {
                found.Add((at, at + 1, single));
            }
        }
        found.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return found;
    }

    /// <summary>The window with the most distinct matched terms (then the most matches), starting a little before the first.</summary>
    private static (int Start, int End) ChooseWindow(string text, List<(int From, int To, string Term)> matches)
    {
        var bestStart = 0;
        var bestDistinct = 0;
        var bestCount = 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var limit = matches[i].From + Window - 30;
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            for (var j = i; j < matches.Count && matches[j].To <= limit; j++)
            {
                distinct.Add(matches[j].Term);
                count++;
            }
            if (distinct.Count > bestDistinct || (distinct.Count == bestDistinct && count > bestCount))
            {
                bestDistinct = distinct.Count;
                bestCount = count;
                bestStart = Math.Max(0, matches[i].From - 30);
            }
        }
        if (bestStart > 0)
        {
            // Start after a sentence or word break near the window's start, so the snippet does not begin mid-word.
            var floor = Math.Max(0, bestStart - 20);
            var stop = text.LastIndexOfAny([' ', '。', '，', '；', '\n', '.', ','], bestStart, bestStart - floor + 1);
            bestStart = stop >= 0 ? stop + 1 : bestStart;
        }
        if (text.Length - bestStart < Window)
        {
            bestStart = Math.Max(0, Math.Min(bestStart, text.Length - Window));
        }
        var end = Math.Min(text.Length, bestStart + Window);
        return (Safe(text, bestStart), Safe(text, end));
    }

    /// <summary>Never cut a surrogate pair in half.</summary>
    private static int Safe(string text, int index) => index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index - 1 : index;

    private static IEnumerable<(int From, int To, string Term)> Merge(List<(int From, int To, string Term)> matches)
    {
        (int From, int To, string Term)? open = null;
        foreach (var m in matches.OrderBy(m => m.From))
        {
            if (open is { } o && m.From <= o.To)
            {
                open = (o.From, Math.Max(o.To, m.To), o.Term);
                continue;
            }
            if (open is { } done)
            {
                yield return done;
            }
            open = m;
        }
        if (open is { } last)
        {
            yield return last;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}
