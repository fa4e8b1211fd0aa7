using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Settings;

namespace Portal.Core.Data;

/// <summary>
/// A one-off pass over stored rows that a release needs and a schema migration cannot express, because its rule is C#
/// (citizens' text masked again under rules that now hide more, say). It runs at start, after the migrations and before
/// anything is served, once per <see cref="Version"/>: the version last run is kept in the settings table under
/// <c>DataUpgrade:{Name}</c>. It must be idempotent (two nodes starting together may both run it) and save its work in
/// batches, each a whole step, so a pass cut short is simply run again at the next start.
/// </summary>
public interface IDataUpgrade
{
    /// <summary>A stable name, part of the settings key.</summary>
    string Name { get; }

    /// <summary>Raised by the release whose rule changed; the pass runs on every site that last ran a lower one.</summary>
    int Version { get; }

    /// <returns>How many rows it changed (logged).</returns>
    Task<int> RunAsync(PortalDb db, CancellationToken cancellationToken);
}

/// <summary>Runs the <see cref="IDataUpgrade"/>s a site has not run at their current version, and records them.</summary>
public sealed class DataUpgrades(IEnumerable<IDataUpgrade> upgrades, ILogger<DataUpgrades> logger)
{
    public const string KeyPrefix = "DataUpgrade:";

    /// <summary>On a site that holds content: every pass whose version it has not run yet, in name order.</summary>
    public async Task RunPendingAsync(PortalDb db, CancellationToken cancellationToken)
    {
        var ran = await RanAsync(db, cancellationToken);
        foreach (var upgrade in upgrades.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            if (ran.TryGetValue(upgrade.Name, out var version) && version >= upgrade.Version)
            {
                continue;
            }
            var watch = Stopwatch.StartNew();
            var changed = await upgrade.RunAsync(db, cancellationToken);
            db.ChangeTracker.Clear();
            await RecordAsync(db, [upgrade], cancellationToken);
            logger.LogInformation("Data upgrade {Name} (version {Version}) changed {Rows} rows in {Elapsed} ms",
                upgrade.Name, upgrade.Version, changed, watch.ElapsedMilliseconds);
        }
    }

    /// <summary>
    /// A site just filled by its first recipe holds nothing written under older rules: every pass is recorded as run.
    /// </summary>
    public Task RecordAllAsync(PortalDb db, CancellationToken cancellationToken) => RecordAsync(db, upgrades.ToList(), cancellationToken);

    /// <summary>The version each pass last ran at, by name.</summary>
    public static async Task<Dictionary<string, int>> RanAsync(PortalDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(KeyPrefix)).ToListAsync(cancellationToken);
        var ran = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (int.TryParse(row.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                ran[row.Key[KeyPrefix.Length..]] = version;
            }
        }
        return ran;
    }

    private static async Task RecordAsync(PortalDb db, IReadOnlyList<IDataUpgrade> done, CancellationToken cancellationToken)
    {
        if (done.Count == 0)
        {
            return;
        }
        var values = done.ToDictionary(u => KeyPrefix + u.Name, u => u.Version.ToString(CultureInfo.InvariantCulture));
        try
        {
            await SiteSettings.SetInAsync(db, values, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node that started at the same moment recorded the same pass first (the key is unique): its record
            // stands once it says at least as much as ours.
            db.ChangeTracker.Clear();
            var ran = await RanAsync(db, cancellationToken);
            if (done.Any(u => !ran.TryGetValue(u.Name, out var version) || version < u.Version))
            {
                throw;
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
