using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Identity.Tokens;

/// <summary>
/// <c>Authorization: Bearer ptk_…</c>. The principal is built by Identity's claims factory, so a token carries
/// exactly the permissions its user's roles grant now (a role change applies to tokens at once).
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    UserManager<StaffUser> users,
    IUserClaimsPrincipalFactory<StaffUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.FindActiveAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }
        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The token's user is locked out or removed.");
        }
        var principal = await principals.CreateAsync(user);
        // Marks the credential: a token is not a browser session, so the administrators' second-factor rule does not apply.
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(TwoFactor.TwoFactorRequirement.ApiTokenClaim, token.Prefix));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"portal\"";
        return Response.WriteAsJsonAsync(new { title = "Unauthorized", detail = "Send a staff API token: Authorization: Bearer ptk_…" });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        return Response.WriteAsJsonAsync(new { title = "Forbidden", detail = "Your roles do not grant the permission this action needs." });
    }
}
