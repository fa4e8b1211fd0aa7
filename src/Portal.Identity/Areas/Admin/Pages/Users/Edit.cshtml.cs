using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Security;
using Portal.Identity.TwoFactor;

namespace Portal.Identity.Areas.Admin.Pages.Users;

[Authorize(Policy = IdentityPermissions.ManageUsers)]
public sealed class EditModel(UserManager<StaffUser> users, TimeProvider clock, PortalDb db, IAuditTrail audit, IStringLocalizer<EditModel> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty, Required, StringLength(64), RegularExpression(@"^[A-Za-z0-9._-]+$", ErrorMessage = "Letters, digits, '.', '_' and '-' only.")]
    public string UserName { get; set; } = "";

    [BindProperty, StringLength(100)]
    public string DisplayName { get; set; } = "";

    [BindProperty, EmailAddress, StringLength(200)]
    public string? Email { get; set; }

    [BindProperty, StringLength(200)]
    public string? NewPassword { get; set; }

    [BindProperty]
    public List<string> Roles { get; set; } = [];

    [BindProperty]
    public bool Unlock { get; set; }

    public bool LockedOut { get; private set; }

    [BindProperty]
    public bool ResetTwoFactor { get; set; }

    public bool TwoFactorOn { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is null)
        {
            return Page();
        }
        var user = await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }
        UserName = user.UserName!;
        DisplayName = user.DisplayName;
        Email = user.Email;
        Roles = [.. await users.GetRolesAsync(user)];
        LockedOut = user.LockoutEnd > clock.GetUtcNow();
        TwoFactorOn = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Roles = Roles.Where(StaffRoles.All.Contains).ToList();
        if (Id is null && string.IsNullOrEmpty(NewPassword))
        {
            ModelState.AddModelError(nameof(NewPassword), l["A new user needs a password."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = Id is null ? new StaffUser { CreatedUtc = clock.GetUtcNow() } : await users.FindByIdAsync(Id);
        if (user is null)
        {
            return NotFound();
        }
        user.UserName = UserName.Trim();
        user.DisplayName = DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        var result = Id is null ? await users.CreateAsync(user, NewPassword!) : await users.UpdateAsync(user);
        if (result.Succeeded && Id is not null && !string.IsNullOrEmpty(NewPassword))
        {
            var reset = await users.GeneratePasswordResetTokenAsync(user);
            result = await users.ResetPasswordAsync(user, reset, NewPassword);
        }
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Except(Roles));
            result = await users.AddToRolesAsync(user, Roles.Except(current));
        }
        if (result.Succeeded && Unlock)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        if (result.Succeeded && ResetTwoFactor && user.TwoFactorEnabled)
        {
            await TwoFactorReset.ResetAsync(users, db, user);
            audit.Record(db, "two-factor-reset", nameof(StaffUser), user.UserName!, "two-factor sign-in reset by an administrator; the user enrolls again");
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Description);
            }
            return Page();
        }
        TempData["Message"] = l["Saved {0}.", user.UserName!].Value;
        return Redirect("/admin/users");
    }
}
