using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Consultations.Model;

/// <summary>What happens to a citizen's text before anyone else sees it: masking, and the near-duplicate fingerprint.</summary>
public static partial class CommentText
{
    /// <summary>
    /// Raised whenever <see cref="Mask"/> comes to hide more than before, so that the copies stored under the earlier
    /// rules are masked again at the next start (<c>StoredCommentMasking</c>). 1: ASCII digits; 2: full-width and
    /// mixed-width mobiles and landlines (2026-12-07).
    /// </summary>
    public const int RulesVersion = 2;

    /// <summary>
    /// Masks email addresses, 18-digit ID-card numbers, mainland mobile numbers and landlines, keeping just enough
    /// to read the shape (<c>139****5678</c>). Staff still see the original. Mobiles may be written in full-width
    /// digits (a Chinese IME's default) or a mix of widths, and so may landlines: the digits kept stay as written
    /// (<c>１３９****５６７８</c>), the stars are ASCII. Masking a masked text changes nothing, so a stored public copy can
    /// be masked again when these rules grow (<see cref="RulesVersion"/>).
    /// </summary>
    public static string Mask(string text)
    {
        text = Email().Replace(text, m => m.Value[0] + "***@" + m.Groups["domain"].Value);
        text = IdCard().Replace(text, m => m.Value[..6] + new string('*', 8) + m.Value[^4..]);
        text = MobileWithCountryCode().Replace(text, MaskGroupedMobile);
        text = MobileTogether().Replace(text, MaskMobile);
        text = MobileSpaced().Replace(text, MaskGroupedMobile);
        text = LandlineWithCountryCode().Replace(text, m => m.Groups["prefix"].Value + MaskLandline(m));
        text = Landline().Replace(text, MaskLandline);
        return text;
    }

    private static string MaskMobile(Match m) => m.Groups["prefix"].Value + m.Groups["head"].Value + "****" + m.Groups["tail"].Value;

    /// <summary>The head as written (its brackets too), then the last four of the remaining eight digits, whatever their grouping.</summary>
    private static string MaskGroupedMobile(Match m)
    {
        var rest = m.Groups["rest"].Value;
        var tail = new StringBuilder(4);
        for (var i = rest.Length - 1; i >= 0 && tail.Length < 4; i--)
        {
            if (char.IsDigit(rest[i]))
            {
                tail.Insert(0, rest[i]);
            }
        }
        return m.Groups["prefix"].Value + m.Groups["open"].Value + m.Groups["head"].Value + m.Groups["close"].Value + "****" + tail;
    }

    private static string MaskLandline(Match m) => m.Groups["area"].Value + "-****" + m.Groups["rest"].Value[^2..];

