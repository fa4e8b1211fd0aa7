using System.Text;

namespace Portal.Core.Text;

/// <summary>
/// Characters that have no place in text people type: C0 and C1 control characters other than tab and line breaks,
/// unpaired surrogates and the non-characters U+FFFE/U+FFFF. They arrive pasted from PDFs and word processors (form
/// feeds, vertical tabs) or on purpose (NUL), are invisible on the page, and break what the text is later written
/// into: PostgreSQL refuses NUL in text, and XML (the Atom feeds) cannot carry any of them.
/// </summary>
public static class PlainText
{
    /// <summary>
    /// The text without those characters: a form feed or vertical tab becomes a line break (it separated pages or
    /// lines where it came from), anything else is dropped. The same instance when there is nothing to change.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (!IsUnwanted(c))
            {
                builder?.Append(c);
            }
            else
            {
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
                if (c is '\f' or '\v')
                {
                    builder.Append('\n');
                }
            }
        }
        return builder?.ToString() ?? text;
    }

    /// <summary><see cref="Clean"/> for a value that may be absent.</summary>
    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    /// <summary>Called only for a character that is not the first half of a surrogate pair.</summary>
    private static bool IsUnwanted(char c) =>
        (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007f' and <= '\u009f' || char.IsSurrogate(c) || c is '\ufffe' or '\uffff';
}
