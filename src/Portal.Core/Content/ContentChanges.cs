using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Content;

/// <summary>
/// One row of the durable change log: "the public face of <see cref="Source"/>/<see cref="Key"/> may have changed".
/// Modules add a row in the same transaction as the change itself (publish, correction, unpublish, retraction,
/// moderation, finalization). Consumers (the search index on every node, subscriptions, the output cache) read
/// the log in order and ask the owning <see cref="IPublicContentSource"/> what the item looks like now.
/// A change that takes effect later (a scheduled publication, an embargo) carries that moment in
/// <see cref="DueUtc"/>; consumers act on a row only once it is due.
/// </summary>
[Portal.Core.Audit.NotAudited]
public sealed class ContentChange
{
    public long Id { get; set; }

    /// <summary>The <see cref="IPublicContentSource.Source"/> that owns the item, e.g. <c>documents</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The item's key within its source (a slug or a receipt number).</summary>
    public string Key { get; set; } = "";

    public DateTimeOffset ChangedUtc { get; set; }

    /// <summary>When the change becomes visible to the public; equal to <see cref="ChangedUtc"/> unless scheduled.</summary>
    public DateTimeOffset DueUtc { get; set; }

    /// <summary>
    /// The item looks different but nothing happened to it that a follower needs to hear (its text masked again under
    /// stricter rules, say): indexes and caches act on the row, subscriptions do not.
    /// </summary>
    public bool Silent { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<ContentChange>(e =>
    {
        e.ToTable("ContentChanges");
        e.HasKey(c => c.Id);
        e.Property(c => c.Source).HasMaxLength(40);
        e.Property(c => c.Key).HasMaxLength(200);
        e.HasIndex(c => c.DueUtc);
    });
}

public static class ContentChangeLog
{
    /// <summary>
    /// Adds a change row to the unit of work; the caller's <c>SaveChanges</c> commits it together with the change.
    /// Pass <paramref name="dueUtc"/> when the change only becomes public later (scheduled publication).
    /// </summary>
    public static void RecordChange(this PortalDb db, string source, string key, DateTimeOffset nowUtc, DateTimeOffset? dueUtc = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(key);
        db.Add(new ContentChange
        {
            Source = source,
            Key = key,
            ChangedUtc = nowUtc,
            DueUtc = dueUtc is { } due && due > nowUtc ? due : nowUtc,
        });
    }

    /// <summary>
    /// A change for the search index and the page cache only (<see cref="ContentChange.Silent"/>): nobody subscribed
    /// to the item is told.
    /// </summary>
    public static void RecordSilentChange(this PortalDb db, string source, string key, DateTimeOffset nowUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(key);
        db.Add(new ContentChange { Source = source, Key = key, ChangedUtc = nowUtc, DueUtc = nowUtc, Silent = true });
    }
}
