using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Identity.TwoFactor;

namespace Portal.Identity.Areas.Admin.Pages;

/// <summary>The second sign-in step: a code from the authenticator app, or one of the recovery codes (each works once).</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityModule.SignInRateLimit)]
public sealed class LoginTwoFactorModel(
    SignInManager<StaffUser> signIn, UserManager<StaffUser> users, PortalDb db, IAuditTrail audit, TimeProvider clock, IStringLocalizer<LoginTwoFactorModel> l) : PageModel
{
    [BindProperty, Required, StringLength(40)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? LocalRedirect("/admin/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["Message"] = l["Your sign-in took too long. Please sign in again."].Value;
            return LocalRedirect("/admin/login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var name = user.UserName!;
        var compact = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        var isAppCode = compact.Length == 6 && compact.All(char.IsAsciiDigit);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (isAppCode)
        {
            // A wrong code counts toward the lockout like a wrong password (SignInManager records the failure).
            result = await signIn.TwoFactorAuthenticatorSignInAsync(compact, isPersistent: false, rememberClient: false);
        }
        else
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim().ToUpperInvariant());
            if (!result.Succeeded && !result.IsLockedOut)
            {
                // SignInManager does not count wrong recovery codes; Portal does, so they cannot be guessed either.
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user))
                {
                    result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
                }
            }
        }
        // Identity's lockout bookkeeping may have lost a race with another attempt on the same account (it then fails
        // the attempt and leaves its change unsaved in this context); what this page saves next starts from the database.
        db.ChangeTracker.Clear();
        if (result.Succeeded)
        {
            var fresh = await users.FindByIdAsync(user.Id) ?? user;
            audit.Record(db, "sign-in", nameof(StaffUser), name,
                isAppCode ? "signed in with an authenticator code" : "signed in with a recovery code", actor: name);
            fresh.LastSignInUtc = clock.GetUtcNow();
            await users.UpdateAsync(fresh);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
        }
        audit.Record(db, "two-factor-failed", nameof(StaffUser), name,
            result.IsLockedOut ? "refused: account locked" : isAppCode ? "refused: wrong authenticator code" : "refused: wrong recovery code", actor: "public");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        ModelState.AddModelError("", result.IsLockedOut
            ? l["This account is locked after repeated failed sign-ins. Try again in 15 minutes or ask an administrator."]
            : l["That code is not correct or has already been used. Enter the code your authenticator app shows now (each code works once), or an unused recovery code."]);
        return Page();
    }
}
