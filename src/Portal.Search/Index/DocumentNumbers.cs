using System.Text;

namespace Portal.Search.Index;

/// <summary>
/// Document numbers (文号) as people type them: 锦市监规〔2026〕5号, 锦市监规[2026]5号, 锦市监规（2026）5号 and
/// 锦市监规 (2026) 5 号 are one number. Brackets of every kind, quotes and spaces are dropped, full-width letters and digits
/// folded, letters lower-cased; the result is indexed as one term and looked up as one.
/// </summary>
public static class DocumentNumbers
{
    private const string Brackets = "〔〕[]()（）【】［］〖〗{}｛｝「」『』<>《》\"“”";

    /// <summary>The comparable form, or null when the text cannot be a number (no digit, or too short).</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var builder = new StringBuilder(text.Length);
        var digits = false;
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || Brackets.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }
            digits |= char.IsAsciiDigit(c);
            builder.Append(char.ToLowerInvariant(c));
        }
        return digits && builder.Length >= 3 && builder.Length <= 60 ? builder.ToString() : null;
    }
}
