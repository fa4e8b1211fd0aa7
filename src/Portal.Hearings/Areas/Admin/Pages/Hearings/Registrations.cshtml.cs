using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Hearings.Admin;
using Portal.Hearings.Model;
using Portal.Identity;

namespace Portal.Hearings.Areas.Admin.Pages.Hearings;

/// <summary>The registrations of one hearing: search by code, check-in, the draw, the participant list, materials, CSV export.</summary>
[Authorize(Policy = HearingsPermissions.ManageRegistrations)]
public sealed class RegistrationsModel(PortalDb db, HearingParticipants participants, DrawLottery draw, TimeProvider clock, Portal.Core.Localization.TextCatalog text,
    Microsoft.Extensions.Options.IOptions<HearingOptions> options, IStringLocalizer<RegistrationsModel> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public Hearing Hearing { get; private set; } = new();

    public List<Registration> Rows { get; private set; } = [];

    public bool CanDraw => User.HasPermission(HearingsPermissions.DrawLottery);

    public bool CanPublish => User.HasPermission(HearingsPermissions.PublishRecords);

    public string StatusLabel(RegistrationStatus status) => Labels.RegistrationLabel(text, status);

    public string MaterialsDue => SiteClock.FormatDateTime(Hearing.StartsUtc.AddDays(-options.Value.MaterialsDaysBefore));

    public bool RegistrationClosed => clock.GetUtcNow() >= Hearing.RegistrationClosesUtc;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!await LoadAsync(all: true))
        {
            return NotFound();
        }
        var csv = new StringBuilder();
        csv.AppendLine("code,status,rank,name,email,phone,affiliation,category,wants_to_speak,statement_summary,accessibility_needs,listed,registered,attended");
        foreach (var r in Rows)
        {
            csv.AppendLine(string.Join(',', r.Code, Labels.Registration(r.Status), r.Rank.ToString(CultureInfo.InvariantCulture), Csv(r.Name), Csv(r.Email), Csv(r.Phone),
                Csv(r.Affiliation), Csv(r.Category), r.WantsToSpeak ? "yes" : "no", Csv(r.StatementSummary), Csv(r.AccessibilityNeeds), r.ConsentToList ? "yes" : "no",
                SiteClock.FormatDateTime(r.CreatedUtc), r.AttendedUtc is { } a ? SiteClock.FormatDateTime(a) : ""));
        }
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"{Hearing.Slug}-participants.csv");
    }

    public async Task<IActionResult> OnPostCheckInAsync(string code, bool attended = true)
    {
        var result = await participants.CheckInAsync(Id, code, attended, HttpContext.RequestAborted);
        return await AfterAsync(result.Refusal, result.Succeeded
            ? attended ? l["{0} checked in.", result.Value!.Code].Value : l["Check-in of {0} undone.", result.Value!.Code].Value : "");
    }

    public async Task<IActionResult> OnPostDrawAsync(string? seedPhrase)
    {
        if (!CanDraw)
        {
            return Forbid();
        }
        var slug = await db.Set<Hearing>().Where(h => h.Id == Id).Select(h => h.Slug).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (slug is null)
        {
            return NotFound();
        }
        var result = await draw.HandleAsync(slug, seedPhrase, HttpContext.RequestAborted);
        return await AfterAsync(result.Refusal, result.Succeeded ? l["The lottery was drawn; the seed and the result are published."].Value : "");
    }

    public async Task<IActionResult> OnPostPublishListAsync()
    {
        if (!CanDraw)
        {
            return Forbid();
        }
        var result = await participants.PublishListAsync(Id, HttpContext.RequestAborted);
        return await AfterAsync(result.Refusal, l["The participant list is published."].Value);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? title)
    {
        if (!CanPublish)
        {
            return Forbid();
        }
        if (file is null || file.Length == 0)
        {
            return await AfterAsync(new Refusal(l["Choose a file to upload."].Value, Status: 422), "");
        }
        await using var stream = file.OpenReadStream();
        var result = await participants.AddMaterialAsync(Id, stream, file.FileName, title, HttpContext.RequestAborted);
        return await AfterAsync(result.Refusal, l["Material added."].Value);
    }

    public async Task<IActionResult> OnPostReleaseAsync()
    {
        if (!CanPublish)
        {
            return Forbid();
        }
        var result = await participants.ReleaseMaterialsAsync(Id, HttpContext.RequestAborted);
        return await AfterAsync(result.Refusal, result.Succeeded ? l["Materials published; {0} participants are being told.", result.Value].Value : "");
    }

    private async Task<IActionResult> AfterAsync(Refusal? refusal, string message)
    {
        if (refusal is null)
        {
            TempData["Message"] = message;
            return Redirect($"/admin/hearings/registrations?id={Id}");
        }
        if (refusal.Status == 404 && refusal.Field is null)
        {
            return NotFound();
        }
        ModelState.AddModelError("", refusal.Message);
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Response.StatusCode = refusal.Status is >= 400 and < 500 ? refusal.Status : 422;
        return Page();
    }

    private async Task<bool> LoadAsync(bool all = false)
    {
        var hearing = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == Id, HttpContext.RequestAborted);
        if (hearing is null)
        {
            return false;
        }
        Hearing = hearing;
        var query = db.Set<Registration>().AsNoTracking().Where(r => r.HearingId == Id);
        if (!all && !string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var code = RegistrationCodes.Normalize(q);
            query = query.Where(r => r.Code == code || r.Name.Contains(q) || r.Email == q.ToLowerInvariant());
        }
        Rows = await query.OrderBy(r => r.Status).ThenBy(r => r.Rank).ThenBy(r => r.Id).Take(all ? int.MaxValue : 1000).ToListAsync(HttpContext.RequestAborted);
        return true;
    }

    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        // Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
        var safe = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
