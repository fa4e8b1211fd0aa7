using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;

namespace Portal.Consultations.Admin;

/// <summary>
/// After the close, a decision officer records for each published comment (or its whole group) a disposition, a
/// reason (required unless adopted) and the articles it changed. Responses stay internal until finalization.
/// </summary>
public sealed class RespondToComment(PortalDb db, TimeProvider clock, TextCatalog text)
{
    public sealed record Command(IReadOnlyList<string> ReceiptNumbers, Disposition Disposition, string? Reason, IReadOnlyList<int>? Articles);

    /// <returns>How many comments received the response (a group counts each member).</returns>
    public async Task<Result<int>> HandleAsync(Command command, string officer, CancellationToken cancellationToken)
    {
        if (command.ReceiptNumbers.Count == 0 || command.ReceiptNumbers.Count > 1000)
        {
            return new Refusal(text.Translate("Select between 1 and 1,000 comments to answer."), "ReceiptNumbers", 422);
        }
        if (command.Disposition == Disposition.None)
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
        var selected = await db.Set<Comment>().Include(c => c.Consultation)
            .Where(c => command.ReceiptNumbers.Contains(c.ReceiptNumber)).ToListAsync(cancellationToken);
        if (selected.Count != command.ReceiptNumbers.Distinct().Count())
        {
            return new Refusal(text.Translate("Some receipt numbers do not exist."), "ReceiptNumbers", 404);
        }
        var consultation = selected[0].Consultation!;
        if (selected.Any(c => c.ConsultationId != consultation.Id))
        {
            return new Refusal(text.Translate("Answer the comments of one consultation at a time."), "ReceiptNumbers", 422);
        }
        var now = clock.GetUtcNow();
        var status = consultation.StatusAt(now);
        if (status == ConsultationStatus.Open || status == ConsultationStatus.Scheduled)
        {
            return new Refusal(text.Translate("Responses are recorded after the comment period closes."), Status: 409);
        }
        if (status != ConsultationStatus.Closed)
        {
            return new Refusal(text.Translate("The decision is final; its responses can no longer change."), Status: 409);
        }
        if (selected.FirstOrDefault(c => c.Status != CommentStatus.Published) is { } unpublished)
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("Comment {0} is not published; moderate it first."), unpublished.ReceiptNumber), "ReceiptNumbers", 409);
        }
        var articles = (command.Articles ?? []).Distinct().Order().ToList();
        if (articles.Any(a => a < 1 || a > consultation.Articles.Count))
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate("The draft has articles 1 to {0}."), consultation.Articles.Count), "Articles", 422);
        }
        var groups = selected.Where(c => c.GroupId is not null).Select(c => c.GroupId).Distinct().ToList();
        var members = groups.Count == 0 ? [] : await db.Set<Comment>()
            .Where(c => groups.Contains(c.GroupId) && c.Status == CommentStatus.Published).ToListAsync(cancellationToken);
        var targets = selected.Concat(members).DistinctBy(c => c.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DecisionLock.TakeAsync(db, consultation.Id, now, cancellationToken))
        {
            return new Refusal(text.Translate("The decision is final; its responses can no longer change."), Status: 409);
        }
        foreach (var comment in targets)
        {
            comment.Disposition = command.Disposition;
            comment.ResponseReason = reason;
            comment.ResponseArticles = string.Join(',', articles);
            comment.RespondedUtc = now;
            comment.RespondedBy = officer;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return targets.Count;
    }
}
