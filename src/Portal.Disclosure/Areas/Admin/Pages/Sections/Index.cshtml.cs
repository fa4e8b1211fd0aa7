using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Areas.Admin.Pages.Sections;

[Authorize(Policy = DisclosurePermissions.ManageSections)]
public sealed class IndexModel(PortalDb db, IStringLocalizer<IndexModel> l) : PageModel
{
    public sealed class Row
    {
        public int Id { get; set; }
        public string Slug { get; set; } = "";
        [Range(1, 99)] public int Order { get; set; }
        [Required, StringLength(100)] public string NameZh { get; set; } = "";
        [Required, StringLength(100)] public string NameEn { get; set; } = "";
        [StringLength(1000)] public string? DescriptionZh { get; set; }
        public bool ShowOnHome { get; set; }
    }

    [BindProperty]
    public List<Row> Rows { get; set; } = [];

    public async Task OnGetAsync() =>
        Rows = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order)
            .Select(s => new Row { Id = s.Id, Slug = s.Slug, Order = s.Order, NameZh = s.NameZh, NameEn = s.NameEn, DescriptionZh = s.DescriptionZh, ShowOnHome = s.ShowOnHome })
            .ToListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var sections = await db.Set<Section>().OrderBy(s => s.Order).ToListAsync();
        foreach (var row in Rows)
        {
            row.Slug = sections.FirstOrDefault(s => s.Id == row.Id)?.Slug ?? "";
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        foreach (var row in Rows)
        {
            if (sections.FirstOrDefault(s => s.Id == row.Id) is { } section)
            {
                section.Order = row.Order;
                section.NameZh = row.NameZh.Trim();
                section.NameEn = row.NameEn.Trim();
                section.DescriptionZh = row.DescriptionZh?.Trim() ?? "";
                section.ShowOnHome = row.ShowOnHome;
            }
        }
        await db.SaveChangesAsync();
        TempData["Message"] = l["Sections saved."].Value;
        return Redirect("/admin/sections");
    }
}
