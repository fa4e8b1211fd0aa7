using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;

namespace Portal.Identity.Areas.Admin.Pages.Users;

[Authorize(Policy = IdentityPermissions.ManageUsers)]
public sealed class IndexModel(UserManager<StaffUser> users, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string UserName, string DisplayName, IList<string> Roles, bool LockedOut, string LastSignIn);

    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            Rows.Add(new Row(user.Id, user.UserName!, user.DisplayName, await users.GetRolesAsync(user),
                user.LockoutEnd > now, user.LastSignInUtc is { } t ? SiteClock.FormatDateTime(t) : "—"));
        }
    }
}
