using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Identity;
using Portal.Statements.Admin;
using Portal.Statements.Model;

namespace Portal.Statements.Areas.Admin.Pages.Statements;

/// <summary>
/// One screen for a statement's whole life: write, send for review, approve, schedule or publish, then correct or
/// retract. Each button calls the same use case as the staff API, and release actions need
/// <see cref="StatementsPermissions.Publish"/> here as there.
/// </summary>
[Authorize(Policy = StatementsPermissions.Draft)]
public sealed class EditModel(PortalDb db, DraftStatement drafts, PublishStatement publish, CorrectStatement correct, RetractStatement retract,
    AttachmentStore store, TimeProvider clock, IStringLocalizer<EditModel> l) : PageModel
{
    public const int BlankQuestionRows = 3;

    public sealed class QaInput
    {
        public string? Questioner { get; set; }
        public string? Outlet { get; set; }
        public string? Question { get; set; }
        public string? Answerer { get; set; }
        public string? Answer { get; set; }
    }

    public sealed class InputModel
    {
        public StatementKind Kind { get; set; }
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Speaker { get; set; }
        public string? Summary { get; set; }
        public string? Body { get; set; }
        public List<QaInput> Questions { get; set; } = [];
        public string? RelatedSource { get; set; }
        public string? RelatedSlug { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public string? ChangeNote { get; set; }

    [BindProperty]
    public DateTime? ReleaseAt { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? AttachmentTitle { get; set; }

    [BindProperty]
    public int? AttachmentId { get; set; }

    public Statement? Current { get; private set; }

    public bool CanPublish => User.HasPermission(StatementsPermissions.Publish);

    public bool CanReview => User.HasPermission(StatementsPermissions.Review) && Current is not null
        && !string.Equals(Current.Author, User.Identity?.Name, StringComparison.OrdinalIgnoreCase);

    public bool IsPublic => Current?.IsPublicAt(clock.GetUtcNow()) == true;

    public bool IsEditable => Current is null || Current.State is StatementState.Draft or StatementState.InReview or StatementState.Approved;

    public bool IsCorrectable => IsPublic && Current!.State != StatementState.Retracted;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            if (await LoadAsync(id) is not { } s)
            {
                return NotFound();
            }
            Input = ToInput(s);
        }
        else
        {
            Input.Questions = [.. Enumerable.Range(0, BlankQuestionRows).Select(_ => new QaInput())];
        }
        ReleaseAt = SiteClock.ToLocal(clock.GetUtcNow()).DateTime.Date.AddDays(1).AddHours(10);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var input = new StatementInput(Input.Kind, Input.Title ?? "", Input.Slug, Input.Summary, Input.Speaker, Input.Body, Blocks(), Input.RelatedSource, Input.RelatedSlug);
        var result = await drafts.SaveAsync(Id, input, UserName, HttpContext.RequestAborted);
        return await AfterAsync(result, l["Draft saved. It is not public until it is released."]);
    }

    public async Task<IActionResult> OnPostRequestReviewAsync() =>
        await AfterAsync(await drafts.RequestReviewAsync(Id ?? 0, HttpContext.RequestAborted), l["Sent for review. A colleague other than you can approve it."]);

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!User.HasPermission(StatementsPermissions.Review))
        {
            return await RefuseAsync(l["You may not review statements."]);
        }
        return await AfterAsync(await drafts.ApproveAsync(Id ?? 0, UserName, HttpContext.RequestAborted), l["Approved. The spokesperson office can now release it."]);
    }

    public async Task<IActionResult> OnPostReturnAsync() =>
        await AfterAsync(await drafts.ReturnToDraftAsync(Id ?? 0, HttpContext.RequestAborted), l["Returned to draft."]);

    public async Task<IActionResult> OnPostScheduleAsync()
    {
        if (!CanPublish)
        {
            return await RefuseAsync(l["Only the spokesperson office releases statements."]);
        }
        if (ReleaseAt is not { } local)
        {
            ModelState.AddModelError(nameof(ReleaseAt), l["Enter the release time (site time)."]);
            return await ReshowAsync(422);
        }
        var result = await publish.ScheduleAsync(Id ?? 0, SiteClock.FromLocal(local), UserName, HttpContext.RequestAborted);
        return await AfterAsync(result, result.Succeeded ? l["Scheduled. It becomes public on {0} by itself, and nowhere before.", SiteClock.FormatDateTime(result.Value!.PublishUtc!.Value)] : "");
    }

    public async Task<IActionResult> OnPostPublishNowAsync()
    {
        if (!CanPublish)
        {
            return await RefuseAsync(l["Only the spokesperson office releases statements."]);
        }
        return await AfterAsync(await publish.PublishNowAsync(Id ?? 0, UserName, HttpContext.RequestAborted), l["Released. It is public now."]);
    }

    public async Task<IActionResult> OnPostUnscheduleAsync()
    {
        if (!CanPublish)
        {
            return await RefuseAsync(l["Only the spokesperson office releases statements."]);
        }
        return await AfterAsync(await publish.UnscheduleAsync(Id ?? 0, HttpContext.RequestAborted), l["The schedule is cancelled; the statement is a draft again."]);
    }

    public async Task<IActionResult> OnPostCorrectAsync()
    {
        if (!CanPublish)
        {
            return await RefuseAsync(l["Only the spokesperson office releases statements."]);
        }
        var result = await correct.HandleAsync(Id ?? 0, new Correction(Input.Title, Input.Summary, Input.Body ?? "", Blocks(), ChangeNote ?? ""), UserName, HttpContext.RequestAborted);
        return await AfterAsync(result, l["Correction published as a new version with its note."]);
    }

    public async Task<IActionResult> OnPostRetractAsync()
    {
        if (!CanPublish)
        {
            return await RefuseAsync(l["Only the spokesperson office releases statements."]);
        }
        return await AfterAsync(await retract.HandleAsync(Id ?? 0, Reason ?? "", UserName, HttpContext.RequestAborted), l["Retracted. The page now shows the reason."]);
    }

    public async Task<IActionResult> OnPostAttachAsync(IFormFile? file)
    {
        if (Id is not { } id || await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, HttpContext.RequestAborted) is not { } statement)
        {
            return NotFound();
        }
        if (statement.State is not (StatementState.Draft or StatementState.InReview or StatementState.Approved))
        {
            return await RefuseAsync(l["Attachments are added before release."], 409);
        }
        var (attachment, error) = await store.CreateAsync(file, AttachmentTitle, HttpContext.RequestAborted);
        if (attachment is null)
        {
            ModelState.AddModelError("file", l[error ?? "Choose a file to upload."]);
            return await ReshowAsync(422);
        }
        var order = await db.Set<StatementAttachment>().CountAsync(a => a.StatementId == id, HttpContext.RequestAborted);
        db.Add(new StatementAttachment
        {
            StatementId = id, Title = attachment.Title, FileName = attachment.FileName, ContentType = attachment.ContentType, Size = attachment.Size,
            StoredName = attachment.StoredName, Sha256 = attachment.Sha256, Order = order,
        });
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = l["Attachment added."].Value;
        return Redirect($"/admin/statements/edit?id={id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync()
    {
        var attachment = await db.Set<StatementAttachment>().FirstOrDefaultAsync(a => a.Id == AttachmentId && a.StatementId == Id, HttpContext.RequestAborted);
        var statement = await db.Set<Statement>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == Id, HttpContext.RequestAborted);
        if (attachment is null || statement is null)
        {
            return NotFound();
        }
        if (statement.State is not (StatementState.Draft or StatementState.InReview or StatementState.Approved))
        {
            return await RefuseAsync(l["Attachments are added before release."], 409);
        }
        db.Remove(attachment);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/admin/statements/edit?id={Id}");
    }

    private string UserName => User.Identity?.Name ?? "";

    private List<QaBlock> Blocks() =>
        Input.Questions.Select(q => new QaBlock(q.Questioner ?? "", q.Outlet ?? "", q.Question ?? "", q.Answerer ?? "", q.Answer ?? "")).ToList();

    private static InputModel ToInput(Statement s) => new()
    {
        Kind = s.Kind, Title = s.Title, Slug = s.Slug, Speaker = s.Speaker, Summary = s.Summary, Body = s.BodyMarkdown,
        RelatedSource = s.RelatedSource, RelatedSlug = s.RelatedSlug,
        Questions = [.. s.Questions.Select(q => new QaInput { Questioner = q.Questioner, Outlet = q.Outlet, Question = q.Question, Answerer = q.Answerer, Answer = q.Answer }),
            .. Enumerable.Range(0, BlankQuestionRows).Select(_ => new QaInput())],
    };

    private async Task<IActionResult> AfterAsync(Result<Statement> result, string message)
    {
        if (result.Succeeded)
        {
            TempData["Message"] = message;
            return Redirect($"/admin/statements/edit?id={result.Value!.Id}");
        }
        var refusal = result.Refusal!;
        if (refusal.Status == 404)
        {
            return NotFound();
        }
        ModelState.AddModelError(refusal.Field switch
        {
            "Note" => nameof(ChangeNote),
            "Reason" => nameof(Reason),
            "PublishUtc" => nameof(ReleaseAt),
            null => "",
            var f => "Input." + f,
        }, refusal.Message);
        return await ReshowAsync(refusal.Status);
    }

    private Task<IActionResult> RefuseAsync(string message, int status = StatusCodes.Status403Forbidden)
    {
        ModelState.AddModelError("", message);
        return ReshowAsync(status);
    }

    private async Task<IActionResult> ReshowAsync(int status)
    {
        if (Id is { } id && await LoadAsync(id) is null)
        {
            return NotFound();
        }
        while (Input.Questions.Count(q => string.IsNullOrWhiteSpace(q.Question) && string.IsNullOrWhiteSpace(q.Answer)) < BlankQuestionRows)
        {
            Input.Questions.Add(new QaInput());
        }
        Response.StatusCode = status is >= 400 and < 500 ? status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<Statement?> LoadAsync(int id)
    {
        Current = await db.Set<Statement>().AsNoTracking().Include(s => s.Revisions).Include(s => s.Attachments).AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id, HttpContext.RequestAborted);
        return Current;
    }
}
