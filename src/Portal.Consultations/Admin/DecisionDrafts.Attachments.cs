using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Consultations.Admin;

/// <summary>
/// A draft's attachments (explanatory notes, the legal basis, impact assessments). Before publication they change
/// freely; once the draft is public, adding or removing one is a correction: it needs a change note and becomes a
/// new public version, so nothing about the draft changes silently.
/// </summary>
public sealed partial class DecisionDrafts
{
    public const string AttachmentKind = "consultation";

    public static IQueryable<Attachment> AttachmentsOf(PortalDb db, int consultationId) =>
        db.Set<Attachment>().Where(a => a.OwnerKind == AttachmentKind && a.OwnerId == consultationId);

    public async Task<Result<Attachment>> AddAttachmentAsync(
        int id, IFormFile? file, string? title, string? changeNote, string author, AttachmentStore store, CancellationToken cancellationToken)
    {
        if (await LoadForAttachmentAsync(id, cancellationToken) is not { } consultation)
        {
            return NotFound();
        }
        if (AttachmentNoteMissing(consultation, changeNote) is { } refusal)
        {
            return refusal;
        }
        if (title?.Trim().Length > 200)
        {
            return new Refusal(text.Translate("The attachment's title is at most 200 characters."), "AttachmentTitle", 422);
        }
        var (attachment, error) = await store.CreateAsync(file, title, cancellationToken);
        if (attachment is null)
        {
            return new Refusal(text.Translate(error!), "AttachmentFile", 422);
        }
        attachment.OwnerKind = AttachmentKind;
        attachment.OwnerId = consultation.Id;
        attachment.Order = await AttachmentsOf(db, consultation.Id).CountAsync(cancellationToken);
        db.Add(attachment);
        await RecordAttachmentChangeAsync(consultation, changeNote, author, cancellationToken);
        return attachment;
    }

    public async Task<Result<Attachment>> RemoveAttachmentAsync(int id, int attachmentId, string? changeNote, string author, CancellationToken cancellationToken)
    {
        if (await LoadForAttachmentAsync(id, cancellationToken) is not { } consultation
            || await AttachmentsOf(db, id).FirstOrDefaultAsync(a => a.Id == attachmentId, cancellationToken) is not { } attachment)
        {
            return NotFound();
        }
        if (AttachmentNoteMissing(consultation, changeNote) is { } refusal)
        {
            return refusal;
        }
        db.Remove(attachment);
        await RecordAttachmentChangeAsync(consultation, changeNote, author, cancellationToken);
        return attachment;
    }

    private Task<Consultation?> LoadForAttachmentAsync(int id, CancellationToken cancellationToken) =>
        db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    private Refusal? AttachmentNoteMissing(Consultation consultation, string? changeNote)
    {
        if (consultation.State is not (ConsultationState.Draft or ConsultationState.Published))
        {
            return new Refusal(text.Translate("The decision is final; its attachments can no longer change."), Status: 409);
        }
        if (consultation.State == ConsultationState.Published && string.IsNullOrWhiteSpace(changeNote))
        {
            return new Refusal(text.Translate("The draft is public: say in a change note why the attachments change. The note is shown with the new version."), "ChangeNote", 422);
        }
        if (changeNote?.Trim().Length > 500)
        {
            return new Refusal(text.Translate("The change note is at most 500 characters."), "ChangeNote", 422);
        }
        return null;
    }

    private async Task RecordAttachmentChangeAsync(Consultation consultation, string? changeNote, string author, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        consultation.ModifiedUtc = now;
        if (consultation.State == ConsultationState.Published)
        {
            AddVersion(consultation, changeNote!.Trim(), author, now);
            await events.PublishAsync(new DecisionPublished(consultation.Id, consultation.Slug, consultation.VersionCount), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A draft's attachments are public from the moment the draft is published.</summary>
internal sealed class ConsultationAttachmentOwner(PortalDb db) : IAttachmentOwner
{
    public string Kind => DecisionDrafts.AttachmentKind;

    public Task<bool> IsPublicAsync(int ownerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Set<Consultation>().AnyAsync(c => c.Id == ownerId && c.State != ConsultationState.Draft, cancellationToken);
}
