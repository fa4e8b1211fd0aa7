using System.Buffers;
using System.Text.Encodings.Web;

namespace Portal.Theming;

/// <summary>
/// Encodes the five characters that end text or a quoted attribute in HTML (<c>&lt; &gt; &amp; " '</c>) and nothing
/// else. <see cref="HtmlEncoder"/> also turns line breaks, <c>+</c> and every character outside the BMP into numeric
/// references: safe, but a comment's line breaks arrived as <c>&amp;#xA;</c> and pages grew for nothing. Pages are
/// UTF-8, so every other character can be written as it is.
/// </summary>
internal sealed class MarkupEncoder : TextEncoder
{
    public static readonly MarkupEncoder Instance = new();

    private static readonly SearchValues<char> Markup = SearchValues.Create("<>&\"'");

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        new ReadOnlySpan<char>(text, textLength).IndexOfAny(Markup);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> replacement = unicodeScalar switch
        {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => default,
        };
        if (replacement.IsEmpty)
        {
            var rune = System.Text.Rune.TryCreate(unicodeScalar, out var valid) ? valid : System.Text.Rune.ReplacementChar;
            return rune.TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }
        if (!replacement.TryCopyTo(output))
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        numberOfCharactersWritten = replacement.Length;
        return true;
    }

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is '<' or '>' or '&' or '"' or '\'';
}
