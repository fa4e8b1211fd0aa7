using System.Globalization;

namespace Portal.Core.Text;

/// <summary>The site's civil time. Instants are stored in UTC; people read and type Asia/Shanghai time.</summary>
public static class SiteClock
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    /// <summary>The site's publication time format: <c>YYYY-MM-DD HH:MM</c>.</summary>
    public static string FormatDateTime(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly LocalDate(DateTimeOffset utc) => DateOnly.FromDateTime(ToLocal(utc).DateTime);

    /// <summary>
    /// The years a date entered by staff or an API client may fall in. Nothing the site schedules lies outside them,
    /// and arithmetic on dates near year 1 or 9999 (a registration deadline three days before) throws.
    /// </summary>
    public static bool IsPlausible(DateTimeOffset value) => value.UtcDateTime.Year is >= 2000 and <= 2100;

    /// <inheritdoc cref="IsPlausible(DateTimeOffset)"/>
    public static bool IsPlausible(DateOnly value) => value.Year is >= 2000 and <= 2100;

    public const string ImplausibleDate = "Enter a date between the years 2000 and 2100.";

    /// <summary>Reads a local wall-clock time typed by staff and returns the UTC instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static string FormatFileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };
}
