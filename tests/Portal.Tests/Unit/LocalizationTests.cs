using System.Text.RegularExpressions;
using Portal.Core.Localization;

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

    [GeneratedRegex("\"([^\"]+)\"\\s*\\|\\s*t\\b")]
    private static partial Regex LiquidKey();

    [GeneratedRegex("(?:\\bL\\[|\\bl\\[|Translate\\()\"((?:[^\"\\\\]|\\\\.)+)\"")]
    private static partial Regex CodeKey();
}
