using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Public;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Text;

namespace Portal.Consultations.Model;

/// <summary>
/// Comments staff enter for the people who gave them (by letter or telephone, or at a hearing): published at once, with
/// a receipt number, an access token, the public copy masked and its fingerprint, and counted like the web's comments.
/// Callers hold the decision's row lock (<see cref="DecisionLock"/>), so none lands after the outcome is published.
/// </summary>
internal static class StaffEnteredComments
{
    /// <summary>A published comment on <paramref name="consultationId"/>; the caller adds who gave it and how.</summary>
    public static async Task<Comment> NewAsync(PortalDb db, int consultationId, string body, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        var comment = new Comment
        {
            ConsultationId = consultationId,
            ReceiptNumber = await Receipts.NextAsync(db, SiteClock.ToLocal(nowUtc).Year, cancellationToken),
            AccessToken = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true),
            Body = body,
            PublicBody = PublicCopy(body),
            ConsentToPublish = true,
            Status = CommentStatus.Published,
            SubmittedUtc = nowUtc,
            ModeratedUtc = nowUtc,
        };
        comment.SetFingerprint(CommentText.Fingerprint(body));
        return comment;
    }

    /// <summary>
    /// The masked public copy, cut to its column: a masked address (a***@example.cn) can be longer than the one it hides,
    /// so a body that fits can give a copy that does not.
    /// </summary>
    public static string PublicCopy(string body)
    {
        var masked = CommentText.Mask(body);
        return masked.Length > SubmitComment.MaxBodyLength ? masked[..SubmitComment.MaxBodyLength] : masked;
    }

    /// <summary>Adds the comments, raises <see cref="CommentPublished"/> for each, counts them and notes the change.</summary>
    public static async Task AddAsync(PortalDb db, IEventPublisher events, Consultation consultation, IReadOnlyList<Comment> comments, DateTimeOffset nowUtc,
        CancellationToken cancellationToken)
    {
        foreach (var comment in comments)
        {
            db.Add(comment);
            await events.PublishAsync(new CommentPublished(consultation.Id, comment.ReceiptNumber), cancellationToken);
        }
        await db.Set<Consultation>().Where(c => c.Id == consultation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount + comments.Count), cancellationToken);
        db.RecordChange("consultations", consultation.Slug, nowUtc);
    }
}
