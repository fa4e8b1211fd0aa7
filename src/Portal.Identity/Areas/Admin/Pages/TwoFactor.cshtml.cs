using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Identity.TwoFactor;

namespace Portal.Identity.Areas.Admin.Pages;

/// <summary>
/// Enroll an authenticator app (RFC 6238 TOTP through Identity's authenticator token provider), see the recovery codes
/// once, or reset it. Reachable by an administrator who has not enrolled yet: everything else in /admin is not.
/// </summary>
[Authorize(Policy = IdentityPermissions.Staff)]
[AllowWithoutTwoFactor]
public sealed class TwoFactorModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, PortalDb db, IAuditTrail audit, IStringLocalizer<TwoFactorModel> l) : PageModel
{
    public const string Issuer = "Portal";

    [BindProperty, StringLength(20)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    /// <summary>The <see cref="AuthenticatorUri"/> as a QR code: its side in modules and its SVG path.</summary>
    public int QrSize { get; private set; }

    public string QrPath { get; private set; } = "";

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return LocalRedirect("/admin/login");
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return LocalRedirect("/admin/login");
        }
        if (user.TwoFactorEnabled)
        {
            await LoadAsync(user);
            return Page();
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            audit.Record(db, "two-factor-failed", nameof(StaffUser), user.UserName!, "refused: wrong first authenticator code at enrollment");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            ModelState.AddModelError(nameof(Code), l["That code is not correct. Check that the phone's clock is right and enter the code the app shows now."]);
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        audit.Record(db, "two-factor-enrolled", nameof(StaffUser), user.UserName!, "enrolled an authenticator app; 10 recovery codes issued");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // The code just verified is a second factor: the session now counts as one.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactorRequirement.MethodClaim, "mfa")]);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return LocalRedirect("/admin/login");
        }
        await TwoFactorReset.ResetAsync(users, db, user);
        audit.Record(db, "two-factor-reset", nameof(StaffUser), user.UserName!, "turned off two-factor sign-in; the old key and recovery codes no longer work");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // Without a second factor the session is a password session again (an administrator must enroll anew).
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactorRequirement.MethodClaim, "pwd")]);
        TempData["Message"] = l["Two-factor sign-in is off. The old key and recovery codes no longer work."].Value;
        return Redirect(TwoFactorPaths.Enroll);
    }

    private async Task LoadAsync(StaffUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = await users.IsInRoleAsync(user, StaffRoles.Administrator);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        (QrSize, QrPath) = Portal.Core.Text.QrCodeSvg.Modules(AuthenticatorUri);
    }
}
