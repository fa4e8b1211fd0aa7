using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;

namespace Portal.Consultations.Admin;

/// <summary>A moderator publishes a comment, or rejects it with a reason code that the public placeholder shows.</summary>
public sealed class ModerateComment(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public async Task<Result<Comment>> HandleAsync(string receiptNumber, bool publish, RejectReason reason, string moderator, CancellationToken cancellationToken)
    {
        var comment = await db.Set<Comment>().Include(c => c.Consultation).FirstOrDefaultAsync(c => c.ReceiptNumber == receiptNumber, cancellationToken);
        if (comment is null)
        {
            return new Refusal(text.Translate("There is no comment with this receipt number."), Status: 404);
        }
        if (comment.Consultation!.State is not ConsultationState.Published)
        {
            return new Refusal(text.Translate("The decision is final; its comments can no longer be moderated."), Status: 409);
        }
        if (!publish && reason == RejectReason.None)
        {
            return new Refusal(text.Translate("Choose the reason for rejecting: spam, abusive, personal data of others, off-topic or duplicate."), "ReasonCode", 422);
        }
        if (comment.Disposition != Disposition.None && !publish)
        {
            return new Refusal(text.Translate("This comment already has a response; remove the response before rejecting it."), Status: 409);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await DecisionLock.TakeAsync(db, comment.ConsultationId, clock.GetUtcNow(), cancellationToken))
        {
            return new Refusal(text.Translate("The decision is final; its comments can no longer be moderated."), Status: 409);
        }
        comment.Status = publish ? CommentStatus.Published : CommentStatus.Rejected;
        comment.RejectReason = publish ? RejectReason.None : reason;
        comment.ModeratedUtc = clock.GetUtcNow();
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
