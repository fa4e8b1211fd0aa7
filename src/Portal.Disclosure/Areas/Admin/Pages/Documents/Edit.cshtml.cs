using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Settings;
using Portal.Core.Text;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;
using Portal.Disclosure.Public;
using Portal.Identity;
using Portal.Theming;

namespace Portal.Disclosure.Areas.Admin.Pages.Documents;

[Authorize(Policy = DisclosurePermissions.EditContent)]
[RequestSizeLimit(AttachmentStore.MaxBytes + 1024 * 1024)]
public sealed class EditModel(
    PortalDb db, DocumentCommands commands, AttachmentStore store, ThemedPages pages, TextCatalog text, TimeProvider clock,
    ISiteSettings settings, IStringLocalizer<EditModel> l) : PageModel
{
    public sealed class InputModel
    {
        [Required] public string SectionSlug { get; set; } = "";
        [Required, StringLength(300)] public string Title { get; set; } = "";
        [StringLength(120)] public string? Slug { get; set; }
        [StringLength(100)] public string? DocNumber { get; set; }
        [StringLength(200)] public string IssuingBody { get; set; } = "";
        public DateOnly? WrittenOn { get; set; }
        public DateOnly? EffectiveOn { get; set; }
        public DocumentValidity Validity { get; set; }
        public DateOnly? AbolishedOn { get; set; }
        [StringLength(400)] public string? Topics { get; set; }
        [StringLength(1000)] public string? Summary { get; set; }
        [StringLength(200_000)] public string BodyMarkdown { get; set; } = "";

        public DocumentInput ToCommand() => new(SectionSlug, Title, Slug, DocNumber, IssuingBody ?? "", WrittenOn, EffectiveOn, Validity, AbolishedOn, Topics, Summary, BodyMarkdown ?? "");
    }

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty, StringLength(500)]
    public string? ChangeNote { get; set; }

    [BindProperty]
    public DateTime? PublishAt { get; set; }

    public List<Section> Sections { get; private set; } = [];

    public List<Attachment> Attachments { get; private set; } = [];

    public string CurrentState { get; private set; } = "draft";

    public string? PublicUrl { get; private set; }

    public bool CanPublish => User.HasPermission(DisclosurePermissions.PublishContent);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var document = await db.Set<Document>().AsNoTracking().Include(d => d.Section).FirstOrDefaultAsync(d => d.Id == id);
            if (document is null)
            {
                return NotFound();
            }
            Input = new InputModel
            {
                SectionSlug = document.Section!.Slug, Title = document.Title, Slug = document.Slug, DocNumber = document.DocNumber,
                IssuingBody = document.IssuingBody, WrittenOn = document.WrittenOn, EffectiveOn = document.EffectiveOn,
                Validity = document.Validity, AbolishedOn = document.AbolishedOn, Topics = string.Join(", ", document.TopicList),
                Summary = document.Summary, BodyMarkdown = document.BodyMarkdown,
            };
        }
        else
        {
            Input.SectionSlug = Request.Query["section"].ToString();
            // Documents are issued in Chinese, so the organizer's Chinese name, whatever the editor's language.
            Input.IssuingBody = (await settings.GetAsync(HttpContext.RequestAborted)).Get(SiteSettingKeys.Organizer);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (!ModelState.IsValid)
        {
            return await ReshowAsync();
        }
        var result = await commands.SaveDraftAsync(Id, Input.ToCommand(), HttpContext.RequestAborted);
        return await AfterAsync(result, l["Draft saved."]);
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var result = await commands.PreviewAsync(Id, Input.ToCommand(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            return await AfterAsync(result, "");
        }
        var html = await ReadDocument.RenderHtmlAsync(HttpContext, pages, text, result.Value!, preview: true);
        return Content(html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!User.HasPermission(DisclosurePermissions.PublishContent))
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return await ReshowAsync();
        }
        var id = Id;
        if (id is null)
        {
            var saved = await commands.SaveDraftAsync(null, Input.ToCommand(), HttpContext.RequestAborted);
            if (!saved.Succeeded)
            {
                return await AfterAsync(saved, "");
            }
            id = Id = saved.Value!.Id;
        }
        DateTimeOffset? at = PublishAt is { } local ? SiteClock.FromLocal(local) : null;
        var result = await commands.PublishAsync(id.Value, Input.ToCommand(), at, ChangeNote, User.Identity?.Name ?? "", HttpContext.RequestAborted);
        var message = at is { } when && when > clock.GetUtcNow()
            ? l["Scheduled: the document becomes public at {0}.", SiteClock.FormatDateTime(when)]
            : l["Published."];
        return await AfterAsync(result, message);
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

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, string? attachmentTitle)
    {
        var document = Id is { } id ? await db.Set<Document>().Include(d => d.Attachments).FirstOrDefaultAsync(d => d.Id == id) : null;
        if (document is null)
        {
            return NotFound();
        }
        var (attachment, error) = await store.CreateAsync(file, attachmentTitle, HttpContext.RequestAborted);
        if (attachment is null)
        {
            TempData["Message"] = l[error!].Value;
            return Redirect($"/admin/documents/edit?id={document.Id}");
        }
        attachment.Order = document.Attachments.Count;
        document.Attachments.Add(attachment);
        document.ModifiedUtc = clock.GetUtcNow();
        await db.SaveChangesAsync();
        TempData["Message"] = l["Attachment added."].Value;
        return Redirect($"/admin/documents/edit?id={document.Id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int attachmentId)
    {
        var attachment = await db.Set<Attachment>().FirstOrDefaultAsync(a => a.Id == attachmentId && a.DocumentId == Id);
        if (attachment is null)
        {
            return NotFound();
        }
        db.Remove(attachment);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Attachment removed."].Value;
        return Redirect($"/admin/documents/edit?id={Id}");
    }

    private async Task<IActionResult> AfterAsync(Result<Document> result, string message)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/admin/documents/edit?id={result.Value!.Id}");
        }
        if (result.Refusal!.Status == 404)
        {
            return NotFound();
        }
        ModelState.AddModelError(result.Refusal.Field is { } f && f != "ChangeNote" && f != "PublishAt" ? $"Input.{f}" : result.Refusal.Field ?? "", result.Refusal.Message);
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
        Sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order).ToListAsync();
        if (Id is { } id && await db.Set<Document>().AsNoTracking().Include(d => d.Attachments).FirstOrDefaultAsync(d => d.Id == id) is { } document)
        {
            Attachments = document.Attachments.OrderBy(a => a.Order).ToList();
            CurrentState = IndexModel.StateName(document.State, document.PublishedUtc, clock.GetUtcNow());
            PublicUrl = CurrentState == "published" ? $"/documents/{document.Slug}" : null;
        }
    }
}
