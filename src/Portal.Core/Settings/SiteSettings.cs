using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Core.Settings;

public sealed class SiteSetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>The site's identity and choices, edited in the admin and set by the <c>settings</c> recipe step.</summary>
public sealed record SiteSettingsSnapshot(IReadOnlyDictionary<string, string> Values)
{
    public string Get(string key, string fallback = "") => Values.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;

    public string SiteName => Get(SiteSettingKeys.SiteName, "Portal");
    public string SiteNameEn => Get(SiteSettingKeys.SiteNameEn, SiteName);
    public string ActiveTheme => Get(SiteSettingKeys.ActiveTheme, "civic");
    public string SiteIdCode => Get(SiteSettingKeys.SiteIdCode);
    public string SiteDomain => Get(SiteSettingKeys.SiteDomain, "localhost");
}

public static class SiteSettingKeys
{
    public const string SiteName = "SiteName";
    public const string SiteNameEn = "SiteNameEn";
    public const string ActiveTheme = "ActiveTheme";
    public const string SiteIdCode = "SiteIdCode";
    public const string SiteDomain = "SiteDomain";
    public const string Organizer = "Organizer";
    public const string OrganizerEn = "OrganizerEn";
    public const string Address = "Address";
    public const string AddressEn = "AddressEn";
    public const string Phone = "Phone";
    public const string Email = "Email";
    public const string IcpRecord = "IcpRecord";
    public const string PoliceRecord = "PoliceRecord";
    public const string IndexPrefix = "IndexPrefix";
    public const string RecipeApplied = "RecipeApplied";

    /// <summary>Keys an administrator edits on the settings screen, in display order.</summary>
    public static readonly IReadOnlyList<string> Editable =
        [SiteName, SiteNameEn, Organizer, OrganizerEn, SiteIdCode, SiteDomain, Address, AddressEn, Phone, Email, IcpRecord, PoliceRecord, IndexPrefix];
}

public interface ISiteSettings
{
    Task<SiteSettingsSnapshot> GetAsync(CancellationToken cancellationToken = default);

    Task SetAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default);
}

/// <summary>
/// Settings are read on every page, so they are cached; the short expiry lets a change made on another
/// web node show up within seconds without a restart.
/// </summary>
internal sealed class SiteSettings(IServiceScopeFactory scopes, IMemoryCache cache) : ISiteSettings
{
    private const string CacheKey = "portal:site-settings";

    public async Task<SiteSettingsSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out SiteSettingsSnapshot? cached) && cached is not null)
        {
            return cached;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var values = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var snapshot = new SiteSettingsSnapshot(values);
        cache.Set(CacheKey, snapshot, TimeSpan.FromSeconds(5));
        return snapshot;
    }

    public async Task SetAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        await SetInAsync(db, values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }

    internal static async Task SetInAsync(PortalDb db, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var keys = values.Keys.ToList();
        var existing = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in values)
        {
            if (existing.TryGetValue(key, out var row))
            {
                row.Value = value;
            }
            else
            {
                db.Settings.Add(new SiteSetting { Key = key, Value = value });
            }
        }
    }

    public void Invalidate() => cache.Remove(CacheKey);
}

/// <summary>One value a choice setting may take, with its English label (translated on the settings screen).</summary>
public sealed record SiteSettingOption(string Value, string Label);

/// <summary>
/// A setting a module adds to the site settings screen as a choice (register it as a singleton). The stored value
/// is always one of <see cref="Options"/>; until an administrator chooses, <see cref="Default"/> applies.
/// </summary>
public sealed record SiteSettingChoice(string Key, string Label, string Hint, IReadOnlyList<SiteSettingOption> Options, string Default)
{
    public string ValueIn(SiteSettingsSnapshot settings)
    {
        var value = settings.Get(Key, Default);
        return Options.Any(o => o.Value == value) ? value : Default;
    }
}
