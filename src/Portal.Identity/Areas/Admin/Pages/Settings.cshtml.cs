using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Settings;
using Portal.Theming;

namespace Portal.Identity.Areas.Admin.Pages;

[Authorize(Policy = IdentityPermissions.ManageSettings)]
public sealed class SettingsModel(ISiteSettings settings, ThemeCatalog themes, IStringLocalizer<SettingsModel> l) : PageModel
{
    public IReadOnlyCollection<ThemeInfo> Themes => themes.All;

    [BindProperty]
    public string ActiveTheme { get; set; } = "";

    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    public async Task OnGetAsync()
    {
        var current = await settings.GetAsync(HttpContext.RequestAborted);
        ActiveTheme = current.ActiveTheme;
        Values = SiteSettingKeys.Editable.ToDictionary(k => k, k => (string?)current.Get(k));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!themes.Exists(ActiveTheme))
        {
            ModelState.AddModelError(nameof(ActiveTheme), l["Choose one of the installed themes."]);
        }
        if (Values.Any(v => v.Value?.Length > 400))
        {
            ModelState.AddModelError("", l["A setting holds at most 400 characters."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var changes = SiteSettingKeys.Editable.ToDictionary(k => k, k => Values.GetValueOrDefault(k)?.Trim() ?? "");
        changes[SiteSettingKeys.ActiveTheme] = ActiveTheme;
        await settings.SetAsync(changes, HttpContext.RequestAborted);
        TempData["Message"] = l["Settings saved. The site uses them from now on."].Value;
        return Redirect("/admin/settings");
    }
}
