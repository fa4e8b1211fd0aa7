using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Disclosure.Public;

/// <summary>
/// How a file is named to readers: in lists beside its type badge, and when downloaded. Used by every module that
/// serves public files (documents, guides, consultations, statements, hearing materials).
/// </summary>
public static partial class AttachmentNames
{
    /// <summary>
    /// The title without a closing "（PDF）" or "(PDF版)" that only repeats the type the list shows beside it:
    /// "实施办法全文（PDF）" next to a PDF badge reads "实施办法全文".
    /// </summary>
    public static string Title(string title, string type)
    {
        var suffix = TypeSuffix().Match(title);
        return suffix.Success && suffix.Index > 0 && string.Equals(suffix.Groups[1].Value, type, StringComparison.OrdinalIgnoreCase)
            ? title[..suffix.Index].TrimEnd()
            : title;
    }

    /// <summary>
    /// The name a download is saved under: the title people read on the page (Chinese) with the stored file's
    /// extension, so 实施办法全文.pdf rather than one-window-rules.pdf; the stored name when there is no usable title.
    /// </summary>
    public static string Download(string? title, string fileName, string type)
    {
        var extension = Path.GetExtension(fileName);
        var name = new StringBuilder();
        foreach (var c in Title(title ?? "", type).Trim())
        {
            // Characters no file system takes, and controls, become a space; runs of spaces one space.
            var safe = char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? ' ' : c;
            if (safe != ' ' || (name.Length > 0 && name[^1] != ' '))
            {
                name.Append(safe);
            }
        }
        var stem = name.ToString().Trim().TrimEnd('.').Trim();
        if (stem.Length > MaxStem)
        {
            stem = stem[..(char.IsHighSurrogate(stem[MaxStem - 1]) ? MaxStem - 1 : MaxStem)].TrimEnd();
        }
        if (stem.Length == 0)
        {
            return fileName;
        }
        return stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? stem : stem + extension;
    }

    private const int MaxStem = 100;

    [GeneratedRegex(@"\s*[（(]\s*([A-Za-z]+)\s*(?:版|格式|文件|文本)?\s*[）)]\s*$")]
    private static partial Regex TypeSuffix();
}
