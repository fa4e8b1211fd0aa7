using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Identity.Areas.Admin.Pages.Roles;

[Authorize(Policy = IdentityPermissions.ManageRoles)]
public sealed class IndexModel(RoleManager<StaffRole> roles, ModuleCatalog modules, IStringLocalizer<IndexModel> l) : PageModel
{
    public IReadOnlyList<string> RoleNames => StaffRoles.All;

    public List<PermissionDefinition> Definitions { get; private set; } = [];

    public HashSet<(string Role, string Permission)> Grants { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(List<string> grant)
    {
        await LoadAsync();
        var wanted = grant.Select(g => g.Split('|', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1])).ToHashSet();
        var known = Definitions.Select(d => d.Name).ToHashSet();
        foreach (var roleName in RoleNames.Where(r => r != StaffRoles.Administrator))
        {
            var role = await roles.FindByNameAsync(roleName);
            if (role is null)
            {
                continue;
            }
            foreach (var permission in known)
            {
                var has = Grants.Contains((roleName, permission));
                var want = wanted.Contains((roleName, permission));
                if (want && !has)
                {
                    await roles.AddClaimAsync(role, new Claim(PermissionClaim.Type, permission));
                }
                else if (!want && has)
                {
                    await roles.RemoveClaimAsync(role, new Claim(PermissionClaim.Type, permission));
                }
            }
        }
        TempData["Message"] = l["Permissions saved."].Value;
        return Redirect("/admin/roles");
    }

    private async Task LoadAsync()
    {
        Definitions = modules.Enabled.SelectMany(m => m.Permissions).ToList();
        foreach (var roleName in RoleNames)
        {
            var role = await roles.FindByNameAsync(roleName);
            if (role is null)
            {
                continue;
            }
            foreach (var claim in await roles.GetClaimsAsync(role))
            {
                if (claim.Type == PermissionClaim.Type)
                {
                    Grants.Add((roleName, claim.Value));
                }
            }
        }
    }
}
