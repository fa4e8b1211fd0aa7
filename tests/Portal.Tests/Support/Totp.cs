using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Portal.Tests.Support;

/// <summary>RFC 6238 (TOTP, HMAC-SHA1, 30 s steps, 6 digits), computed independently of the product, as a phone app does.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var step = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The last 30 s step whose code each "phone" (a site and user) entered: a site accepts each code once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> UsedSteps = new();

    /// <summary>
    /// The code a phone shows now, in <paramref name="clock"/>'s time, for a step it has not entered before: a second
    /// sign-in within the same 30 s waits for the next code as a person would (with a fake clock the test must advance
    /// it instead). The step is counted as used.
    /// </summary>
    public static async Task<string> FreshCodeAsync(string phone, string base32Key, TimeProvider clock)
    {
        while (true)
        {
            var now = clock.GetUtcNow();
            var step = now.ToUnixTimeSeconds() / 30;
            var used = UsedSteps.GetOrAdd(phone, long.MinValue);
            if (step > used)
            {
                if (UsedSteps.TryUpdate(phone, step, used))
                {
                    return Code(base32Key, now);
                }
                continue;
            }
            if (clock != TimeProvider.System)
            {
                throw new InvalidOperationException($"the code of this 30 s step was used already on {phone}; advance the site's clock");
            }
            await Task.Delay(TimeSpan.FromSeconds(30 - now.ToUnixTimeSeconds() % 30) + TimeSpan.FromMilliseconds(50));
        }
    }

    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xff));
            }
        }
        return [.. bytes];
    }
}
