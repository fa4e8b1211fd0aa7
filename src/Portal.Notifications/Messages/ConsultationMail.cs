using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Notifications;
using Portal.Core.Text;
using Portal.Notifications.Model;
using Portal.Notifications.Outbox;

namespace Portal.Notifications.Messages;

/// <summary>
/// The commenter's mail: the receipt (in the language of the request that sent the comment), then moderation and
/// the answer in that same language, found from the receipt message. Handlers only add outbox rows to the unit of work.
/// </summary>
internal sealed class ConsultationMail(PortalDb db, INotificationOutbox outbox, TextCatalog text)
    : IEventHandler<CommentSubmitted>, IEventHandler<CommentPublished>, IEventHandler<CommentRejected>, IEventHandler<DecisionFinalized>
{
    public const string Receipt = "comment-receipt";
    public const string Published = "comment-published";
    public const string Rejected = "comment-rejected";
    public const string Answer = "decision-answer";

    private Consultation? untracked;

    public async Task HandleAsync(CommentSubmitted e, CancellationToken cancellationToken)
    {
        var comment = await FindCommentAsync(e.ReceiptNumber, cancellationToken);
        var consultation = await FindConsultationAsync(e.ConsultationId, cancellationToken);
        if (comment is null || consultation is null)
        {
            return;
        }
        var culture = CultureInfo.CurrentUICulture.Name == "en" ? "en" : "zh-CN";
        outbox.Enqueue(new OutgoingMessage(Receipt, e.Email, culture, new Dictionary<string, string>
        {
            ["receipt_number"] = e.ReceiptNumber,
            ["consultation_title"] = consultation.Title,
            ["consultation_url"] = $"/consultations/{consultation.Slug}",
            ["status_url"] = StatusUrl(e.ReceiptNumber, e.AccessToken),
            ["submitted"] = SiteClock.FormatDateTime(comment.SubmittedUtc),
            ["closes"] = SiteClock.FormatDateTime(consultation.ClosesUtc),
            ["published"] = comment.Status == CommentStatus.Published ? "yes" : "",
        }) { DeduplicationKey = $"{Receipt}:{e.ReceiptNumber}" });
    }

    public async Task HandleAsync(CommentPublished e, CancellationToken cancellationToken)
    {
        // Under post-moderation a comment is published as it is received: the receipt already says so.
        if (db.ChangeTracker.Tracked<OutboxMessage>().Any(m => m.DeduplicationKey == $"{Receipt}:{e.ReceiptNumber}"))
        {
            return;
        }
        var comment = await FindCommentAsync(e.ReceiptNumber, cancellationToken);
        var consultation = await FindConsultationAsync(e.ConsultationId, cancellationToken);
        if (comment is null || consultation is null || comment.Email.Length == 0)
        {
            return;
        }
        var culture = await RecipientCultureAsync(e.ReceiptNumber, cancellationToken);
        outbox.Enqueue(new OutgoingMessage(Published, comment.Email, culture, new Dictionary<string, string>
        {
            ["receipt_number"] = e.ReceiptNumber,
            ["consultation_title"] = consultation.Title,
            ["comment_url"] = $"/consultations/{consultation.Slug}#{e.ReceiptNumber}",
            ["status_url"] = StatusUrl(e.ReceiptNumber, comment.AccessToken),
        }) { DeduplicationKey = $"{Published}:{e.ReceiptNumber}" });
    }

    public async Task HandleAsync(CommentRejected e, CancellationToken cancellationToken)
    {
        var comment = await FindCommentAsync(e.ReceiptNumber, cancellationToken);
        var consultation = await db.Set<Consultation>().FindAsync([e.ConsultationId], cancellationToken);
        if (comment is null || consultation is null || comment.Email.Length == 0)
        {
            return;
        }
        var culture = await RecipientCultureAsync(e.ReceiptNumber, cancellationToken);
        outbox.Enqueue(new OutgoingMessage(Rejected, comment.Email, culture, new Dictionary<string, string>
        {
            ["receipt_number"] = e.ReceiptNumber,
            ["consultation_title"] = consultation.Title,
            ["reason"] = InCulture(culture, () => Labels.RejectLabel(text, comment.RejectReason)),
            ["status_url"] = StatusUrl(e.ReceiptNumber, comment.AccessToken),
        }) { DeduplicationKey = $"{Rejected}:{e.ReceiptNumber}:{comment.ModeratedUtc?.UtcTicks}" });
    }

    /// <summary>
    /// Every commenter whose comment was published hears the answers: one message per address and language, listing
    /// each of their comments with its answer, so that someone who commented on ten articles gets one mail, not ten.
    /// </summary>
    public async Task HandleAsync(DecisionFinalized e, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FindAsync([e.ConsultationId], cancellationToken);
        if (consultation is null)
        {
            return;
        }
        var comments = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.ConsultationId == e.ConsultationId && c.Status == CommentStatus.Published && c.Email != "")
            .OrderBy(c => c.Id)
            .Select(c => new { c.ReceiptNumber, c.Email, c.AccessToken, c.Disposition, c.ResponseReason, c.ResponseArticles })
            .ToListAsync(cancellationToken);
        var cultures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in comments.Select(c => $"{Receipt}:{c.ReceiptNumber}").Chunk(500))
        {
            foreach (var row in await db.Set<OutboxMessage>().AsNoTracking().Where(m => chunk.Contains(m.DeduplicationKey))
                         .Select(m => new { m.DeduplicationKey, m.Culture }).ToListAsync(cancellationToken))
            {
                cultures[row.DeduplicationKey![(Receipt.Length + 1)..]] = row.Culture;
            }
        }
        var outcome = e.Outcome switch
        {
            "adopted" => "The decision was adopted.",
            "rejected" => "The decision was not adopted.",
            _ => "The decision was withdrawn.",
        };
        // A label per language and disposition, translated once (switching the culture for each of 20,000 comments showed
        // in the finalize profile).
        var labels = new Dictionary<(string, Disposition), string>();
        string Label(string culture, Disposition disposition)
        {
            if (!labels.TryGetValue((culture, disposition), out var label))
            {
                label = labels[(culture, disposition)] = InCulture(culture, () => Labels.DispositionLabel(text, disposition));
            }
            return label;
        }
        // Addresses are stored trimmed and lower-cased (SubmitComment), so equal addresses group together.
        foreach (var recipient in comments.GroupBy(c => (c.Email, Culture: cultures.GetValueOrDefault(c.ReceiptNumber, TextCatalog.DefaultCulture))))
        {
            var (email, culture) = recipient.Key;
            var answers = recipient.Select(c => new MailAnswer(
                c.ReceiptNumber,
                c.Disposition == Disposition.None ? "" : Label(culture, c.Disposition),
                Labels.DispositionCode(c.Disposition),
                c.ResponseReason,
                c.ResponseArticles,
                StatusUrl(c.ReceiptNumber, c.AccessToken))).ToList();
            outbox.Enqueue(new OutgoingMessage(Answer, email, culture, new Dictionary<string, string>
            {
                ["consultation_title"] = consultation.Title,
                ["consultation_url"] = $"/consultations/{consultation.Slug}",
                ["outcome"] = text.Translate(outcome, CultureInfo.GetCultureInfo(culture)),
                ["outcome_reason"] = consultation.OutcomeReason,
                ["answers"] = MailRenderer.ListValue(answers),
            }) { DeduplicationKey = $"{Answer}:{answers[0].ReceiptNumber}" });
        }
    }

    internal static string StatusUrl(string receipt, string token) => $"/consultations/receipts/{receipt}?token={token}";

    /// <summary>
    /// The tracked draft if the caller changed it; else read once per scope without tracking: the group commit stores
    /// a batch of comments in one scope, and a tracked draft would be compared (its articles serialized) on every save.
    /// </summary>
    private async Task<Consultation?> FindConsultationAsync(int id, CancellationToken cancellationToken)
    {
        if (db.TrackedByKey<Consultation, int>(id) is { } tracked)
        {
            return tracked;
        }
        if (untracked?.Id != id)
        {
            untracked = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        }
        return untracked;
    }

    private async Task<Comment?> FindCommentAsync(string receipt, CancellationToken cancellationToken) =>
        db.TrackedBy<Comment, string>(nameof(Comment.ReceiptNumber), receipt)
        ?? await db.Set<Comment>().FirstOrDefaultAsync(c => c.ReceiptNumber == receipt, cancellationToken);

    /// <summary>The commenter's language: the one their receipt was sent in.</summary>
    private async Task<string> RecipientCultureAsync(string receipt, CancellationToken cancellationToken)
    {
        var key = $"{Receipt}:{receipt}";
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DeduplicationKey == key).Select(m => m.Culture).FirstOrDefaultAsync(cancellationToken)
            ?? TextCatalog.DefaultCulture;
    }

    internal static string InCulture(string culture, Func<string> translate)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return translate();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
