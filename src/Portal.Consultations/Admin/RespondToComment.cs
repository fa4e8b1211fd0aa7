using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Admin;

/// <summary>
/// After the close, a decision officer records for each published comment (or its whole group) a disposition, a
/// reason (required unless adopted) and the articles it changed. Responses stay internal until finalization.
/// Two rules keep one officer from silently undoing another's work: the other members of a selected comment's group
/// receive the answer only where they have none yet (unless <see cref="Command.ReplaceGroupAnswers"/>), and a
/// comment whose answer changed since the officer saw it (<see cref="Command.Seen"/>) is refused with who and when.
/// Everything is read after the decision's row lock, so two officers' answers are applied one after the other.
/// </summary>
public sealed class RespondToComment(PortalDb db, TimeProvider clock, TextCatalog text)
{
    /// <param name="Seen">Per selected receipt, the answer time the officer's page showed (null: unanswered); a receipt
    /// left out is not checked (the API).</param>
    public sealed record Command(IReadOnlyList<string> ReceiptNumbers, Disposition Disposition, string? Reason, IReadOnlyList<int>? Articles,
        IReadOnlyDictionary<string, DateTimeOffset?>? Seen = null, bool ReplaceGroupAnswers = false);

    /// <summary>How many comments were answered: the selected ones and other members of their groups; <paramref name="GroupKept"/> group members kept their own answer.</summary>
    public sealed record Outcome(int Selected, int GroupAnswered, int GroupKept)
    {
        public int Answered => Selected + GroupAnswered;
    }

    /// <summary>The column holds the articles as "3,7"; a longer list cannot be stored.</summary>
    public const int ArticlesMaxLength = 200;

    public async Task<Result<Outcome>> HandleAsync(Command command, string officer, CancellationToken cancellationToken)
    {
        if (command.ReceiptNumbers.Count == 0 || command.ReceiptNumbers.Count > 1000)
        {
            return new Refusal(text.Translate("Select between 1 and 1,000 comments to answer."), "ReceiptNumbers", 422);
        }
        if (command.Disposition == Disposition.None || !Enum.IsDefined(command.Disposition))
        {
            return new Refusal(text.Translate("Choose adopted, partly adopted, not adopted or outside scope."), "Disposition", 422);
        }
        var reason = command.Reason?.Trim() ?? "";
        if (command.Disposition != Disposition.Adopted && reason.Length == 0)
        {
            return new Refusal(text.Translate("Give the reason: it is required unless the comment is adopted, and the public will read it."), "Reason", 422);
        }
        if (reason.Length > 4000)
        {
            return new Refusal(text.Translate("The reason is at most 4,000 characters."), "Reason", 422);
        }
        var articles = (command.Articles ?? []).Distinct().Order().ToList();
        var articleList = string.Join(',', articles);
        if (articleList.Length > ArticlesMaxLength)
        {
            return new Refusal(text.Translate("Name at most the articles the answer changed: the list is too long to keep."), "Articles", 422);
        }
        var receipts = command.ReceiptNumbers.Distinct().ToList();
        var consultationIds = await db.Set<Comment>().Where(c => receipts.Contains(c.ReceiptNumber)).Select(c => c.ConsultationId).ToListAsync(cancellationToken);
        if (consultationIds.Count != receipts.Count)
        {
            return new Refusal(text.Translate("Some receipt numbers do not exist."), "ReceiptNumbers", 404);
        }
        if (consultationIds.Distinct().Count() != 1)
        {
            return new Refusal(text.Translate("Answer the comments of one consultation at a time."), "ReceiptNumbers", 422);
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DecisionLock.TakeAsync(db, consultationIds[0], now, cancellationToken))
        {
            return new Refusal(text.Translate("The decision is final; its responses can no longer change."), Status: 409);
        }
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstAsync(c => c.Id == consultationIds[0], cancellationToken);
        var status = consultation.StatusAt(now);
        if (status == ConsultationStatus.Open || status == ConsultationStatus.Scheduled)
        {
            return new Refusal(text.Translate("Responses are recorded after the comment period closes."), Status: 409);
        }
        if (status != ConsultationStatus.Closed)
        {
            return new Refusal(text.Translate("The decision is final; its responses can no longer change."), Status: 409);
        }
        if (articles.Any(a => a < 1 || a > consultation.Articles.Count))
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("The draft has articles 1 to {0}."), consultation.Articles.Count), "Articles", 422);
        }
        var selected = await db.Set<Comment>().Where(c => receipts.Contains(c.ReceiptNumber)).ToListAsync(cancellationToken);
        if (selected.FirstOrDefault(c => c.Status != CommentStatus.Published) is { } unpublished)
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("Comment {0} is not published; moderate it first."), unpublished.ReceiptNumber), "ReceiptNumbers", 409);
        }
        if (command.Seen is { } seen && selected.FirstOrDefault(c => seen.TryGetValue(c.ReceiptNumber, out var shown) && !SameMoment(shown, c.RespondedUtc)) is { } changed)
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("{0} was answered by {1} at {2}, after this page was opened. Nothing was saved: reload the page to see that answer, then select again."),
                changed.ReceiptNumber, changed.RespondedBy, changed.RespondedUtc is { } at ? SiteClock.FormatDateTime(at) : ""), "ReceiptNumbers", 409);
        }
        var groups = selected.Where(c => c.GroupId is not null).Select(c => c.GroupId).Distinct().ToList();
        var ids = selected.Select(c => c.Id).ToList();
        var members = groups.Count == 0 ? [] : await db.Set<Comment>()
            .Where(c => groups.Contains(c.GroupId) && c.Status == CommentStatus.Published && !ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var joining = members.Where(c => command.ReplaceGroupAnswers || c.Disposition == Disposition.None).ToList();
        foreach (var comment in selected.Concat(joining))
        {
            comment.Disposition = command.Disposition;
            comment.ResponseReason = reason;
            comment.ResponseArticles = articleList;
            comment.RespondedUtc = now;
            comment.RespondedBy = officer;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(selected.Count, joining.Count, members.Count - joining.Count);
    }

    /// <summary>Stored times lose sub-millisecond precision on some providers; the page round-trips milliseconds.</summary>
    private static bool SameMoment(DateTimeOffset? shown, DateTimeOffset? stored) =>
        shown is null ? stored is null : stored is not null && Math.Abs((shown.Value - stored.Value).TotalMilliseconds) < 1;
}
