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

/// <summary>The queue of comments awaiting moderation, oldest first: publish, or reject with a reason code.</summary>
[Authorize(Policy = ConsultationsPermissions.ModerateComments)]
public sealed class ModerationModel(PortalDb db, ModerateComment moderate, TimeProvider clock, TextCatalog text, IStringLocalizer<ModerationModel> l) : PageModel
{
    public static readonly IReadOnlyList<RejectReason> Reasons =
        [RejectReason.Spam, RejectReason.Abusive, RejectReason.PersonalData, RejectReason.OffTopic, RejectReason.Duplicate];

    public sealed record Row(
        string ReceiptNumber, string Submitted, string Author, string? WithheldName, string? Organization, int? Article, string Body, string PublicBody,
        bool ConsentToPublish, int GroupSize);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public ConsultationHeader Header { get; private set; } = null!;

    public List<Row> Rows { get; } = [];

    public Paging Paging { get; private set; } = new(1, 1, 0);

    /// <summary>The comment whose moderation was refused, and why; shown beside that comment.</summary>
    public string? ErrorReceipt { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? ChosenReason { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? receipt, string? decision, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        // The receipt must be one of this consultation's comments: the command itself looks receipts up site-wide.
        if (string.IsNullOrEmpty(receipt) || !await db.Set<Comment>().AnyAsync(c => c.ReceiptNumber == receipt && c.ConsultationId == Id, ct))
        {
            return NotFound();
        }
        if (decision is not ("publish" or "reject"))
        {
            return await RefuseAsync(receipt, reason, l["Choose whether to publish or reject the comment."].Value, 422);
        }
        var publish = decision == "publish";
        var code = publish ? RejectReason.None : Labels.ParseRejectCode(reason) ?? RejectReason.None;
        // The queue shows pending comments only: one decided meanwhile by someone else is refused, not turned around.
        var result = await moderate.HandleAsync(receipt, publish, code, User.Identity?.Name ?? "", ct, CommentStatus.Pending);
        if (result.Succeeded)
        {
            TempData["Message"] = publish
                ? l["Comment {0} published.", receipt].Value
                : l["Comment {0} rejected: {1}. The public page shows a note with the reason.", receipt, Labels.RejectLabel(text, code)].Value;
            return Redirect($"/admin/consultations/moderation?id={Id}{(Request.Query["page"] is { Count: > 0 } p ? "&page=" + Uri.EscapeDataString(p.ToString()) : "")}");
        }
        if (result.Refusal!.Status == 404)
        {
            return NotFound();
        }
        return await RefuseAsync(receipt, reason, result.Refusal.Message, result.Refusal.Status);
    }

    /// <summary>Publishes or rejects the ticked comments, each as if on its own (one refusal does not stop the others).</summary>
    public async Task<IActionResult> OnPostBulkAsync(List<string>? receipts, string? decision, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        var selected = (receipts ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var code = Labels.ParseRejectCode(reason) ?? RejectReason.None;
        string? problem = selected.Count is 0 or > 100 ? l["Tick between 1 and 100 comments first."].Value
            : decision is not ("publish" or "reject") ? l["Choose whether to publish or reject the comment."].Value
            : decision == "reject" && code == RejectReason.None ? l["Choose the reason for rejecting the ticked comments."].Value
            : null;
        if (problem is null && await db.Set<Comment>().CountAsync(c => selected.Contains(c.ReceiptNumber) && c.ConsultationId == Id, ct) != selected.Count)
        {
            problem = l["Some ticked comments do not belong to this consultation. Reload the page and tick again."].Value;
        }
        if (problem is not null)
        {
            ModelState.AddModelError("", problem);
            BulkReason = reason;
            if (!await LoadAsync())
            {
                return NotFound();
            }
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var publish = decision == "publish";
        var done = 0;
        var refused = new List<string>();
        foreach (var receipt in selected)
        {
            var result = await moderate.HandleAsync(receipt, publish, code, User.Identity?.Name ?? "", ct, CommentStatus.Pending);
            if (result.Succeeded)
            {
                done++;
            }
            else
            {
                refused.Add(result.Refusal!.Message);
            }
        }
        var message = publish ? l["{0} comments published.", done].Value : l["{0} comments rejected: {1}.", done, Labels.RejectLabel(text, code)].Value;
        if (refused.Count > 0)
        {
            message += " " + l["{0} were left as they were: {1}", refused.Count, string.Join(" ", refused.Take(3))].Value;
        }
        TempData["Message"] = message;
        return Redirect($"/admin/consultations/moderation?id={Id}{(Request.Query["page"] is { Count: > 0 } p ? "&page=" + Uri.EscapeDataString(p.ToString()) : "")}");
    }

    /// <summary>The reason chosen in the bulk bar, shown again when the bar's submission was refused.</summary>
    public string? BulkReason { get; private set; }

    private async Task<IActionResult> RefuseAsync(string receipt, string? reason, string message, int status)
    {
        ModelState.AddModelError("", message);
        ErrorReceipt = receipt;
        ErrorMessage = message;
        ChosenReason = reason;
        await LoadAsync();
        Response.StatusCode = status is >= 400 and < 500 ? status : 422;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await ConsultationHeader.LoadAsync(db, Id, clock.GetUtcNow(), text, "moderation", ct) is not { } loaded)
        {
            return false;
        }
        Header = loaded.Header;
        var pending = db.Set<Comment>().AsNoTracking().Where(c => c.ConsultationId == Id && c.Status == CommentStatus.Pending);
        Paging = Paging.From(Request, await pending.CountAsync(ct));
        var rows = await pending.OrderBy(c => c.SubmittedUtc).ThenBy(c => c.Id).Skip(Paging.Skip).Take(Paging.Size)
            .Select(c => new { c.ReceiptNumber, c.SubmittedUtc, c.Name, c.PublishName, c.Organization, c.ArticleNumber, c.Body, c.PublicBody, c.ConsentToPublish, c.GroupId })
            .ToListAsync(ct);
        var groups = rows.Where(r => r.GroupId != null).Select(r => r.GroupId).Distinct().ToList();
        var sizes = groups.Count == 0 ? [] : await db.Set<Comment>().AsNoTracking().Where(c => groups.Contains(c.GroupId))
            .GroupBy(c => c.GroupId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows.AddRange(rows.Select(r => new Row(r.ReceiptNumber, SiteClock.FormatDateTime(r.SubmittedUtc),
            Labels.Author(text, r.PublishName, r.Name), Labels.ShowsName(r.PublishName, r.Name) || r.Name.Length == 0 ? null : r.Name, r.Organization, r.ArticleNumber,
            r.Body, r.PublicBody, r.ConsentToPublish, r.GroupId is { } g && sizes.TryGetValue(g, out var n) ? n : 1)));
        return true;
    }
}
