using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Identity.TwoFactor;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that work once. Identity's own provider
/// accepts a code again and again for as long as its window lasts (five steps, about two and a half minutes), so a
/// code read over a shoulder or from a phishing page still signs in after its owner used it. Here a code is accepted
/// only for a time step later than the last one this user signed in with (<see cref="AuthenticatorStep"/>): the step
/// is claimed by one conditional upsert, so two requests racing with the same code (on one node or two) cannot both win.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(PortalDb db, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string Table = "StaffAuthenticatorSteps";

    public const int StepSeconds = 30;

    /// <summary>How many steps a phone's clock may be behind or ahead (RFC 6238 §5.2 recommends at most one).</summary>
    public const int AllowedDriftSteps = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The phone makes the codes; the site never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var code = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit) || string.IsNullOrWhiteSpace(key) || DecodeBase32(key) is not { } secret)
        {
            return false;
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        for (var step = now - AllowedDriftSteps; step <= now + AllowedDriftSteps; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                matched = step;
            }
        }
        if (matched is not { } claimed)
        {
            return false;
        }
        // One statement claims the step: it inserts the user's first step, or raises a lower one; a step already
        // used (or a later one) changes no row. SQLite and PostgreSQL both run this upsert as one atomic write.
        var userId = user.Id;
        var won = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "StaffAuthenticatorSteps" ("UserId", "LastStep") VALUES ({userId}, {claimed})
            ON CONFLICT ("UserId") DO UPDATE SET "LastStep" = excluded."LastStep"
            WHERE "StaffAuthenticatorSteps"."LastStep" < excluded."LastStep"
            """);
        return won == 1;
    }

    /// <summary>Forgets the last step, for a new key whose first code may fall in the step the old key last used.</summary>
    public static Task ForgetAsync(PortalDb db, string userId) =>
        db.Set<AuthenticatorStep>().Where(x => x.UserId == userId).ExecuteDeleteAsync();

    /// <summary>The 6-digit code for one time step (RFC 4226 dynamic truncation).</summary>
    public static string CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 as Identity stores authenticator keys; null when the text is not base32.</summary>
    public static byte[]? DecodeBase32(string text)
    {
        var output = new List<byte>(text.Length * 5 / 8);
        var accumulator = 0;
        var pending = 0;
        foreach (var raw in text)
        {
            var c = char.ToUpperInvariant(raw);
            int value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= '2' and <= '7' => c - '2' + 26,
                ' ' or '=' => -1,
                _ => -2,
            };
            if (value == -2)
            {
                return null;
            }
            if (value == -1)
            {
                continue;
            }
            accumulator = (accumulator << 5 | value) & 0xffff;
            pending += 5;
            if (pending >= 8)
            {
                pending -= 8;
                output.Add((byte)(accumulator >> pending));
            }
        }
        return output.Count == 0 ? null : [.. output];
    }
}
