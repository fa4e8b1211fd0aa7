using Portal.Core.Localization;

namespace Portal.Hearings.Model;

internal static class Labels
{
    public static string Status(HearingStatus status) => status switch
    {
        HearingStatus.Draft => "draft",
        HearingStatus.Announced => "announced",
        HearingStatus.Open => "open",
        HearingStatus.Closed => "closed",
        HearingStatus.Held => "held",
        _ => "cancelled",
    };

    /// <summary>
    /// The status a hearing is searched and filtered by. Drafts use open and closed for their comment period, so a
    /// hearing's registration gets codes of its own: one status filter holds both, and a code has one meaning there.
    /// </summary>
    public static string PublicStatus(HearingStatus status) => status switch
    {
        HearingStatus.Open => "registration_open",
        HearingStatus.Closed => "registration_closed",
        _ => Status(status),
    };

    public static string StatusLabel(TextCatalog text, HearingStatus status) => status switch
    {
        HearingStatus.Draft => text.Translate("Not published"),
        HearingStatus.Announced => text.Translate("Announced, registration not yet open"),
        HearingStatus.Open => text.Translate("Registration open"),
        HearingStatus.Closed => text.Translate("Registration closed"),
        HearingStatus.Held => text.Translate("Hearing held"),
        _ => text.Translate("Hearing cancelled"),
    };

    public static string Selection(SelectionMethod method) => method == SelectionMethod.Lottery ? "lottery" : "first_come";

    public static string SelectionLabel(TextCatalog text, SelectionMethod method) =>
        method == SelectionMethod.Lottery ? text.Translate("Public lottery") : text.Translate("First come, first served");

    public static string Registration(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => "registered",
        RegistrationStatus.Confirmed => "confirmed",
        RegistrationStatus.Waitlisted => "waitlisted",
        _ => "cancelled",
    };

    public static string RegistrationLabel(TextCatalog text, RegistrationStatus status) => status switch
    {
        RegistrationStatus.Registered => text.Translate("Registered for the lottery"),
        RegistrationStatus.Confirmed => text.Translate("Seat confirmed"),
        RegistrationStatus.Waitlisted => text.Translate("On the waitlist"),
        _ => text.Translate("Cancelled"),
    };

    public static SelectionMethod? ParseSelection(string? value) => value switch
    {
        "first_come" or "FirstCome" or "firstcome" => SelectionMethod.FirstCome,
        "lottery" or "Lottery" => SelectionMethod.Lottery,
        _ => null,
    };
}
