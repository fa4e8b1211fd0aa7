using Portal.Core;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Model;

/// <summary>The comment period rules, checked when publishing and on every change.</summary>
public static class PeriodRules
{
    public static Refusal? Check(
        DecisionKind kind, DateTimeOffset opensUtc, DateTimeOffset closesUtc, DateOnly plannedAdoption, string? shortPeriodReason,
        ConsultationOptions options, TextCatalog text)
    {
        if (closesUtc <= opensUtc)
        {
            return new Refusal(text.Translate("The comment period must close after it opens."), "ClosesUtc", 422);
        }
        var period = closesUtc - opensUtc;
        if (period < TimeSpan.FromDays(options.MinimumDays))
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("The comment period is {0}; the site minimum is {1} days. Move the close later or the opening earlier."),
                Describe(period, text), options.MinimumDays), "ClosesUtc", 422);
        }
        if (kind == DecisionKind.Major && period < TimeSpan.FromDays(options.MajorMinimumDays) && string.IsNullOrWhiteSpace(shortPeriodReason))
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("A major decision needs {0} days of comment, or a recorded reason for a shorter period (shown to the public). This period is {1}."),
                options.MajorMinimumDays, Describe(period, text)), "ShortPeriodReason", 422);
        }
        if (plannedAdoption < SiteClock.LocalDate(closesUtc))
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("The planned adoption date {0} is before the comment period closes on {1}."),
                SiteClock.FormatDate(plannedAdoption), SiteClock.FormatDate(closesUtc)), "PlannedAdoptionDate", 422);
        }
        return null;
    }

    private static string Describe(TimeSpan period, TextCatalog text) =>
        string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Translate("{0} d {1} h {2} min"), (int)period.TotalDays, period.Hours, period.Minutes);
}
