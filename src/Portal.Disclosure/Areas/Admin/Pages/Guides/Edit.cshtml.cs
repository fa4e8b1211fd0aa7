using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Data;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;
using Portal.Identity;

namespace Portal.Disclosure.Areas.Admin.Pages.Guides;

[Authorize(Policy = DisclosurePermissions.EditContent)]
[RequestSizeLimit(AttachmentStore.MaxBytes + 1024 * 1024)]
public sealed class EditModel(PortalDb db, GuideCommands commands, AttachmentStore store, TimeProvider clock, IStringLocalizer<EditModel> l) : PageModel
{
    /// <summary>Everything as text, so a wrong number is reported in the editor's words rather than by model binding.</summary>
    public sealed class InputModel
    {
        public string? ItemName { get; set; }
        public string? Slug { get; set; }
        public string? ItemCode { get; set; }
        public string? Department { get; set; }
        public string? Category { get; set; }
        public string? Summary { get; set; }
        public string? LegalBasis { get; set; }
        public string? Conditions { get; set; }
        public string? Materials { get; set; }
        public string? Steps { get; set; }
        public string? PromisedDays { get; set; }
        public string? StatutoryDays { get; set; }
        public string? Fees { get; set; }
        public string? Faq { get; set; }
        public string? Where { get; set; }
        public string? Hours { get; set; }
        public string? Phone { get; set; }
        public string? Online { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Attachment> Forms { get; private set; } = [];

    public string CurrentState { get; private set; } = "draft";

    public string? PublicUrl { get; private set; }

    public bool CanPublish => User.HasPermission(DisclosurePermissions.PublishContent);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var guide = await db.Set<ServiceGuide>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id);
            if (guide is null)
            {
                return NotFound();
            }
            Input = new InputModel
            {
                ItemName = guide.ItemName, Slug = guide.Slug, ItemCode = guide.ItemCode, Department = guide.Department, Category = guide.Category,
                Summary = guide.Summary, LegalBasis = GuideLines.Format(guide.LegalBasis), Conditions = GuideLines.Format(guide.Conditions),
                Materials = GuideLines.Format(guide.Materials), Steps = GuideLines.Format(guide.Steps),
                PromisedDays = guide.PromisedDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                StatutoryDays = guide.StatutoryDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Fees = GuideLines.Format(guide.Fees), Faq = GuideLines.Format(guide.Faq),
                Where = guide.Where, Hours = guide.Hours, Phone = guide.Phone, Online = guide.Online,
            };
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (Read() is not { } input)
        {
            return await ReshowAsync();
        }
        var result = await commands.SaveAsync(Id, input, HttpContext.RequestAborted);
        var isPublic = result.Value is { State: PublicationState.Published, PublishedUtc: { } at } && at <= clock.GetUtcNow();
        return await AfterAsync(result, isPublic ? l["Saved. The public page shows the change with the date it was updated."] : l["Draft saved."]);
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!User.HasPermission(DisclosurePermissions.PublishContent))
        {
            return Forbid();
        }
        if (Read() is not { } input)
        {
            return await ReshowAsync();
        }
        var result = await commands.PublishAsync(Id, input, HttpContext.RequestAborted);
        return await AfterAsync(result, l["Published."]);
    }

    public async Task<IActionResult> OnPostUnpublishAsync()
    {
        if (!User.HasPermission(DisclosurePermissions.PublishContent))
        {
            return Forbid();
        }
        var result = Id is { } id ? await commands.UnpublishAsync(id, HttpContext.RequestAborted) : new Refusal("?", Status: 404);
        return await AfterAsync(result, l["Unpublished. The public page now answers 404."]);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? attachmentTitle, bool isSample)
    {
        var guide = Id is { } id ? await db.Set<ServiceGuide>().Include(g => g.Forms).FirstOrDefaultAsync(g => g.Id == id) : null;
        if (guide is null)
        {
            return NotFound();
        }
        var (attachment, error) = await store.CreateAsync(file, attachmentTitle, HttpContext.RequestAborted);
        if (attachment is null)
        {
            TempData["Message"] = l[error!].Value;
            return Redirect($"/admin/guides/edit?id={guide.Id}");
        }
        attachment.IsSample = isSample;
        attachment.Order = guide.Forms.Count;
        guide.Forms.Add(attachment);
        commands.Touch(guide);
        await db.SaveChangesAsync();
        TempData["Message"] = isSample ? l["Filled-in sample added."].Value : l["Form added."].Value;
        return Redirect($"/admin/guides/edit?id={guide.Id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int attachmentId)
    {
        var guide = Id is { } id ? await db.Set<ServiceGuide>().Include(g => g.Forms).FirstOrDefaultAsync(g => g.Id == id) : null;
        var attachment = guide?.Forms.FirstOrDefault(a => a.Id == attachmentId);
        if (guide is null || attachment is null)
        {
            return NotFound();
        }
        db.Remove(attachment);
        commands.Touch(guide);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Attachment removed."].Value;
        return Redirect($"/admin/guides/edit?id={guide.Id}");
    }

    /// <summary>Parses the form; every problem becomes a model error, and nothing is saved while there is one.</summary>
    private GuideInput? Read()
    {
        var lines = new GuideLines(l);
        var input = new GuideInput(
            Input.ItemName ?? "", Input.Slug, Input.ItemCode, Input.Department, Input.Category, Input.Summary,
            lines.Items("Input.LegalBasis", "Legal basis", Input.LegalBasis),
            lines.Items("Input.Conditions", "Conditions", Input.Conditions),
            lines.Materials("Input.Materials", Input.Materials),
            lines.Steps("Input.Steps", Input.Steps),
            lines.Days("Input.PromisedDays", Input.PromisedDays, "The promised time limit must be a whole number of working days from 0 to 999."),
            lines.Days("Input.StatutoryDays", Input.StatutoryDays, "The statutory time limit must be a whole number of working days from 0 to 999."),
            lines.Fees("Input.Fees", Input.Fees),
            lines.Faq("Input.Faq", Input.Faq),
            Input.Where, Input.Hours, Input.Phone, Input.Online);
        foreach (var (field, message) in lines.Problems)
        {
            ModelState.AddModelError(field, message);
        }
        return lines.Problems.Count == 0 ? input : null;
    }

    private async Task<IActionResult> AfterAsync(Result<ServiceGuide> result, string message)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/admin/guides/edit?id={result.Value!.Id}");
        }
        if (result.Refusal!.Status == 404)
        {
            return NotFound();
        }
        ModelState.AddModelError(result.Refusal.Field is { } f ? $"Input.{f}" : "", result.Refusal.Message);
        return await ReshowAsync();
    }

    private async Task<IActionResult> ReshowAsync()
    {
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync()
    {
        if (Id is { } id && await db.Set<ServiceGuide>().AsNoTracking().Include(g => g.Forms).FirstOrDefaultAsync(g => g.Id == id) is { } guide)
        {
            Forms = guide.Forms.OrderBy(a => a.IsSample).ThenBy(a => a.Order).ToList();
            CurrentState = IndexModel.StateName(guide.State, guide.PublishedUtc, clock.GetUtcNow());
            PublicUrl = CurrentState == "published" ? $"/guides/{guide.Slug}" : null;
        }
    }
}
