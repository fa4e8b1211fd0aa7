using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;

namespace Portal.Consultations.Public;

/// <summary>
/// Records in the change log, inside the same unit of work, every change to what the public sees of a consultation:
/// publication and corrections (plus the moments its status changes by the clock: opening and close), moderation,
/// and finalization, which makes every response public.
/// </summary>
internal sealed class ConsultationChanges(PortalDb db, TimeProvider clock) :
    IEventHandler<DecisionPublished>, IEventHandler<DecisionFinalized>, IEventHandler<CommentPublished>, IEventHandler<CommentRejected>
{
    public async Task HandleAsync(DecisionPublished e, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FindAsync([e.ConsultationId], cancellationToken);
        if (consultation is not null)
        {
            RecordConsultation(db, consultation, clock.GetUtcNow());
        }
    }

    public async Task HandleAsync(DecisionFinalized e, CancellationToken cancellationToken) =>
        await RecordAllAsync(db, e.ConsultationId, clock.GetUtcNow(), cancellationToken);

    public Task HandleAsync(CommentPublished e, CancellationToken cancellationToken)
    {
        db.RecordChange(CommentSource.Name, e.ReceiptNumber, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task HandleAsync(CommentRejected e, CancellationToken cancellationToken)
    {
        db.RecordChange(CommentSource.Name, e.ReceiptNumber, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>The consultation now, at its opening and at its close (its status label changes then), and under a former address name.</summary>
    internal static void RecordConsultation(PortalDb db, Consultation consultation, DateTimeOffset now)
    {
        db.RecordChange(ConsultationSource.Name, consultation.Slug, now);
        foreach (var moment in new[] { consultation.OpensUtc, consultation.ClosesUtc }.Where(m => m > now))
        {
            db.RecordChange(ConsultationSource.Name, consultation.Slug, now, moment);
        }
        var entry = db.Entry(consultation);
        if (entry.State != EntityState.Added && entry.Property(c => c.Slug).OriginalValue is { Length: > 0 } original && original != consultation.Slug)
        {
            db.RecordChange(ConsultationSource.Name, original, now);
        }
    }

    /// <summary>
    /// The consultation and every comment shown with it (finalization publishes the responses). The comments' rows are
    /// silent: search and the page cache take each response, while someone following the consultation hears of the
    /// decision once, through the consultation's own row, not once per comment (20,000 mails for a large campaign).
    /// </summary>
    internal static async Task RecordAllAsync(PortalDb db, int consultationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FindAsync([consultationId], cancellationToken);
        if (consultation is null)
        {
            return;
        }
        RecordConsultation(db, consultation, now);
        var receipts = await db.Set<Comment>().Where(c => c.ConsultationId == consultationId && c.Status == CommentStatus.Published)
            .Select(c => c.ReceiptNumber).ToListAsync(cancellationToken);
        foreach (var receipt in receipts)
        {
            db.RecordSilentChange(CommentSource.Name, receipt, now);
        }
    }
}
