using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Core.Localization;
using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Tests.Unit;

public sealed partial class LocalizationTests
{
    /// <summary>Every UI string used by a template, page or handler has a zh-CN translation (zh-CN is the default language).</summary>
    [Fact]
    public void EveryUiString_HasAChineseTranslation()
    {
        var repo = Integration.RecipeTests.FindRepository();
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repo, "themes"), "*.liquid", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(repo, "src"), "*.liquid", SearchOption.AllDirectories)))
        {
            foreach (Match m in LiquidKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(m.Groups[1].Value);
            }
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repo, "src"), "*.cs*", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            foreach (Match m in CodeKey().Matches(File.ReadAllText(file)))
            {
                keys.Add(Regex.Unescape(m.Groups[1].Value));
            }
        }
        var catalog = new TextCatalog(Path.Combine(AppContext.BaseDirectory, "Localization"));
        var zh = catalog.Strings("zh-CN");
        var missing = keys.Where(k => !zh.ContainsKey(k)).ToList();
        Assert.True(keys.Count > 150, $"only {keys.Count} keys found: the scan is broken");
        Assert.True(missing.Count == 0, "Missing zh-CN translations:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// The modules' catalogs are merged into one dictionary and the file read last wins, so one English key with two
    /// Chinese texts shows one module's wording on the other's page (a hearing's speaker labelled as a statement's
    /// publisher). A key means one thing everywhere; a second meaning needs its own key.
    /// </summary>
    [Fact]
    public void NoKey_HasTwoDifferentTranslations()
    {
        var repo = Integration.RecipeTests.FindRepository();
        var seen = new Dictionary<string, (string Value, string File)>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        var files = Directory.EnumerateFiles(Path.Combine(repo, "src"), "*.zh-CN.json", SearchOption.AllDirectories)
            .Where(f => f.Contains("/Localization/") && !f.Contains("/obj/") && !f.Contains("/bin/")).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
            {
                if (seen.TryGetValue(key, out var first) && first.Value != value)
                {
                    conflicts.Add($"'{key}': '{first.Value}' ({Path.GetFileName(first.File)}) vs '{value}' ({Path.GetFileName(file)})");
                }
                seen.TryAdd(key, (value, file));
            }
        }
        Assert.True(files.Count >= 10, $"only {files.Count} catalog files found: the scan is broken");
        Assert.True(conflicts.Count == 0, "Keys with two translations:\n" + string.Join("\n", conflicts));
    }

    /// <summary>
    /// English shows the key itself, which is right for English sentences but not for codes used as keys (setting
    /// names such as SiteIdCode, role names such as DecisionOfficer, states such as draft): those need an English text.
    /// </summary>
    [Fact]
    public void CodeLikeKeys_HaveAnEnglishText()
    {
        var catalog = new TextCatalog(Path.Combine(AppContext.BaseDirectory, "Localization"));
        var codes = catalog.Strings("zh-CN").Keys.Where(k => CodeLike().IsMatch(k) && k is not ("decision" or "document" or "masked")).ToList();
        var en = catalog.Strings("en");
        var missing = codes.Where(k => !en.ContainsKey(k)).ToList();
        Assert.Contains("DecisionOfficer", codes);
        Assert.True(missing.Count == 0, "Missing English texts:\n" + string.Join("\n", missing));
        Assert.Equal("Decision officer", catalog.Translate("DecisionOfficer", System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [GeneratedRegex("^(?:[a-z]+|[A-Z][a-z]+(?:[A-Z][a-z]*)+)$")]
    private static partial Regex CodeLike();

    /// <summary>The shipped themes' descriptions are shown on the settings page through the catalog.</summary>
    [Fact]
    public void ShippedThemeDescriptions_HaveAChineseText()
    {
        var zh = new TextCatalog(Path.Combine(AppContext.BaseDirectory, "Localization")).Strings("zh-CN");
        var themes = Directory.EnumerateFiles(Path.Combine(Integration.RecipeTests.FindRepository(), "themes"), "theme.json", SearchOption.AllDirectories).ToList();
        var missing = themes.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("description").GetString()!).Where(d => !zh.ContainsKey(d)).ToList();
        Assert.True(themes.Count >= 2, $"only {themes.Count} themes found");
        Assert.True(missing.Count == 0, "Missing zh-CN translations:\n" + string.Join("\n", missing));
    }

    /// <summary>Permission names and their module groups are shown on the roles page through the catalog.</summary>
    [Fact]
    public void EveryPermission_HasAChineseName()
    {
        var zh = new TextCatalog(Path.Combine(AppContext.BaseDirectory, "Localization")).Strings("zh-CN");
        var permissions = ModuleCatalog.AllModules.SelectMany(m => m.Permissions).ToList();
        var missing = permissions.SelectMany(p => new[] { p.DisplayName, p.Module }).Concat(StaffRoles.All).Distinct().Where(k => !zh.ContainsKey(k)).ToList();
        Assert.True(permissions.Count > 10, $"only {permissions.Count} permissions found");
        Assert.True(missing.Count == 0, "Missing zh-CN translations:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex("\"([^\"]+)\"\\s*\\|\\s*t\\b")]
    private static partial Regex LiquidKey();

    [GeneratedRegex("(?:(?:\\bL\\[|\\bl\\[|Translate\\(|\\bF\\()(?:\\w+ \\?\\? )?|ErrorMessage = )\"((?:[^\"\\\\]|\\\\.)+)\"")]
    private static partial Regex CodeKey();
}
