using Portal.Core.Localization;

namespace Portal.Search.Public;

/// <summary>Labels for the stable type and status codes the sources use; an unknown code is shown as it is.</summary>
internal static class SearchLabels
{
    public static string Type(TextCatalog text, string code) => code switch
    {
        "document" => text.Translate("Document"),
        "guide" => text.Translate("Service guide"),
        "fee" => text.Translate("Fee item"),
        "consultation" => text.Translate("Decision draft"),
        "comment" => text.Translate("Public comment"),
        "hearing" => text.Translate("Hearing"),
        "statement" => text.Translate("Spokesperson release"),
        _ => code,
    };

    /// <summary>Whether a result shows its status: every status but a statement's ordinary "released".</summary>
    public static bool Badge(string? code) => !string.IsNullOrEmpty(code) && code != "published";

    /// <summary>
    /// A status as people read it. Hearings index their registration as registration_open and registration_closed;
    /// an index written before format 3 still holds open and closed for them, which a hit's type tells apart.
    /// </summary>
    public static string Status(TextCatalog text, string code, string? type = null) => type == "hearing" ? HearingStatus(text, code) : Status(text, code);

    private static string HearingStatus(TextCatalog text, string code) => code switch
    {
        "announced" => text.Translate("Announced, registration not yet open"),
        "open" or "registration_open" => text.Translate("Registration open"),
        "closed" or "registration_closed" => text.Translate("Registration closed"),
        "held" => text.Translate("Hearing held"),
        "cancelled" => text.Translate("Hearing cancelled"),
        _ => code,
    };

    public static string Status(TextCatalog text, string code) => code switch
    {
        "announced" or "registration_open" or "registration_closed" or "held" or "cancelled" => HearingStatus(text, code),
        "in-force" => text.Translate("In force"),
        "amended" => text.Translate("Amended"),
        "abolished" => text.Translate("Abolished"),
        "scheduled" => text.Translate("Not yet open"),
        "open" => text.Translate("Open for comment"),
        "closed" => text.Translate("Closed, being answered"),
        "adopted" => text.Translate("Adopted"),
        "partly_adopted" => text.Translate("Partly adopted"),
        "not_adopted" => text.Translate("Not adopted"),
        "out_of_scope" => text.Translate("Outside scope"),
        "rejected" => text.Translate("Decision not adopted"),
        "withdrawn" => text.Translate("Withdrawn"),
        "awaiting_response" => text.Translate("Awaiting response"),
        "published" => text.Translate("Released"),
        "corrected" => text.Translate("Corrected"),
        "retracted" => text.Translate("Retracted"),
        _ => code,
    };
}
