using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Identity.Tokens;

/// <summary>Creates, finds and revokes personal API tokens (<c>ptk_</c> + 40 random base32 characters).</summary>
public sealed class ApiTokens(PortalDb db, TimeProvider clock)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var secret = "ptk_" + RandomNumberGenerator.GetString(Alphabet, 40);
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "API" : name.Trim(),
            Prefix = secret[..10],
            Hash = HashOf(secret),
            CreatedUtc = now,
            ExpiresUtc = lifetime is { } l ? now + l : null,
        };
        db.Set<ApiToken>().Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    public async Task<ApiToken?> FindActiveAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith("ptk_", StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }
        var hash = HashOf(secret);
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsActive(now))
        {
            return null;
        }
        // Recording every use would turn each API read into a write; once a minute is enough to see activity.
        if (token.LastUsedUtc is null || now - token.LastUsedUtc > TimeSpan.FromMinutes(1))
        {
            token.LastUsedUtc = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return token;
    }

    public Task<List<ApiToken>> ForUserAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<ApiToken>().Where(t => t.UserId == userId).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(string userId, int tokenId, CancellationToken cancellationToken)
    {
        var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null || token.RevokedUtc is not null)
        {
            return false;
        }
        token.RevokedUtc = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
