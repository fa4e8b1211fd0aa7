using System.Globalization;
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

    /// <summary>The unit after a number of working days: English needs the singular for 1; Chinese has one form.</summary>
    public static string WorkingDaysUnit(TextCatalog text, int days) =>
        days == 1 ? text.Translate("working day") : text.Translate("working days");

    /// <summary>"1 working day", "3 working days" (一个工作日 / 3 个工作日).</summary>
    public static string WorkingDays(TextCatalog text, int days) =>
        string.Format(CultureInfo.CurrentCulture, days == 1 ? text.Translate("{0} working day") : text.Translate("{0} working days"), days);

    public static string AttachmentUrl(Attachment a) => $"/attachments/{a.Id}/{Uri.EscapeDataString(a.FileName)}";

    public static string TypeLabel(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        _ => contentType,
    };
}
