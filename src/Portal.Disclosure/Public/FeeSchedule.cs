using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

/// <summary>
/// The fee table of the 收费公示 section: each row with an id links can point at, the table's dates, and the legal
/// basis linked to the document it names when that document is published here.
/// </summary>
public static partial class FeeSchedule
{
    public static async Task<(IReadOnlyList<FeeRow> Rows, FeeScheduleDates? Dates)> BuildAsync(PortalDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fees = await db.Set<FeeItem>().AsNoTracking().PublicAt(now).OrderBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        if (fees.Count == 0)
        {
            return ([], null);
        }
        var anchors = new Anchors();
        var documents = await DocumentsNamedAsync(db, now, fees.Select(f => f.Basis), cancellationToken);
        var rows = fees.Select(f => new FeeRow(anchors.Next(f.Code, f.Slug), f.Code, f.Name, f.Standard, f.Unit, LinkBasis(f.Basis, documents),
            f.Department, f.Note)).ToList();
        var published = fees.Min(f => f.PublishedUtc!.Value);
        var updated = fees.Max(f => f.ModifiedUtc > f.PublishedUtc!.Value ? f.ModifiedUtc : f.PublishedUtc.Value);
        var publishedOn = SiteClock.FormatDate(published);
        var updatedOn = SiteClock.FormatDate(updated);
        return (rows, new FeeScheduleDates(publishedOn, updatedOn == publishedOn ? null : updatedOn));
    }

    /// <summary>
    /// A row's id: its code when that makes a usable fragment (<c>SF-01</c>) not taken by an earlier row; otherwise
    /// <c>fee-{slug}</c>. A code needs a digit, so it cannot take the id of another element of the page (main,
    /// docs-title), and may not start with <c>fee-</c>, so it cannot take another row's fallback.
    /// </summary>
    public static string Anchor(string code, string slug, bool codeTakenEarlier) =>
        !codeTakenEarlier && CodeAnchor().IsMatch(code) && !code.StartsWith("fee-", StringComparison.Ordinal) ? code : "fee-" + slug;

    /// <summary>The ids of rows taken in the table's order (order, then id).</summary>
    public sealed class Anchors
    {
        private readonly HashSet<string> codes = new(StringComparer.Ordinal);

        public string Next(string code, string slug) => Anchor(code, slug, !codes.Add(code));
    }

    /// <summary>
    /// The basis in pieces, split at Chinese or ASCII semicolons (kept as text). A piece is linked when it carries the
    /// document number (文号) of a document public now, or is that document's title with its number in brackets;
    /// references to laws by article (《…法》第三十九条) stay text.
    /// </summary>
    public static IReadOnlyList<TextPart> LinkBasis(string basis, IReadOnlyDictionary<string, string> documents) =>
        Separator().Split(basis).Where(p => p.Length > 0).Select(piece =>
        {
            var url = DocNumber().Matches(piece).Select(m => documents.GetValueOrDefault(m.Value)).FirstOrDefault(u => u is not null)
                ?? documents.GetValueOrDefault(TitleOf(piece));
            return new TextPart(piece, url);
        }).ToList();

    /// <summary>Document numbers and titles named in <paramref name="bases"/>, each with the address of the public document.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DocumentsNamedAsync(
        PortalDb db, DateTimeOffset now, IEnumerable<string> bases, CancellationToken cancellationToken)
    {
        var pieces = bases.SelectMany(b => Separator().Split(b)).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var numbers = pieces.SelectMany(p => DocNumber().Matches(p).Select(m => m.Value)).Distinct().ToList();
        var titles = pieces.Select(TitleOf).Where(t => t.Length >= 4).Distinct().ToList();
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        if (numbers.Count == 0 && titles.Count == 0)
        {
            return links;
        }
        var rows = await db.Set<Document>().AsNoTracking().PublicAt(now)
            .Where(d => (d.DocNumber != null && numbers.Contains(d.DocNumber)) || titles.Contains(d.Title))
            .OrderByDescending(d => d.PublishedUtc).Select(d => new { d.Slug, d.Title, d.DocNumber }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            // Newest first: a number or title used twice links to the latest document.
            if (row.DocNumber is { } number && numbers.Contains(number))
            {
                links.TryAdd(number, $"/documents/{row.Slug}");
            }
            if (titles.Contains(row.Title))
            {
                links.TryAdd(row.Title, $"/documents/{row.Slug}");
            }
        }
        return links;
    }

    /// <summary>A piece without its bracketed document number and book-title marks: 《…》（锦市监公告〔2026〕6号） → the title.</summary>
    private static string TitleOf(string piece) => TrailingNumber().Replace(piece.Trim(), "").Trim().Trim('《', '》').Trim();

    [GeneratedRegex("^(?=[A-Za-z0-9._-]*[0-9])[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex CodeAnchor();

    [GeneratedRegex("([；;])")]
    private static partial Regex Separator();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}A-Za-z]+〔\d{4}〕\d+号")]
    private static partial Regex DocNumber();

    [GeneratedRegex(@"[（(][^（）()]*〔\d{4}〕[^（）()]*[）)]$")]
    private static partial Regex TrailingNumber();
}
