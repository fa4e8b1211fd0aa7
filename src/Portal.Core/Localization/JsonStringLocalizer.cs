using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Portal.Core.Localization;

/// <summary>
/// UI strings: the key is the English text; each module ships <c>Localization/*.{culture}.json</c>
/// files that are merged at start. A missing translation shows the English key, never an empty string.
/// </summary>
public sealed class TextCatalog
{
    public static readonly IReadOnlyList<string> SupportedCultures = ["zh-CN", "en"];
    public const string DefaultCulture = "zh-CN";

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> byCulture = new();
    private readonly string directory;

    public TextCatalog(string? directory = null)
    {
        this.directory = directory ?? Path.Combine(AppContext.BaseDirectory, "Localization");
    }

    public string Translate(string key, CultureInfo? culture = null)
    {
        var name = (culture ?? CultureInfo.CurrentUICulture).Name;
        return Strings(name).TryGetValue(key, out var value) ? value : key;
    }

    /// <summary>The merged strings of a culture. Looked up before adding: passing <c>Load</c> allocates a delegate each call, and
    /// this runs for every translated text of every page.</summary>
    public IReadOnlyDictionary<string, string> Strings(string cultureName) =>
        byCulture.TryGetValue(cultureName, out var strings) ? strings : byCulture.GetOrAdd(cultureName, Load);

    private IReadOnlyDictionary<string, string> Load(string cultureName)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            return merged;
        }
        foreach (var file in Directory.EnumerateFiles(directory, $"*.{cultureName}.json").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Localization file {file} is empty.");
            foreach (var (key, value) in entries)
            {
                merged[key] = value;
            }
        }
        return merged;
    }
}

public sealed class JsonStringLocalizerFactory(TextCatalog catalog) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(catalog);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(catalog);
}

public sealed class JsonStringLocalizer(TextCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = catalog.Translate(name);
            return new LocalizedString(name, value, resourceNotFound: ReferenceEquals(value, name));
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.Strings(CultureInfo.CurrentUICulture.Name).Select(kv => new LocalizedString(kv.Key, kv.Value));
}
