using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Hearings.Model;

internal static class HearingChanges
{
    /// <summary>
    /// The hearing changed now; its public status also changes by the clock when registration opens and closes and
    /// when the hearing starts and ends, so those moments go into the change log too (search, the page cache).
    /// </summary>
    public static void Record(PortalDb db, Hearing hearing, DateTimeOffset now)
    {
        db.RecordChange("hearings", hearing.Slug, now);
        foreach (var moment in new[] { hearing.RegistrationOpensUtc, hearing.RegistrationClosesUtc, hearing.StartsUtc, hearing.EndsUtc }.Where(m => m > now))
        {
            db.RecordChange("hearings", hearing.Slug, now, moment);
        }
    }
}
