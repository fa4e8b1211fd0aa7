using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Identity.TwoFactor;

namespace Portal.Identity.Areas.Admin.Pages;

[AllowAnonymous]
[EnableRateLimiting(IdentityModule.SignInRateLimit)]
public sealed class LoginModel(
    SignInManager<StaffUser> signIn, UserManager<StaffUser> users, PortalDb db, IAuditTrail audit, TimeProvider clock, IStringLocalizer<LoginModel> l) : PageModel
{
    [BindProperty, Required, StringLength(100)]
    public string UserName { get; set; } = "";

    [BindProperty, Required, StringLength(200)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var name = UserName.Trim();
        var result = await signIn.PasswordSignInAsync(name, Password, isPersistent: false, lockoutOnFailure: true);
        // Identity's lockout bookkeeping may have lost a race with another sign-in to the same account (it then fails the
        // attempt and leaves its change unsaved in this context); what this page saves next starts from the database.
        db.ChangeTracker.Clear();
        if (result.Succeeded)
        {
            var user = await users.FindByNameAsync(name);
            if (user is not null)
            {
                audit.Record(db, "sign-in", nameof(StaffUser), name, "signed in", actor: name);
                user.LastSignInUtc = clock.GetUtcNow();
                await users.UpdateAsync(user);
            }
            var back = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin";
            // An administrator without a second factor is signed in only to enroll one.
            return user is not null && !user.TwoFactorEnabled && await users.IsInRoleAsync(user, StaffRoles.Administrator)
                ? LocalRedirect(TwoFactorPaths.Enroll + "?returnUrl=" + Uri.EscapeDataString(back))
                : LocalRedirect(back);
        }
        if (result.RequiresTwoFactor)
        {
            return LocalRedirect(TwoFactorPaths.SignIn + (Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl!) : ""));
        }
        audit.Record(db, "sign-in-failed", nameof(StaffUser), name, result.IsLockedOut ? "refused: account locked" : "refused: wrong user name or password", actor: "public");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        ModelState.AddModelError("", result.IsLockedOut
            ? l["This account is locked after repeated failed sign-ins. Try again in 15 minutes or ask an administrator."]
            : l["The user name or password is not correct."]);
        return Page();
    }
}
