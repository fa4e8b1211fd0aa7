namespace Portal.Core.Content;

/// <summary>
/// What one public thing looks like to everyone outside its module: the search index, the sitemap, feeds and
/// subscription digests. Only public text goes here: never an email, a phone number or a staff note.
/// </summary>
/// <param name="Source">The owning source, e.g. <c>documents</c>.</param>
/// <param name="Key">Unique within the source.</param>
/// <param name="Type">Content type shown to people and used as a filter: document, guide, fee, consultation, comment, hearing, statement…</param>
/// <param name="Title">Plain text title.</param>
/// <param name="Body">Plain text body (no markup) for indexing and snippets.</param>
/// <param name="Url">Site-relative URL of the page that shows the item (a comment's URL carries its fragment).</param>
/// <param name="DateUtc">The date people know the item by (publication, or the decision's adoption).</param>
/// <param name="Section">Disclosure section slug, when the item belongs to one.</param>
/// <param name="Status">Status a person may filter by (open, closed, adopted, in force, corrected, retracted…).</param>
public sealed record PublicItem(
    string Source,
    string Key,
    string Type,
    string Title,
    string Body,
    string Url,
    DateTimeOffset DateUtc,
    string? Section = null,
    string? Status = null)
{
    /// <summary>Subscription topics the item belongs to: <c>section:{slug}</c>, <c>consultation:{slug}</c>, <c>hearings</c>, <c>statements</c>.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Short plain-text summary for feeds and digests (falls back to the start of <see cref="Body"/>).</summary>
    public string? Summary { get; init; }

    /// <summary>When the item was last changed in public (a correction); feeds use it for &lt;updated&gt;.</summary>
    public DateTimeOffset? UpdatedUtc { get; init; }

    /// <summary>False for items that have no page of their own (a comment shown on its consultation): the sitemap skips them.</summary>
    public bool HasOwnPage { get; init; } = true;

    /// <summary>
    /// The page this item is shown on, as <c>source/key</c> (a comment's consultation, <c>consultations/{slug}</c>):
    /// search lists only a few items of one page, so a consultation's comments do not fill the results.
    /// </summary>
    public string? PartOf { get; init; }

    /// <summary>The document number (文号) a document carries, e.g. 锦市监规〔2026〕5号; search finds it typed with any brackets.</summary>
    public string? DocumentNumber { get; init; }
}

/// <summary>
/// A module's public content, registered as <c>services.AddScoped&lt;IPublicContentSource, …&gt;()</c>.
/// Both methods answer with what is public <em>now</em> (by the injected <see cref="TimeProvider"/>): nothing
/// unpublished, embargoed, pending moderation, rejected or private.
/// </summary>
public interface IPublicContentSource
{
    /// <summary>The source name stored in <see cref="ContentChange.Source"/>; lower case, stable.</summary>
    string Source { get; }

    /// <summary>Every public item, for a full reindex, the sitemap and feeds. Streams; callers must not buffer.</summary>
    IAsyncEnumerable<PublicItem> ListAsync(CancellationToken cancellationToken);

    /// <summary>The item as it is public now, or null when it is not (or no longer) public.</summary>
    Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken);
}
