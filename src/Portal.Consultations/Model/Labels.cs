using Portal.Core.Localization;

namespace Portal.Consultations.Model;

/// <summary>The stable codes used in the API and the CSV, and their labels for people.</summary>
public static class Labels
{
    /// <summary>Whether a comment is shown under its author's name: they agreed to publish it and gave one.</summary>
    public static bool ShowsName(bool publishName, string name) => publishName && name.Length > 0;

    /// <summary>The name a comment is shown under: its author's (see <see cref="ShowsName"/>), else "Anonymous" in the reader's language.</summary>
    public static string Author(TextCatalog text, bool publishName, string name) => Author(publishName, name, text.Translate("Anonymous"));

    /// <summary>The same with a fixed word for anonymous (the open data says 匿名 in any language).</summary>
    public static string Author(bool publishName, string name, string anonymous) => ShowsName(publishName, name) ? name : anonymous;

    public static string Status(ConsultationStatus status) => status.ToString().ToLowerInvariant();

    public static string StatusLabel(TextCatalog text, ConsultationStatus status) => text.Translate(status switch
    {
        ConsultationStatus.Scheduled => "Not yet open",
        ConsultationStatus.Open => "Open for comment",
        ConsultationStatus.Closed => "Closed, being answered",
        ConsultationStatus.Adopted => "Decision adopted",
        ConsultationStatus.Rejected => "Decision not adopted",
        ConsultationStatus.Withdrawn => "Withdrawn",
        _ => "Draft",
    });

    public static string RejectCode(RejectReason reason) => reason switch
    {
        RejectReason.Spam => "spam",
        RejectReason.Abusive => "abusive",
        RejectReason.PersonalData => "personal_data",
        RejectReason.OffTopic => "off_topic",
        RejectReason.Duplicate => "duplicate",
        _ => "",
    };

    public static RejectReason? ParseRejectCode(string? code) => code switch
    {
        "spam" => RejectReason.Spam,
        "abusive" => RejectReason.Abusive,
        "personal_data" => RejectReason.PersonalData,
        "off_topic" => RejectReason.OffTopic,
        "duplicate" => RejectReason.Duplicate,
        _ => null,
    };

    /// <summary>How an opinion recorded by staff reached the office (empty for the web form and hearings).</summary>
    public static string ChannelLabel(TextCatalog text, CommentChannel channel) => channel switch
    {
        CommentChannel.Letter => text.Translate("Received by letter"),
        CommentChannel.Email => text.Translate("Received by email"),
        CommentChannel.Phone => text.Translate("Received by telephone"),
        CommentChannel.InPerson => text.Translate("Handed in at the office"),
        _ => "",
    };

    public static string RejectLabel(TextCatalog text, RejectReason reason) => text.Translate(reason switch
    {
        RejectReason.Spam => "advertising or spam",
        RejectReason.Abusive => "abusive language",
        RejectReason.PersonalData => "personal data of others",
        RejectReason.OffTopic => "not about this draft",
        RejectReason.Duplicate => "duplicate of another comment",
        _ => "",
    });

    public static string DispositionCode(Disposition disposition) => disposition switch
    {
        Disposition.Adopted => "adopted",
        Disposition.PartlyAdopted => "partly_adopted",
        Disposition.NotAdopted => "not_adopted",
        Disposition.OutOfScope => "out_of_scope",
        _ => "",
    };

    public static Disposition? ParseDisposition(string? code) => code switch
    {
        "adopted" => Disposition.Adopted,
        "partly_adopted" => Disposition.PartlyAdopted,
        "not_adopted" => Disposition.NotAdopted,
        "out_of_scope" => Disposition.OutOfScope,
        _ => null,
    };

    public static string DispositionLabel(TextCatalog text, Disposition disposition) => text.Translate(disposition switch
    {
        Disposition.Adopted => "Adopted",
        Disposition.PartlyAdopted => "Partly adopted",
        Disposition.NotAdopted => "Not adopted",
        Disposition.OutOfScope => "Outside the scope",
        _ => "Not yet answered",
    });
}
