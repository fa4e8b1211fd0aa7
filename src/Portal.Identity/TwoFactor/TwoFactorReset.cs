using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;

namespace Portal.Identity.TwoFactor;

public static class TwoFactorReset
{
    /// <summary>Turns two-factor sign-in off and replaces the key, so neither the old app entry nor old recovery codes work.</summary>
    public static async Task ResetAsync(UserManager<StaffUser> users, PortalDb db, StaffUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        // The new key's first code may fall in the step the old key last signed in with.
        await OneTimeAuthenticatorTokenProvider.ForgetAsync(db, user.Id);
    }
}
