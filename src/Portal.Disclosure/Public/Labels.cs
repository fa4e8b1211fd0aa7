using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Core.Localization;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

internal static partial class Labels
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

    /// <summary>
    /// A time limit as read: 0 means done on the spot (即时办结, "Same day (on the spot)"), never "0 working days".
    /// </summary>
    public static string TimeLimit(TextCatalog text, int days) =>
        days == 0 ? text.Translate("Same day (on the spot)") : WorkingDays(text, days);

    /// <summary>
    /// Whether a fee standard charges nothing (免收、免费、不收费…). Standards are written in Chinese whatever the
    /// reader's language, and a guide whose every fee is waived is free of charge to the applicant.
    /// </summary>
    public static bool ChargesNothing(string standard) =>
        FreeStandards.Any(p => standard.TrimStart().StartsWith(p, StringComparison.Ordinal));

    private static readonly string[] FreeStandards = ["免收", "免费", "免征", "停征", "不收费", "不收取"];

    /// <summary>Text with every http(s) address in it made a link: 锦城市政务服务网 https://zwfw.example.gov.cn/ …</summary>
    public static IReadOnlyList<TextPart> LinkAddresses(string text)
    {
        var parts = new List<TextPart>();
        var at = 0;
        foreach (Match m in WebAddress().Matches(text))
        {
            var address = m.Value.TrimEnd('.', ',', ':', '!', '?');
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                continue;
            }
            if (m.Index > at)
            {
                parts.Add(new TextPart(text[at..m.Index], null));
            }
            parts.Add(new TextPart(address, uri.AbsoluteUri));
            at = m.Index + address.Length;
        }
        if (at < text.Length)
        {
            parts.Add(new TextPart(text[at..], null));
        }
        return parts;
    }

    [GeneratedRegex(@"https?://[^\s，。；、：！？（）()<>""“”'‘’【】《》]+", RegexOptions.IgnoreCase)]
    private static partial Regex WebAddress();

    public static string AttachmentUrl(Attachment a) => $"/attachments/{a.Id}/{Uri.EscapeDataString(a.FileName)}";

    public static string TypeLabel(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        _ => contentType,
    };
}
