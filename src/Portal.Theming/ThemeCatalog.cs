using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Core;

namespace Portal.Theming;

[LiquidModel]
public sealed record ThemeInfo(string Id, string Name, string NameEn, string? BaseTheme, string Description, IReadOnlyList<string> Styles)
{
    /// <summary>The folders to search, most specific first: this theme, then its base themes.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    /// <summary>Stylesheet URLs, base theme first so an overriding theme only adds what differs.</summary>
    public IReadOnlyList<string> StylesheetUrls { get; init; } = [];
}

/// <summary>The themes installed under <c>themes/</c>, each described by its <c>theme.json</c>.</summary>
public sealed class ThemeCatalog
{
    private readonly PortalPaths paths;
    private readonly Lazy<IReadOnlyDictionary<string, ThemeInfo>> themes;

    public ThemeCatalog(PortalPaths paths)
    {
        this.paths = paths;
        themes = new Lazy<IReadOnlyDictionary<string, ThemeInfo>>(Load);
    }

    public IReadOnlyCollection<ThemeInfo> All => themes.Value.Values.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();

    public ThemeInfo Get(string id) =>
        themes.Value.TryGetValue(id, out var theme) ? theme
        : themes.Value.TryGetValue("civic", out var fallback) ? fallback
        : throw new InvalidOperationException($"No theme '{id}' and no 'civic' theme under {paths.Themes}.");

    public bool Exists(string id) => themes.Value.ContainsKey(id);

    public string ViewsFolder(string themeId) => Path.Combine(paths.Themes, themeId, "Views");

    public string AssetsFolder(string themeId) => Path.Combine(paths.Themes, themeId, "wwwroot");

    private Dictionary<string, ThemeInfo> Load()
    {
        var raw = new Dictionary<string, ThemeInfo>(StringComparer.Ordinal);
        if (!Directory.Exists(paths.Themes))
        {
            return raw;
        }
        foreach (var dir in Directory.EnumerateDirectories(paths.Themes))
        {
            var manifest = Path.Combine(dir, "theme.json");
            if (!File.Exists(manifest))
            {
                continue;
            }
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var root = json.RootElement;
            string Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            var id = Path.GetFileName(dir);
            var styles = root.TryGetProperty("styles", out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            var baseTheme = Str("base");
            raw[id] = new ThemeInfo(id, Str("name"), Str("nameEn"), baseTheme.Length == 0 ? null : baseTheme, Str("description"), styles);
        }
        var resolved = new Dictionary<string, ThemeInfo>(StringComparer.Ordinal);
        foreach (var theme in raw.Values)
        {
            var chain = new List<ThemeInfo>();
            for (var t = theme; t is not null && chain.Count < 5; t = t.BaseTheme is { } b && raw.TryGetValue(b, out var bt) ? bt : null)
            {
                chain.Add(t);
            }
            var version = Version(chain);
            resolved[theme.Id] = theme with
            {
                Chain = chain.Select(c => c.Id).ToList(),
                StylesheetUrls = Enumerable.Reverse(chain).SelectMany(c => c.Styles.Select(style => $"/themes/{c.Id}/{style}?v={version}")).ToList(),
            };
        }
        return resolved;
    }

    /// <summary>
    /// The stylesheets' cache key (they are served immutable for a year): a hash of the files they come from, each
    /// theme.json of the chain and its stylesheets. A file time would not do: a deploy that changed a stylesheet but not
    /// theme.json kept the old key, so returning readers kept the old styles, and each node of a cluster has its own times.
    /// </summary>
    private string Version(IEnumerable<ThemeInfo> chain)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var theme in chain)
        {
            foreach (var file in theme.Styles.Select(style => Path.Combine(AssetsFolder(theme.Id), style)).Prepend(Path.Combine(paths.Themes, theme.Id, "theme.json")))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(paths.Themes, file) + "\n"));
                if (File.Exists(file))
                {
                    hash.AppendData(File.ReadAllBytes(file));
                }
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