    /// <summary>64-bit SimHash over character bigrams of the text without spaces and punctuation.</summary>
    public static long Fingerprint(string text)
    {
        var normalized = new StringBuilder(text.Length);
        foreach (var rune in text.ToLowerInvariant().EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetterOrDigit(rune) || category == UnicodeCategory.OtherLetter)
            {
                normalized.Append(rune.ToString());
            }
        }
        var s = normalized.ToString();
        Span<int> weights = stackalloc int[64];
        if (s.Length < 2)
        {
            return (long)Hash(s);
        }
        for (var i = 0; i + 1 < s.Length; i++)
        {
            var h = Hash(s.AsSpan(i, 2));
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((h >> bit) & 1) == 1 ? 1 : -1;
            }
        }
        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }
        return (long)result;
    }

    public static int Band(long fingerprint, int band) => (int)(((ulong)fingerprint >> (band * 8)) & 0xFF);

    /// <summary>
    /// Within 7 of 64 bits. Measured on the demo campaign: one-character edits of a 60-character comment land at
    /// 0–7 bits, unrelated comments on the same draft at 26–33.
    /// </summary>
    public static bool AreNearDuplicates(long a, long b) => BitOperations.PopCount((ulong)(a ^ b)) <= 7;

    private static ulong Hash(ReadOnlySpan<char> text)
    {
        // FNV-1a: stable across processes and machines, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        // A final avalanche so that neighbouring bigrams spread over all 64 bits.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@(?<domain>[A-Za-z0-9.-]+\.[A-Za-z]{2,})")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdCard();

    /// <summary>11 digits written together, with or without +86, 0086 or 86 in front: nearly always a mobile number.</summary>
    [GeneratedRegex(@"(?<![\d.．])(?<prefix>(?:(?:[+＋]|[0０]{2})?" + EightySix + @"[-－ \u3000]?)?)(?<head>" + MobileHead + @")\d{4}(?<tail>\d{4})(?!\d)")]
    private static partial Regex MobileTogether();

    /// <summary>
    /// 11 digits grouped any way (3-4-4, 4-3-4, 3-8…) by spaces or hyphens, the first three in brackets or not, only after
    /// a phone cue: laid out like that without one, numbers are as often prices or quantities (分三档：150 2000 3000 元).
    /// </summary>
    [GeneratedRegex(@"(?<![\d.．])(?<=(?:电话|手机|联系|致电|拨打|号码|热线|微信|座机|[Tt]el|TEL|[Pp]hone|[Mm]obile|[Cc]all)[^\d\n]{0,8})(?<prefix>)" + GroupedMobile)]
    private static partial Regex MobileSpaced();

    /// <summary>
    /// +86 (ASCII or full-width plus, bracketed or not) or 0086, then a mobile grouped any way: after the country code
    /// 1 and 3–9 and nine more digits can only be a mobile number. Runs first, so the landline patterns never see one.
    /// </summary>
    [GeneratedRegex(@"(?<![\d.．])(?<prefix>(?:[(（][+＋]" + EightySix + @"[)）]|[+＋]" + EightySix + @"|[0０]{2}" + EightySix + @")[-－ \u3000]?)" + GroupedMobile)]
    private static partial Regex MobileWithCountryCode();

    /// <summary>1, 3–9 and a digit (in brackets or not), then eight digits with at most one separator before each.</summary>
    private const string GroupedMobile = @"(?<open>[(（])?(?<head>" + MobileHead + @")(?<close>(?(open)[)）]))(?<rest>(?:[-－‐– \u3000]?\d){8})(?!\d)";

    /// <summary>
    /// A mobile's first three digits, each ASCII or full-width (<c>\d</c> already takes full-width digits, the literals
    /// do not): 1, 3–9, any digit.
    /// </summary>
    private const string MobileHead = @"[1１][3-9３-９]\d";

    /// <summary>The country code, each digit ASCII or full-width.</summary>
    private const string EightySix = "[8８][6６]";

    /// <summary>
    /// An area code (its digits ASCII or full-width), in ASCII or full-width brackets or not, then 7 or 8 digits, which may be split 3-4 or 4-4 by a
    /// hyphen (a space there would also take "0800-1200 1400-1800", opening hours, for a number).
    /// </summary>
    [GeneratedRegex(@"(?<![\d.．])(?<open>[(（])?(?<area>[0０]\d{2,3})(?(open)[)）])[-－ \u3000]?(?<rest>\d{7,8}|\d{3,4}[-－]\d{4})(?!\d)")]
    private static partial Regex Landline();

    /// <summary>
    /// +86 (ASCII or full-width plus and digits), 0086 or a bracketed +86, then an area code (10, 2x or three digits, its 0 usually dropped after the country
    /// code), bracketed or not, then 7 or 8 digits, which may be split 3-4 or 4-4 by a space as well: after the country
    /// code the digits can only be a phone number, while "86 28 …" alone is as often a count or a price.
    /// </summary>
    [GeneratedRegex(@"(?<![\d.．])(?<prefix>(?:[(（][+＋]" + EightySix + @"[)）]|[+＋]" + EightySix + @"|[0０]{2}" + EightySix + @")[-－ \u3000]?)(?<open>[(（])?(?<area>[0０]?(?:[1１][0０]|[2２]\d|[3-9３-９]\d{2}))(?(open)[)）])[-－ \u3000]?(?<rest>\d{7,8}|\d{3,4}[-－ \u3000]\d{4})(?!\d)")]
    private static partial Regex LandlineWithCountryCode();
}
