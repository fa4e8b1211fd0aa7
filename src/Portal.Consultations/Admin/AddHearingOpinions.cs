using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Consultations.Public;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Admin;

/// <summary>
/// Opinions given at a hearing on a draft become comments on it (channel "hearing", published at once: the
/// speakers spoke in public), so they are answered in the response work view and appear in the outcome report
/// like any other comment. Runs inside the caller's transaction and takes the decision's row lock, so nothing
/// lands after the outcome is published.
/// </summary>
public sealed class AddHearingOpinions(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public sealed record Opinion(string Speaker, string? Organization, string Text);

    /// <summary>Returns the receipt numbers of the new comments, in the order of <paramref name="opinions"/>.</summary>
    public async Task<Result<IReadOnlyList<string>>> HandleAsync(string consultationSlug, string hearingSlug, string hearingTitle,
        IReadOnlyList<Opinion> opinions, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == consultationSlug, cancellationToken);
        if (consultation is null)
        {
            return new Refusal(text.Translate("This consultation does not exist."), "ConsultationSlug", 404);
        }
        var now = clock.GetUtcNow();
        if (!await DecisionLock.TakeAsync(db, consultation.Id, now, cancellationToken))
        {
            return new Refusal(text.Translate("The linked decision is final; opinions from the hearing can no longer be added to it."), "ConsultationSlug", 409);
        }
        var comments = new List<Comment>();
        foreach (var opinion in opinions)
        {
            var body = opinion.Text.Trim();
            var comment = await StaffEnteredComments.NewAsync(db, consultation.Id, body.Length > SubmitComment.MaxBodyLength ? body[..SubmitComment.MaxBodyLength] : body,
                now, cancellationToken);
            var speaker = opinion.Speaker.Trim();
            comment.Name = speaker.Length > 50 ? speaker[..50] : speaker;
            comment.PublishName = speaker.Length > 0;
            comment.Organization = string.IsNullOrWhiteSpace(opinion.Organization) ? null : opinion.Organization.Trim();
            comment.Channel = CommentChannel.Hearing;
            comment.HearingSlug = hearingSlug;
            comment.HearingTitle = hearingTitle.Length > 300 ? hearingTitle[..300] : hearingTitle;
            comments.Add(comment);
        }
        await StaffEnteredComments.AddAsync(db, events, consultation, comments, now, cancellationToken);
        return comments.Select(c => c.ReceiptNumber).ToList();
    }
}

/// <summary>
/// For demo content: opinions of a past hearing with the responses they already received. Replaced opinions and the new
/// ones are recorded in the change log (at <paramref name="nowUtc"/>), so search drops the old receipts and finds the new.
/// </summary>
public static class HearingOpinionSeed
{
    public sealed record Answered(string Speaker, string? Organization, string Text, string? Disposition, string? Reason);

    public static async Task<IReadOnlyList<string>> AddAsync(PortalDb db, string consultationSlug, string hearingSlug, string hearingTitle,
        DateTimeOffset heardUtc, IReadOnlyList<Answered> opinions, DateTimeOffset nowUtc, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Slug == consultationSlug, cancellationToken)
            ?? throw new InvalidOperationException($"no consultation '{consultationSlug}'");
        foreach (var receipt in await db.Set<Comment>().Where(c => c.ConsultationId == consultation.Id && c.HearingSlug == hearingSlug)
                     .Select(c => c.ReceiptNumber).ToListAsync(cancellationToken))
        {
            db.RecordChange(CommentSource.Name, receipt, nowUtc);
        }
        await db.Set<Comment>().Where(c => c.ConsultationId == consultation.Id && c.HearingSlug == hearingSlug).ExecuteDeleteAsync(cancellationToken);
        var receipts = new List<string>();
        foreach (var o in opinions)
        {
            var comment = new Comment
            {
                ConsultationId = consultation.Id,
                ReceiptNumber = await Receipts.NextAsync(db, SiteClock.ToLocal(heardUtc).Year, cancellationToken),
                AccessToken = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true),
                Name = o.Speaker,
                PublishName = true,
                Organization = o.Organization,
                Body = o.Text,
                PublicBody = CommentText.Mask(o.Text),
                ConsentToPublish = true,
                Status = CommentStatus.Published,
                SubmittedUtc = heardUtc,
                ModeratedUtc = heardUtc,
                Channel = CommentChannel.Hearing,
                HearingSlug = hearingSlug,
                HearingTitle = hearingTitle,
                Disposition = Labels.ParseDisposition(o.Disposition) ?? Disposition.None,
                ResponseReason = o.Reason ?? "",
                RespondedUtc = o.Disposition is null ? null : consultation.ClosesUtc.AddDays(1),
                RespondedBy = o.Disposition is null ? "" : "decisions",
            };
            comment.SetFingerprint(CommentText.Fingerprint(o.Text));
            db.Add(comment);
            consultation.CommentCount++;
            receipts.Add(comment.ReceiptNumber);
            db.RecordChange(CommentSource.Name, comment.ReceiptNumber, nowUtc);
        }
        ConsultationChanges.RecordConsultation(db, consultation, nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        return receipts;
    }
}
