using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Portal.Core.Data;

public static class ChangedEntries
{
    /// <summary>
    /// The added, modified and deleted entries as the tracker knows them now, without a second <c>DetectChanges</c>
    /// (<c>Entries()</c> would run one: over a long unit of work, such as applying a recipe, that made every save
    /// quadratic). Call <see cref="ChangeTracker.DetectChanges"/> first when modifications must be seen.
    /// </summary>
    public static List<EntityEntry> Changed(this ChangeTracker tracker) => WithoutDetecting(tracker, static t =>
        t.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList());

    /// <summary>
    /// The tracked entities of one type, without a <c>DetectChanges</c>: for finding what this unit of work has added
    /// (an added entity is tracked from the moment it is added; only its later property changes would need detecting).
    /// </summary>
    public static List<T> Tracked<T>(this ChangeTracker tracker) where T : class =>
        WithoutDetecting(tracker, static t => t.Entries<T>().Select(e => e.Entity).ToList());

    /// <summary>
    /// The tracked entity with this primary key, from the tracker's identity map: no scan and no <c>DetectChanges</c>
    /// (event handlers that run once per participant of a hearing would otherwise make the unit of work quadratic).
    /// </summary>
    public static T? TrackedByKey<T, TKey>(this DbContext db, TKey key) where T : class =>
        WithoutDetecting(db.ChangeTracker, _ => db.Set<T>().Local.FindEntry(key)?.Entity);

    /// <summary>The first tracked entity whose <paramref name="property"/> holds <paramref name="value"/>, without a <c>DetectChanges</c>.</summary>
    public static T? TrackedBy<T, TValue>(this DbContext db, string property, TValue value) where T : class =>
        WithoutDetecting(db.ChangeTracker, _ => db.Set<T>().Local.FindEntry(property, value)?.Entity);

    private static TResult WithoutDetecting<TResult>(ChangeTracker tracker, Func<ChangeTracker, TResult> read)
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return read(tracker);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
