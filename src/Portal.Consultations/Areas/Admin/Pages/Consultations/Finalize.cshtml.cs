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

/// <summary>Adopts (with the final text), rejects or withdraws the decision; the command refuses while comments are unanswered.</summary>
[Authorize(Policy = ConsultationsPermissions.FinalizeDecisions)]
public sealed class FinalizeModel(PortalDb db, FinalizeDecision finalize, TimeProvider clock, TextCatalog text, IStringLocalizer<FinalizeModel> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public string Outcome { get; set; } = "adopted";

    [BindProperty]
    public string? FinalArticles { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Ticked after the warning that responses cite articles whose final text did not change.</summary>
    [BindProperty]
    public bool ConfirmUnchanged { get; set; }

    /// <summary>Articles that responses say were changed because of comments, while the final text keeps the draft's.</summary>
    public IReadOnlyList<int> UnchangedCited { get; private set; } = [];

    public ConsultationHeader Header { get; private set; } = null!;

    public Consultation Consultation { get; private set; } = null!;

    public int PublishedCount { get; private set; }

    public int UnansweredCount { get; private set; }

    public int PendingCount { get; private set; }

    public string ClosesAt => SiteClock.FormatDateTime(Consultation.ClosesUtc);

    public string? FinalizedAt => Consultation.FinalizedUtc is { } f ? SiteClock.FormatDateTime(f) : null;

    /// <summary>Set when the command refused because comments are unanswered or unmoderated.</summary>
    public bool BlockedByComments { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        FinalArticles = ArticleText.Join(Consultation.Articles);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var slug = await db.Set<Consultation>().Where(c => c.Id == Id).Select(c => c.Slug).FirstOrDefaultAsync(ct);
        if (slug is null)
        {
            return NotFound();
        }
        if (!EnumNames.TryParse<DecisionOutcome>(Outcome, out var outcome))
        {
            ModelState.AddModelError("Outcome", l["Choose adopted, rejected or withdrawn."]);
            return await ReshowAsync(422);
        }
        // The command leaves this length to the database, where PostgreSQL would refuse it with an error instead of a message.
        if (Reason?.Trim().Length > 4000)
        {
            ModelState.AddModelError("Reason", l["The reason is at most 4,000 characters."]);
            return await ReshowAsync(422);
        }
        var final = outcome == DecisionOutcome.Adopted ? ArticleText.Split(FinalArticles) : null;
        // Asked only once the command's own rules (closed, everything moderated and answered) would let the decision through.
        if (final is not null && !ConfirmUnchanged && await ReadyAsync(ct) && await UnchangedCitedAsync(final, ct) is { Count: > 0 } unchanged)
        {
            // Finalizing cannot be undone, and the public redline would show no change where the responses promise one.
            UnchangedCited = unchanged;
            ModelState.AddModelError("FinalArticles", l["Responses say articles {0} were changed because of comments, but their final text is the same as the draft. Change those articles, correct the responses, or tick that the text is right as it is.",
                string.Join(", ", unchanged)]);
            return await ReshowAsync(422);
        }
        var result = await finalize.HandleAsync(slug, new FinalizeDecision.Command(outcome, final, Reason), User.Identity?.Name ?? "", ct);
        if (result.Succeeded)
        {
            TempData["Message"] = l["The decision is final and public, with every response: {0}.", Labels.StatusLabel(text, result.Value!.StatusAt(clock.GetUtcNow()))].Value;
            return Redirect($"/admin/consultations/finalize?id={Id}");
        }
        var refusal = result.Refusal!;
        if (refusal.Status == 404)
        {
            return NotFound();
        }
        BlockedByComments = refusal.Field == "Comments";
        ModelState.AddModelError(refusal.Field is "Reason" or "FinalArticles" ? refusal.Field : "", refusal.Message);
        return await ReshowAsync(refusal.Status);
    }

    private async Task<bool> ReadyAsync(CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstAsync(c => c.Id == Id, ct);
        return consultation.StatusAt(clock.GetUtcNow()) == ConsultationStatus.Closed
            && !await db.Set<Comment>().AnyAsync(c => c.ConsultationId == Id
                && (c.Status == CommentStatus.Pending || (c.Status == CommentStatus.Published && c.Disposition == Disposition.None)), ct);
    }

    private async Task<List<int>> UnchangedCitedAsync(List<string> final, CancellationToken ct)
    {
        var draft = await db.Set<Consultation>().AsNoTracking().Where(c => c.Id == Id).Select(c => c.Articles).FirstAsync(ct);
        var cited = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.ConsultationId == Id && c.Status == CommentStatus.Published && c.ResponseArticles != ""
                && (c.Disposition == Disposition.Adopted || c.Disposition == Disposition.PartlyAdopted))
            .Select(c => c.ResponseArticles).Distinct().ToListAsync(ct);
        return cited.SelectMany(list => list.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(n => int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0)
            .Where(n => n >= 1 && n <= draft.Count && n <= final.Count && string.Equals(draft[n - 1].Markdown.Trim(), final[n - 1].Trim(), StringComparison.Ordinal))
            .Distinct().Order().ToList();
    }

    private async Task<IActionResult> ReshowAsync(int status)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Response.StatusCode = status is >= 400 and < 500 ? status : 422;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await ConsultationHeader.LoadAsync(db, Id, clock.GetUtcNow(), text, "finalize", ct) is not { } loaded)
        {
            return false;
        }
        (Header, Consultation) = loaded;
        var comments = db.Set<Comment>().AsNoTracking().Where(c => c.ConsultationId == Id);
        PublishedCount = await comments.CountAsync(c => c.Status == CommentStatus.Published, ct);
        UnansweredCount = await comments.CountAsync(c => c.Status == CommentStatus.Published && c.Disposition == Disposition.None, ct);
        PendingCount = await comments.CountAsync(c => c.Status == CommentStatus.Pending, ct);
        return true;
    }
}
