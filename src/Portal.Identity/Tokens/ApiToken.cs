namespace Portal.Identity.Tokens;

/// <summary>A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown once.</summary>
[Portal.Core.Content.NotShownPublicly]
public sealed class ApiToken
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, so a person can tell their tokens apart.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? ExpiresUtc { get; set; }
    public DateTimeOffset? LastUsedUtc { get; set; }
    public DateTimeOffset? RevokedUtc { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedUtc is null && (ExpiresUtc is null || ExpiresUtc > now);
}
