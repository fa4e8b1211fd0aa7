using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Consultations.Admin;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Areas.Admin.Pages.Consultations;

/// <summary>Records opinions received by letter, email, telephone or in person, and lists those recorded so far.</summary>
[Authorize(Policy = ConsultationsPermissions.ModerateComments)]
public sealed class ReceivedModel(PortalDb db, RecordReceivedComment record, TimeProvider clock, TextCatalog text, IStringLocalizer<ReceivedModel> l) : PageModel
{
    public sealed class InputModel
    {
        public CommentChannel Channel { get; set; } = CommentChannel.Letter;
        public DateOnly? ReceivedOn { get; set; }
        public string? Name { get; set; }
        public string? Organization { get; set; }
        public bool PublishName { get; set; } = true;
        public int? Article { get; set; }
        public string? Body { get; set; }
        public bool ConsentToPublish { get; set; } = true;
    }

    public sealed record Row(string ReceiptNumber, string Channel, string Received, string Author, int? Article, string Body, string RecordedBy);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ConsultationHeader Header { get; private set; } = null!;

    public int ArticleCount { get; private set; }

    public bool CanRecord => Header.Status is ConsultationStatus.Open or ConsultationStatus.Closed;

    public List<Row> Rows { get; } = [];

    public string ChannelLabel(CommentChannel channel) => Labels.ChannelLabel(text, channel);

    public async Task<IActionResult> OnGetAsync()
    {
        Input.ReceivedOn = SiteClock.LocalDate(clock.GetUtcNow());
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
        {
            return await ReshowAsync(422);
        }
        var result = await record.HandleAsync(Id, new RecordReceivedComment.Command(Input.Channel, Input.ReceivedOn, Input.Name, Input.Organization, Input.PublishName,
            Input.Article, Input.Body, Input.ConsentToPublish), User.Identity?.Name ?? "", ct);
        if (result.Succeeded)
        {
            TempData["Message"] = l["Recorded and published as {0}. Give this receipt number to the sender if they asked for one.", result.Value!.ReceiptNumber].Value;
            return Redirect($"/admin/consultations/received?id={Id.ToString(CultureInfo.InvariantCulture)}");
        }
        if (result.Refusal!.Status == 404)
        {
            return NotFound();
        }
        ModelState.AddModelError(result.Refusal.Field is { } field ? "Input." + field : "", result.Refusal.Message);
        return await ReshowAsync(result.Refusal.Status);
    }

    private async Task<IActionResult> ReshowAsync(int status)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Response.StatusCode = status is >= 400 and < 500 ? status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await ConsultationHeader.LoadAsync(db, Id, clock.GetUtcNow(), text, "received", ct) is not { } loaded)
        {
            return false;
        }
        Header = loaded.Header;
        ArticleCount = loaded.Consultation.Articles.Count;
        var offline = new[] { CommentChannel.Letter, CommentChannel.Email, CommentChannel.Phone, CommentChannel.InPerson };
        var rows = await db.Set<Comment>().AsNoTracking().Where(c => c.ConsultationId == Id && offline.Contains(c.Channel))
            .OrderByDescending(c => c.Id).Take(200)
            .Select(c => new { c.ReceiptNumber, c.Channel, c.SubmittedUtc, c.Name, c.Organization, c.ArticleNumber, c.Body, c.ModeratedBy })
            .ToListAsync(ct);
        Rows.AddRange(rows.Select(r => new Row(r.ReceiptNumber, Labels.ChannelLabel(text, r.Channel), SiteClock.FormatDate(r.SubmittedUtc),
            r.Organization is { Length: > 0 } o ? $"{r.Name} · {o}" : r.Name, r.ArticleNumber, r.Body, r.ModeratedBy)));
        return true;
    }
}
