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
    public static List<EntityEntry> Changed(this ChangeTracker tracker)
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
