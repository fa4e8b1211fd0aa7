using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Settings;
using Portal.Theming;

namespace Portal.Identity.Areas.Admin.Pages;

[Authorize(Policy = IdentityPermissions.ManageSettings)]
public sealed class SettingsModel(ISiteSettings settings, ThemeCatalog themes, IEnumerable<SiteSettingChoice> choices, IStringLocalizer<SettingsModel> l) : PageModel
{
    public IReadOnlyCollection<ThemeInfo> Themes => themes.All;

    /// <summary>Choices the enabled modules add (comment moderation, …).</summary>
    public IReadOnlyList<SiteSettingChoice> Choices { get; } = choices.ToList();

    [BindProperty]
    public Dictionary<string, string?> Chosen { get; set; } = [];

    [BindProperty]
    public string ActiveTheme { get; set; } = "";

    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    public async Task OnGetAsync()
    {
        var current = await settings.GetAsync(HttpContext.RequestAborted);
        ActiveTheme = current.ActiveTheme;
        Values = SiteSettingKeys.Editable.ToDictionary(k => k, k => (string?)current.Get(k));
        Chosen = Choices.ToDictionary(c => c.Key, c => (string?)c.ValueIn(current));
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
        foreach (var choice in Choices.Where(c => !c.Options.Any(o => o.Value == Chosen.GetValueOrDefault(c.Key))))
        {
            ModelState.AddModelError("Chosen[" + choice.Key + "]", l["Choose one of the options for '{0}'.", l[choice.Label]]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var changes = SiteSettingKeys.Editable.ToDictionary(k => k, k => Values.GetValueOrDefault(k)?.Trim() ?? "");
        changes[SiteSettingKeys.ActiveTheme] = ActiveTheme;
        foreach (var choice in Choices)
        {
            changes[choice.Key] = Chosen[choice.Key]!;
        }
        await settings.SetAsync(changes, HttpContext.RequestAborted);
        TempData["Message"] = l["Settings saved. The site uses them from now on."].Value;
        return Redirect("/admin/settings");
    }
}
