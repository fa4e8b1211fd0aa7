using Portal.Core.Localization;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

internal static class Labels
{
    public static string Validity(DocumentValidity validity) => validity switch
    {
        DocumentValidity.Amended => "amended",
        DocumentValidity.Abolished => "abolished",
        _ => "in-force",
    };

    public static string ValidityLabel(TextCatalog text, DocumentValidity validity) => validity switch
    {
        DocumentValidity.Amended => text.Translate("Amended"),
        DocumentValidity.Abolished => text.Translate("Abolished"),
        _ => text.Translate("In force"),
    };

    public static string AttachmentUrl(Attachment a) => $"/attachments/{a.Id}/{Uri.EscapeDataString(a.FileName)}";

    public static string TypeLabel(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        _ => contentType,
    };
}
