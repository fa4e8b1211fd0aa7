using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Portal.Core.Security;

namespace Portal.Identity;

/// <summary>
/// Every permission name is also a policy name: the user needs that permission claim (Administrators hold all). Names
/// joined with <see cref="PermissionClaim.AnyOf"/> are a policy that any one of them satisfies.
/// </summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        var existing = await base.GetPolicyAsync(policyName);
        if (existing is not null)
        {
            return existing;
        }
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(ctx => ctx.User.HasPermission(policyName))
            .AddRequirements(TwoFactor.TwoFactorRequirement.Instance)
            .Build();
    }
}

public static class PermissionChecks
{
    /// <param name="permission">A permission name, or several joined with <see cref="PermissionClaim.AnyOf"/> (any one suffices).</param>
    /// <remarks>
    /// <see cref="IdentityPermissions.Staff"/> (the dashboard, one's own API tokens and two-factor sign-in) comes with any
    /// permission: a role left with "Answer comments" alone must still reach its screens from the dashboard it is sent to
    /// after signing in, and enrol its second factor.
    /// </remarks>
    public static bool HasPermission(this ClaimsPrincipal user, string permission) =>
        user.Identity?.IsAuthenticated == true
        && (user.IsInRole(StaffRoles.Administrator) || PermissionClaim.Names(permission).Any(p => p == IdentityPermissions.Staff
            ? user.HasClaim(c => c.Type == PermissionClaim.Type)
            : user.HasClaim(PermissionClaim.Type, p)));
}
