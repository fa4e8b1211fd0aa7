using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Hearings.Admin;
using Portal.Hearings.Model;

namespace Portal.Hearings.Areas.Admin.Pages.Hearings;

/// <summary>After the hearing: the record and the speakers' statements, which go to the linked consultation as comments.</summary>
[Authorize(Policy = HearingsPermissions.PublishRecords)]
public sealed class RecordModel(PortalDb db, PublishRecord publish, IStringLocalizer<RecordModel> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public string? Record { get; set; }

    [BindProperty]
    public string? Statements { get; set; }

    public Hearing Hearing { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Record = Hearing.RecordMarkdown;
        Statements = string.Join("\n---\n", Hearing.Statements.Select(s => $"{s.Speaker} | {s.Affiliation}\n{s.Text}"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        var statements = new List<HearingStatementEntry>();
        foreach (var block in (Statements ?? "").Replace("\r", "", StringComparison.Ordinal).Split("\n---", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n', 2, StringSplitOptions.TrimEntries);
            var head = lines[0].Split('|', 2, StringSplitOptions.TrimEntries);
            statements.Add(new HearingStatementEntry(head[0], head.Length > 1 ? head[1] : "", lines.Length > 1 ? lines[1] : ""));
        }
        var result = await publish.HandleAsync(Hearing.Slug, new PublishRecord.Command(Record ?? "", statements), HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = l["The record is published. Statements were added to the linked consultation as comments to answer."].Value;
            return Redirect($"/admin/hearings/record?id={Id}");
        }
        ModelState.AddModelError("", result.Refusal!.Message);
        Response.StatusCode = result.Refusal.Status is >= 400 and < 500 ? result.Refusal.Status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var hearing = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == Id, HttpContext.RequestAborted);
        Hearing = hearing ?? new Hearing();
        return hearing is not null;
    }
}
