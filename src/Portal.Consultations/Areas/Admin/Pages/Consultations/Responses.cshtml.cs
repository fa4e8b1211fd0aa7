using System.Globalization;
using Microsoft.AspNetCore.Authorization;
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

/// <summary>
/// The officers' work view: published comments a page at a time, filtered in SQL, answered many at once. Counts are
/// SQL counts, so the view stays fast with thousands of comments on one draft.
/// </summary>
[Authorize(Policy = ConsultationsPermissions.RespondToComments)]
public sealed partial class ResponsesModel(PortalDb db, RespondToComment respond, TimeProvider clock, TextCatalog text, IStringLocalizer<ResponsesModel> l) : PageModel
{
    public static readonly IReadOnlyList<Disposition> Dispositions = [Disposition.Adopted, Disposition.PartlyAdopted, Disposition.NotAdopted, Disposition.OutOfScope];

    public const int ExcerptLength = 280;

    public sealed record Row(
        string ReceiptNumber, string Submitted, string Author, string? Organization, int? Article, string Body, int GroupSize,
        Disposition Disposition, string ResponseReason, string ResponseArticles, string? HearingTitle = null,
        DateTimeOffset? RespondedUtc = null, string RespondedBy = "")
    {
        /// <summary>What the form sends back as what this officer saw (see <see cref="RespondToComment.Command.Seen"/>).</summary>
        public string SeenValue => RespondedUtc is { } at ? at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "";
    }

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "article")]
    public string? ArticleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "answered")]
    public string? AnsweredFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "disposition")]
    public string? DispositionFilter { get; set; }

    [BindProperty]
    public List<string> Receipts { get; set; } = [];

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? ChangedArticles { get; set; }

    /// <summary>Per receipt on the page, when the answer it showed was given ("" for none).</summary>
    [BindProperty]
    public Dictionary<string, string> Seen { get; set; } = [];

    [BindProperty]
    public bool ReplaceGroupAnswers { get; set; }

    public ConsultationHeader Header { get; private set; } = null!;

    public string ClosesAt { get; private set; } = "";

    public int ArticleCount { get; private set; }

    public int PublishedCount { get; private set; }

    public int AnsweredCount { get; private set; }

    public int PendingCount { get; private set; }

    public Paging Paging { get; private set; } = new(1, 1, 0);

    public List<Row> Rows { get; } = [];

    /// <summary>Responses are recorded between the close and the decision.</summary>
    public bool CanAnswer => Header.Status == ConsultationStatus.Closed;

    public bool Filtered => !string.IsNullOrEmpty(ArticleFilter) || !string.IsNullOrEmpty(AnsweredFilter) || !string.IsNullOrEmpty(DispositionFilter);

    /// <summary>This view with its filters, without the page number.</summary>
    public string FilterUrl =>
        $"/admin/consultations/responses?id={Id.ToString(CultureInfo.InvariantCulture)}"
        + (string.IsNullOrEmpty(ArticleFilter) ? "" : "&article=" + Uri.EscapeDataString(ArticleFilter))
        + (string.IsNullOrEmpty(AnsweredFilter) ? "" : "&answered=" + Uri.EscapeDataString(AnsweredFilter))
        + (string.IsNullOrEmpty(DispositionFilter) ? "" : "&disposition=" + Uri.EscapeDataString(DispositionFilter));

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await db.Set<Consultation>().AnyAsync(c => c.Id == Id, ct))
        {
            return NotFound();
        }
        var receipts = Receipts.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var articles = ParseArticles(ChangedArticles);
        if (articles is null)
        {
            return await RefuseAsync("ChangedArticles", l["Write the changed articles as numbers separated by commas, for example 3, 7."], 422);
        }
        // The command answers any receipts it is given; only this consultation's comments may be answered from its view.
        if (receipts.Count > 0 && receipts.Count <= 1000
            && await db.Set<Comment>().CountAsync(c => receipts.Contains(c.ReceiptNumber) && c.ConsultationId == Id, ct) != receipts.Count)
        {
            return await RefuseAsync("Receipts", l["Some selected comments do not belong to this consultation. Reload the page and select again."], 422);
        }
        var disposition = Labels.ParseDisposition(Answer) ?? Disposition.None;
        var seen = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var receipt in receipts)
        {
            if (Seen.TryGetValue(receipt, out var shown))
            {
                seen[receipt] = long.TryParse(shown, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
            }
        }
        var result = await respond.HandleAsync(new RespondToComment.Command(receipts, disposition, Reason, articles, seen, ReplaceGroupAnswers), User.Identity?.Name ?? "", ct);
        if (!result.Succeeded)
        {
            var field = result.Refusal!.Field switch
            {
                "Disposition" => "Answer",
                "Reason" => "Reason",
                "Articles" => "ChangedArticles",
                _ => "Receipts",
            };
            return await RefuseAsync(field, result.Refusal.Message, result.Refusal.Status);
        }
        var outcome = result.Value!;
        var message = outcome.GroupAnswered == 0
            ? l["{0} comments answered.", outcome.Answered].Value
            : l["{0} comments answered: {1} selected and {2} more in the same groups.", outcome.Answered, outcome.Selected, outcome.GroupAnswered].Value;
        if (outcome.GroupKept > 0)
        {
            message += " " + l["{0} other comments of the same groups already had an answer and kept it; to change theirs too, tick 'Also replace the answers in their groups'.", outcome.GroupKept].Value;
        }
        TempData["Message"] = message;
        var page = Request.Query["page"].ToString();
        return Redirect(FilterUrl + (page.Length > 0 ? "&page=" + Uri.EscapeDataString(page) : ""));
    }

    private async Task<IActionResult> RefuseAsync(string field, string message, int status)
    {
        ModelState.AddModelError(field, message);
        await LoadAsync();
        Response.StatusCode = status is >= 400 and < 500 ? status : 422;
        return Page();
    }

    /// <summary>"3, 7" or "3，7" or "3 7"; null when something is not a number.</summary>
    private static List<int>? ParseArticles(string? value)
    {
        var parts = ArticleSeparators().Split(value ?? "").Where(p => p.Length > 0).ToList();
        var numbers = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }
            numbers.Add(n);
        }
        return numbers;
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await ConsultationHeader.LoadAsync(db, Id, clock.GetUtcNow(), text, "responses", ct) is not { } loaded)
        {
            return false;
        }
        Header = loaded.Header;
        ClosesAt = SiteClock.FormatDateTime(loaded.Consultation.ClosesUtc);
        ArticleCount = loaded.Consultation.Articles.Count;
        var comments = db.Set<Comment>().AsNoTracking().Where(c => c.ConsultationId == Id);
        var published = comments.Where(c => c.Status == CommentStatus.Published);
        PublishedCount = await published.CountAsync(ct);
        AnsweredCount = await published.CountAsync(c => c.Disposition != Disposition.None, ct);
        PendingCount = await comments.CountAsync(c => c.Status == CommentStatus.Pending, ct);

        var query = published;
        if (ArticleFilter == "none")
        {
            query = query.Where(c => c.ArticleNumber == null);
        }
        else if (int.TryParse(ArticleFilter, NumberStyles.None, CultureInfo.InvariantCulture, out var article))
        {
            query = query.Where(c => c.ArticleNumber == article);
        }
        query = AnsweredFilter switch
        {
            "yes" => query.Where(c => c.Disposition != Disposition.None),
            "no" => query.Where(c => c.Disposition == Disposition.None),
            _ => query,
        };
        if (Labels.ParseDisposition(DispositionFilter) is { } disposition)
        {
            query = query.Where(c => c.Disposition == disposition);
        }
        Paging = Paging.From(Request, await query.CountAsync(ct));
        var rows = await query.OrderBy(c => c.SubmittedUtc).ThenBy(c => c.Id).Skip(Paging.Skip).Take(Paging.Size)
            .Select(c => new { c.ReceiptNumber, c.SubmittedUtc, c.Name, c.PublishName, c.Organization, c.ArticleNumber, c.Body, c.GroupId, c.Disposition, c.ResponseReason, c.ResponseArticles, c.HearingTitle, c.RespondedUtc, c.RespondedBy })
            .ToListAsync(ct);
        var groups = rows.Where(r => r.GroupId != null).Select(r => r.GroupId).Distinct().ToList();
        var sizes = groups.Count == 0 ? [] : await published.Where(c => groups.Contains(c.GroupId))
            .GroupBy(c => c.GroupId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows.AddRange(rows.Select(r => new Row(r.ReceiptNumber, SiteClock.FormatDateTime(r.SubmittedUtc),
            Labels.Author(text, r.PublishName, r.Name), r.Organization, r.ArticleNumber, r.Body,
            r.GroupId is { } g && sizes.TryGetValue(g, out var n) ? n : 1, r.Disposition, r.ResponseReason, r.ResponseArticles, r.HearingTitle,
            r.Disposition == Disposition.None ? null : r.RespondedUtc, r.RespondedBy)));
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[\s,，、;；]+")]
    private static partial System.Text.RegularExpressions.Regex ArticleSeparators();
}
