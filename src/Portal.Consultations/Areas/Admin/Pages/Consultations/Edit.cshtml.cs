using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Consultations.Admin;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Identity;

namespace Portal.Consultations.Areas.Admin.Pages.Consultations;

/// <summary>Writes a draft, publishes it, and once published corrects it in public with a change note.</summary>
[Authorize(Policy = ConsultationsPermissions.DraftDecisions)]
public sealed class EditModel(PortalDb db, DecisionDrafts drafts, TimeProvider clock, TextCatalog text, IStringLocalizer<EditModel> l) : PageModel
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Summary { get; set; }
        public string? Department { get; set; }
        public DecisionKind Kind { get; set; }
        public string? ShortPeriodReason { get; set; }
        public string? Contact { get; set; }
        public DateTime? Opens { get; set; }
        public DateTime? Closes { get; set; }
        public DateOnly? PlannedAdoption { get; set; }
        public string? Articles { get; set; }

        public static InputModel From(Consultation c) => new()
        {
            Title = c.Title, Slug = c.Slug, Summary = c.Summary, Department = c.Department, Kind = c.Kind, ShortPeriodReason = c.ShortPeriodReason,
            Contact = c.Contact, Opens = SiteClock.ToLocal(c.OpensUtc).DateTime, Closes = SiteClock.ToLocal(c.ClosesUtc).DateTime,
            PlannedAdoption = c.PlannedAdoptionDate, Articles = ArticleText.Join(c.Articles),
        };
    }

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public string? ChangeNote { get; set; }

    [BindProperty]
    public string? AttachmentTitle { get; set; }

    [BindProperty]
    public string? AttachmentNote { get; set; }

    [BindProperty]
    public int AttachmentId { get; set; }

    public ConsultationHeader? Header { get; private set; }

    public List<Attachment> Attachments { get; private set; } = [];

    public List<ConsultationVersion> Versions { get; private set; } = [];

    public bool IsDraft => Header is null || Header.Status == ConsultationStatus.Draft;

    public bool CanPublish => User.HasPermission(ConsultationsPermissions.PublishDecisions);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            if (await LoadAsync(id) is not { } c)
            {
                return NotFound();
            }
            Input = InputModel.From(c);
            return Page();
        }
        // A sensible start: opens tomorrow at 09:00 site time, the site minimum of seven days, adoption the day after the close.
        var tomorrow = SiteClock.ToLocal(clock.GetUtcNow()).Date.AddDays(1).AddHours(9);
        Input = new InputModel { Opens = tomorrow, Closes = tomorrow.AddDays(7), PlannedAdoption = DateOnly.FromDateTime(tomorrow.AddDays(8)) };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (await ToCommandAsync() is not { } input)
        {
            return await ReshowAsync(422);
        }
        var result = await drafts.SaveAsync(Id, input, HttpContext.RequestAborted);
        return await AfterAsync(result, l["Draft saved. It is not public until it is published."]);
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!User.HasPermission(ConsultationsPermissions.PublishDecisions))
        {
            return Forbid();
        }
        if (await ToCommandAsync() is not { } input)
        {
            return await ReshowAsync(422);
        }
        var saved = await drafts.SaveAsync(Id, input, HttpContext.RequestAborted);
        if (!saved.Succeeded)
        {
            return await AfterAsync(saved, "");
        }
        Id = saved.Value!.Id;
        var result = await drafts.PublishAsync(saved.Value.Id, User.Identity?.Name ?? "", HttpContext.RequestAborted);
        return await AfterAsync(result, result.Succeeded
            ? l["Published. The comment period opens on {0} and closes on {1}.", SiteClock.FormatDateTime(result.Value!.OpensUtc), SiteClock.FormatDateTime(result.Value.ClosesUtc)]
            : "");
    }

    public async Task<IActionResult> OnPostCorrectAsync()
    {
        if (Id is not { } id)
        {
            return NotFound();
        }
        if (await ToCommandAsync() is not { } input)
        {
            return await ReshowAsync(422);
        }
        var result = await drafts.CorrectAsync(id, input, ChangeNote ?? "", User.Identity?.Name ?? "", HttpContext.RequestAborted);
        return await AfterAsync(result, l["Correction published as a new version with its change note."]);
    }

    public async Task<IActionResult> OnPostAddAttachmentAsync(IFormFile? attachmentFile, [FromServices] AttachmentStore store)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }
        var result = await drafts.AddAttachmentAsync(id, attachmentFile, AttachmentTitle, AttachmentNote, User.Identity?.Name ?? "", store, HttpContext.RequestAborted);
        return await AfterAttachmentAsync(id, result, l["Attachment added."]);
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync()
    {
        if (Id is not { } id)
        {
            return NotFound();
        }
        var result = await drafts.RemoveAttachmentAsync(id, AttachmentId, AttachmentNote, User.Identity?.Name ?? "", HttpContext.RequestAborted);
        return await AfterAttachmentAsync(id, result, l["Attachment removed."]);
    }

    private async Task<IActionResult> AfterAttachmentAsync(int id, Result<Attachment> result, string message)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/admin/consultations/edit?id={id}");
        }
        var refusal = result.Refusal!;
        if (refusal.Status == 404 || await LoadAsync(id) is not { } c)
        {
            return NotFound();
        }
        Input = InputModel.From(c);
        ModelState.AddModelError(refusal.Field switch { "ChangeNote" => "AttachmentNote", "AttachmentTitle" => "AttachmentTitle", "AttachmentFile" => "AttachmentFile", _ => "" }, refusal.Message);
        Response.StatusCode = refusal.Status is >= 400 and < 500 ? refusal.Status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The form as the command's input; the lengths the command leaves to the database are checked here.</summary>
    private async Task<DraftInput?> ToCommandAsync()
    {
        Check(Input.Summary, 2000, "Input.Summary", l["The summary is at most 2,000 characters."]);
        Check(Input.Department, 200, "Input.Department", l["The department is at most 200 characters."]);
        Check(Input.ShortPeriodReason, 1000, "Input.ShortPeriodReason", l["The reason for a shorter period is at most 1,000 characters."]);
        Check(Input.Contact, 1000, "Input.Contact", l["The contact is at most 1,000 characters."]);
        if (Input.Opens is null)
        {
            ModelState.AddModelError("Input.Opens", l["Enter when the comment period opens (site time)."]);
        }
        if (Input.Closes is null)
        {
            ModelState.AddModelError("Input.Closes", l["Enter when the comment period closes (site time)."]);
        }
        if (Input.PlannedAdoption is null)
        {
            ModelState.AddModelError("Input.PlannedAdoption", l["Enter the planned adoption date."]);
        }
        if (!ModelState.IsValid)
        {
            return null;
        }
        var opens = SiteClock.FromLocal(Input.Opens!.Value);
        var closes = SiteClock.FromLocal(Input.Closes!.Value);
        if (Id is { } id && await db.Set<Consultation>().AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.OpensUtc, c.ClosesUtc }).FirstOrDefaultAsync(HttpContext.RequestAborted) is { } stored)
        {
            // The form shows whole seconds: an unchanged field must not count as a moved date because of lost fractions.
            opens = Unchanged(opens, stored.OpensUtc) ? stored.OpensUtc : opens;
            closes = Unchanged(closes, stored.ClosesUtc) ? stored.ClosesUtc : closes;
        }
        return new DraftInput(Input.Title ?? "", Input.Slug, Input.Summary, Input.Department, Input.Kind, Input.ShortPeriodReason, Input.Contact,
            opens, closes, Input.PlannedAdoption!.Value, ArticleText.Split(Input.Articles));
    }

    private static bool Unchanged(DateTimeOffset typed, DateTimeOffset stored) => (typed - stored).Duration() < TimeSpan.FromSeconds(1);

    private void Check(string? value, int max, string key, string message)
    {
        if (value?.Trim().Length > max)
        {
            ModelState.AddModelError(key, message);
        }
    }

    private async Task<IActionResult> AfterAsync(Result<Consultation> result, string message)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/admin/consultations/edit?id={result.Value!.Id}");
        }
        var refusal = result.Refusal!;
        if (refusal.Status == 404)
        {
            return NotFound();
        }
        ModelState.AddModelError(FieldKey(refusal.Field), refusal.Message);
        return await ReshowAsync(refusal.Status);
    }

    /// <summary>Where a refusal's message goes: beside the field the command names.</summary>
    private static string FieldKey(string? field) => field switch
    {
        "OpensUtc" => "Input.Opens",
        "ClosesUtc" => "Input.Closes",
        "PlannedAdoptionDate" => "Input.PlannedAdoption",
        "ChangeNote" => "ChangeNote",
        "Title" or "Slug" or "Summary" or "Department" or "Kind" or "ShortPeriodReason" or "Contact" or "Articles" => "Input." + field,
        _ => "",
    };

    private async Task<IActionResult> ReshowAsync(int status)
    {
        if (Id is { } id && await LoadAsync(id) is null)
        {
            return NotFound();
        }
        Response.StatusCode = status is >= 400 and < 500 ? status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<Consultation?> LoadAsync(int id)
    {
        if (await ConsultationHeader.LoadAsync(db, id, clock.GetUtcNow(), text, "edit", HttpContext.RequestAborted) is not { } loaded)
        {
            return null;
        }
        Header = loaded.Header;
        Attachments = await DecisionDrafts.AttachmentsOf(db, id).AsNoTracking().OrderBy(a => a.Order).ThenBy(a => a.Id).ToListAsync(HttpContext.RequestAborted);
        Versions = await db.Set<ConsultationVersion>().AsNoTracking().Where(v => v.ConsultationId == id).OrderByDescending(v => v.Number)
            .Select(v => new ConsultationVersion { Number = v.Number, ChangeNote = v.ChangeNote, Author = v.Author, PublishedUtc = v.PublishedUtc })
            .ToListAsync(HttpContext.RequestAborted);
        return loaded.Consultation;
    }
}
