using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Identity.Tokens;

namespace Portal.Identity.Areas.Admin.Pages;

[Authorize(Policy = IdentityPermissions.Staff)]
public sealed class TokensModel(ApiTokens tokens, UserManager<StaffUser> users, TimeProvider clock, IStringLocalizer<TokensModel> l) : PageModel
{
    [BindProperty, Required, StringLength(100)]
    public string Name { get; set; } = "";

    [BindProperty, Range(0, 3650)]
    public int Days { get; set; } = 90;

    public string? NewSecret { get; private set; }

    public List<ApiToken> Tokens { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync() => Tokens = await tokens.ForUserAsync(users.GetUserId(User)!, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var userId = users.GetUserId(User)!;
        if (ModelState.IsValid)
        {
            var (_, secret) = await tokens.CreateAsync(userId, Name, Days == 0 ? null : TimeSpan.FromDays(Days), HttpContext.RequestAborted);
            NewSecret = secret;
        }
        Tokens = await tokens.ForUserAsync(userId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId)
    {
        var revoked = await tokens.RevokeAsync(users.GetUserId(User)!, tokenId, HttpContext.RequestAborted);
        TempData["Message"] = revoked ? l["Token revoked."].Value : l["That token was already revoked or is not yours."].Value;
        return Redirect("/admin/tokens");
    }
}
