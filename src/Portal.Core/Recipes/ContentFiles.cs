using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Portal.Core.Recipes;

/// <summary>Reads content-seed files: YAML, or Markdown with a YAML front matter block.</summary>
public static partial class ContentFiles
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static T ReadYaml<T>(RecipeStepContext context, string file, string text)
    {
        try
        {
            return Yaml.Deserialize<T>(text) ?? throw context.Error("(file)", "is empty", Display(context, file));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw context.Error(FieldOf(inner), $"line {e.Start.Line}: {inner}", Display(context, file));
        }
    }

    public static (T Meta, string Body) ReadMarkdown<T>(RecipeStepContext context, string file)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw context.Error("(front matter)", "a document starts with a '---' front matter block", Display(context, file));
        }
        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            throw context.Error("(front matter)", "the front matter block is not closed with '---'", Display(context, file));
        }
        var meta = ReadYaml<T>(context, file, text[4..end]);
        var bodyStart = text.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..].Trim();
        return (meta, body);
    }

    public static string Display(RecipeStepContext context, string file) => Path.GetRelativePath(context.Paths.ContentRoot, file);

    public static string SlugOf(string file) => Path.GetFileNameWithoutExtension(file);

    public static bool IsValidSlug(string slug) => SlugPattern().IsMatch(slug);

    /// <summary>
    /// Reads <c>2025-03-01</c>, <c>2025-03-01 09:30</c>, or an offset from the import instant such as
    /// <c>-3d</c> or <c>-3d 14:00</c> (local site time), and returns a UTC instant.
    /// </summary>
    public static DateTimeOffset ParseDate(RecipeStepContext context, string file, string field, string? value, DateTimeOffset? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback ?? throw context.Error(field, "is required", Display(context, file));
        }
        var match = RelativePattern().Match(value.Trim());
        if (match.Success)
        {
            var days = int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture);
            var localNow = SiteClock.ToLocal(context.ImportUtc);
            var day = localNow.Date.AddDays(match.Groups["sign"].Value == "-" ? -days : days);
            var time = match.Groups["time"].Success
                ? TimeSpan.ParseExact(match.Groups["time"].Value, @"h\:mm", CultureInfo.InvariantCulture)
                : TimeSpan.FromHours(9);
            var result = SiteClock.FromLocal(day + time);
            // "-0d 18:00" must not land in the future and look like a scheduled item.
            return match.Groups["sign"].Value == "-" && result > context.ImportUtc ? context.ImportUtc : result;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm"];
        if (DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var absolute))
        {
            return SiteClock.FromLocal(absolute);
        }
        throw context.Error(field, $"cannot read '{value}' as a date (use 2025-03-01, 2025-03-01 09:30, -3d or -3d 14:00)", Display(context, file));
    }

    public static DateOnly? ParseLocalDate(RecipeStepContext context, string file, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : SiteClock.LocalDate(ParseDate(context, file, field, value));

    private static string FieldOf(string message)
    {
        var m = PropertyPattern().Match(message);
        return m.Success ? m.Groups[1].Value : "(yaml)";
    }

    [GeneratedRegex(@"^(?<sign>[+-])(?<days>\d{1,5})d(?:\s+(?<time>\d{1,2}:\d{2}))?$")]
    private static partial Regex RelativePattern();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("Property '([^']+)'")]
    private static partial Regex PropertyPattern();
}
