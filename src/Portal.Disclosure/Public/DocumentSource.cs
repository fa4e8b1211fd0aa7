using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

/// <summary>Public documents for search, the sitemap and feeds: what <see cref="Visibility.PublicAt"/> shows, as plain text.</summary>
internal sealed class DocumentSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "documents";

    public string Source => Name;

    /// <summary>
    /// Records that a document's public face may change (at <paramref name="dueUtc"/> when scheduled). A changed
    /// address name is recorded too, so the item under the old name leaves the index.
    /// </summary>
    public static void Record(PortalDb db, Document document, DateTimeOffset now, DateTimeOffset? dueUtc = null)
    {
        db.RecordChange(Name, document.Slug, now, dueUtc);
        var original = db.Entry(document).Property(d => d.Slug).OriginalValue;
        if (!string.IsNullOrEmpty(original) && original != document.Slug)
        {
            db.RecordChange(Name, original, now);
        }
    }

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await foreach (var row in Query(now, null).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(row);
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var row = await Query(clock.GetUtcNow(), key).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToItem(row);
    }

    private IQueryable<Row> Query(DateTimeOffset now, string? slug) => db.Set<Document>().AsNoTracking().PublicAt(now)
        .Where(d => slug == null || d.Slug == slug).OrderBy(d => d.Id)
        .Select(d => new Row(d.Slug, d.Title, d.IndexNumber, d.DocNumber, d.IssuingBody, d.Summary, d.BodyMarkdown, d.Topics,
            d.Validity, d.PublishedUtc!.Value, d.UpdatedUtc, d.Section!.Slug));

    private static PublicItem ToItem(Row d)
    {
        var body = string.Join('\n', new[] { d.Summary, RichText.MarkdownToPlainText(d.BodyMarkdown, 100_000), d.DocNumber, d.IssuingBody, d.IndexNumber, d.Topics.Replace('|', ' ') }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        return new PublicItem(Name, d.Slug, "document", d.Title, body, $"/documents/{d.Slug}", d.PublishedUtc, d.Section, Labels.Validity(d.Validity))
        {
            Topics = [$"section:{d.Section}"],
            Summary = d.Summary.Length > 0 ? d.Summary : null,
            UpdatedUtc = d.UpdatedUtc,
            DocumentNumber = string.IsNullOrWhiteSpace(d.DocNumber) ? null : d.DocNumber.Trim(),
        };
    }

    private sealed record Row(
        string Slug, string Title, string IndexNumber, string? DocNumber, string IssuingBody, string Summary, string BodyMarkdown, string Topics,
        DocumentValidity Validity, DateTimeOffset PublishedUtc, DateTimeOffset? UpdatedUtc, string Section);
}
