using System.Security.Cryptography;

namespace Portal.Hearings.Model;

/// <summary>
/// Registration codes <c>TZ-XXXX-XXXX</c> from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L): random, so
/// parallel sign-ups on several nodes need no shared counter; the unique index catches the (1 in 10^11) collision.
/// </summary>
internal static class RegistrationCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"TZ-{chars[..4]}-{chars[4..]}";
    }

    public static string NewToken() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();
}
