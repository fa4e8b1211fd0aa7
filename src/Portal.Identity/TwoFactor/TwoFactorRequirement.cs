using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Portal.Core.Security;

namespace Portal.Identity.TwoFactor;

/// <summary>
/// Administrators must have signed in with a second factor (the cookie carries <c>amr=mfa</c>). Added to every
/// permission policy, so a new admin page is covered without doing anything. API tokens are a credential of their own
/// (created only by someone who passed this check, or on the host's console) and are not affected.
/// </summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement
{
    public static readonly TwoFactorRequirement Instance = new();

    /// <summary>The <c>amr</c> claim SignInManager writes: <c>mfa</c> after a second factor, <c>pwd</c> after a password only.</summary>
    public const string MethodClaim = "amr";

    /// <summary>Set by the API token handler on the principals it creates.</summary>
    public const string ApiTokenClaim = "portal:api-token";

    public static bool IsSatisfiedBy(ClaimsPrincipal user) =>
        !user.IsInRole(StaffRoles.Administrator)
        || user.HasClaim(MethodClaim, "mfa")
        || user.HasClaim(c => c.Type == ApiTokenClaim);
}

/// <summary>Pages an administrator without a second factor may still use: enrolling one.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;

internal sealed class TwoFactorRequirementHandler : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        var endpoint = context.Resource switch
        {
            HttpContext http => http.GetEndpoint(),
            Endpoint e => e,
            _ => null,
        };
        if (TwoFactorRequirement.IsSatisfiedBy(context.User) || endpoint?.Metadata.GetMetadata<AllowWithoutTwoFactorAttribute>() is not null)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>An administrator refused only for lack of a second factor is sent to enrollment rather than "access denied".</summary>
internal sealed class TwoFactorRedirectResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<TwoFactorRequirement>().Any() == true)
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(TwoFactorPaths.Enroll + "?returnUrl=" + Uri.EscapeDataString(back));
            return Task.CompletedTask;
        }
        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class TwoFactorPaths
{
    public const string Enroll = "/admin/two-factor";
    public const string SignIn = "/admin/login/two-factor";
}
