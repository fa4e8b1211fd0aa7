using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Admin;

/// <summary>
/// A moderator publishes a comment, or rejects it with a reason code that the public placeholder shows. The queue
/// passes the status it showed (pending), so a comment another moderator has decided meanwhile is refused with who
/// and when instead of being turned around; the API may change a decision on purpose, but not repeat one. The comment
/// is read again after the decision's row lock, which responses take too.
/// </summary>
public sealed class ModerateComment(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public async Task<Result<Comment>> HandleAsync(string receiptNumber, bool publish, RejectReason reason, string moderator, CancellationToken cancellationToken,
        CommentStatus? expected = null)
    {
        if (!publish && (reason == RejectReason.None || !Enum.IsDefined(reason)))
        {
            return new Refusal(text.Translate("Choose the reason for rejecting: spam, abusive, personal data of others, off-topic or duplicate."), "ReasonCode", 422);
        }
        var consultationId = await db.Set<Comment>().Where(c => c.ReceiptNumber == receiptNumber).Select(c => (int?)c.ConsultationId).FirstOrDefaultAsync(cancellationToken);
        if (consultationId is null)
        {
            return new Refusal(text.Translate("There is no comment with this receipt number."), Status: 404);
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DecisionLock.TakeAsync(db, consultationId.Value, now, cancellationToken))
        {
            return new Refusal(text.Translate("The decision is final; its comments can no longer be moderated."), Status: 409);
        }
        var comment = await db.Set<Comment>().Include(c => c.Consultation).FirstAsync(c => c.ReceiptNumber == receiptNumber, cancellationToken);
        if (comment.Consultation!.State is not ConsultationState.Published)
        {
            return new Refusal(text.Translate("The decision is final; its comments can no longer be moderated."), Status: 409);
        }
        var wanted = publish ? CommentStatus.Published : CommentStatus.Rejected;
        if ((expected is { } shown && comment.Status != shown) || (comment.Status == wanted && (publish || comment.RejectReason == reason)))
        {
            return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                text.Translate(comment.Status == CommentStatus.Published ? "Comment {0} was already published by {1} at {2}; nothing was changed." : "Comment {0} was already rejected by {1} at {2}; nothing was changed."),
                comment.ReceiptNumber, comment.ModeratedBy, comment.ModeratedUtc is { } at ? SiteClock.FormatDateTime(at) : ""), Status: 409);
        }
        if (comment.Disposition != Disposition.None && !publish)
        {
            return new Refusal(text.Translate("This comment already has a response; remove the response before rejecting it."), Status: 409);
        }
        comment.Status = wanted;
        comment.RejectReason = publish ? RejectReason.None : reason;
        comment.ModeratedUtc = now;
        comment.ModeratedBy = moderator;
        if (publish)
        {
            await events.PublishAsync(new CommentPublished(comment.ConsultationId, comment.ReceiptNumber), cancellationToken);
        }
        else
        {
            await events.PublishAsync(new CommentRejected(comment.ConsultationId, comment.ReceiptNumber, Labels.RejectCode(reason)), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return comment;
    }
}
