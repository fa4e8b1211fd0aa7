using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Disclosure.Model;
using Portal.Hearings.Model;
using Portal.Hearings.Public;

namespace Portal.Hearings.Admin;

/// <summary>Before and on the day: publish the participant list, release materials, check participants in.</summary>
public sealed class HearingParticipants(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text, AttachmentStore store)
{
    public async Task<Result<Hearing>> PublishListAsync(int hearingId, CancellationToken cancellationToken)
    {
        var hearing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Id == hearingId, cancellationToken);
        if (hearing is null)
        {
            return new Refusal(text.Translate("This hearing does not exist."), Status: 404);
        }
        var now = clock.GetUtcNow();
        if (hearing.Selection == SelectionMethod.Lottery && hearing.DrawnUtc is null)
        {
            return new Refusal(text.Translate("Draw the lottery before publishing the participant list."), Status: 409);
        }
        if (now < hearing.RegistrationClosesUtc)
        {
            return new Refusal(text.Translate("The participant list is published after registration closes."), Status: 409);
        }
        hearing.ParticipantsPublishedUtc = now;
        hearing.ModifiedUtc = now;
        db.RecordChange("hearings", hearing.Slug, now);
        await db.SaveChangesAsync(cancellationToken);
        return hearing;
    }

    /// <summary>Stores the file and adds it to the hearing's materials (not yet released).</summary>
    public async Task<Result<Hearing>> AddMaterialAsync(int hearingId, Stream content, string fileName, string? title, CancellationToken cancellationToken)
    {
        var hearing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Id == hearingId, cancellationToken);
        if (hearing is null)
        {
            return new Refusal(text.Translate("This hearing does not exist."), Status: 404);
        }
        var (stored, error) = await store.SaveAsync(content, fileName, cancellationToken);
        if (stored is null)
        {
            return new Refusal(text.Translate(error ?? "The file could not be stored."), "File", 422);
        }
        var name = Path.GetFileName(fileName);
        hearing.Materials = [.. hearing.Materials, new HearingMaterial(string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(name) : title.Trim(),
            name, stored.StoredName, stored.ContentType, stored.Size)];
        hearing.ModifiedUtc = clock.GetUtcNow();
        if (hearing.MaterialsReleasedUtc is not null)
        {
            db.RecordChange("hearings", hearing.Slug, hearing.ModifiedUtc);
        }
        await db.SaveChangesAsync(cancellationToken);
        return hearing;
    }

    /// <summary>Publishes the materials and tells every confirmed participant (one event each; Notifications sends the mail).</summary>
    public async Task<Result<int>> ReleaseMaterialsAsync(int hearingId, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Result<int>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var hearing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Id == hearingId, cancellationToken);
            if (hearing is null)
            {
                return new Refusal(text.Translate("This hearing does not exist."), Status: 404);
            }
            if (hearing.Materials.Count == 0)
            {
                return new Refusal(text.Translate("Upload the materials first."), Status: 409);
            }
            var now = clock.GetUtcNow();
            await HearingLock.TakeAsync(db, hearing.Id, now, cancellationToken);
            var participants = await db.Set<Registration>().AsNoTracking()
                .Where(r => r.HearingId == hearing.Id && r.Status == RegistrationStatus.Confirmed).ToListAsync(cancellationToken);
            foreach (var r in participants)
            {
                await events.PublishAsync(new HearingMaterialsReleased(hearing.Id, hearing.Slug, hearing.Title, CancelSignUp.Who(r), $"/hearings/{hearing.Slug}#materials"), cancellationToken);
            }
            hearing.MaterialsReleasedUtc = now;
            db.RecordChange("hearings", hearing.Slug, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return participants.Count;
        });
    }

    /// <summary>Marks a participant as attended (or undoes it) by registration code.</summary>
    public async Task<Result<Registration>> CheckInAsync(int hearingId, string code, bool attended, CancellationToken cancellationToken)
    {
        code = RegistrationCodes.Normalize(code);
        var registration = await db.Set<Registration>().FirstOrDefaultAsync(r => r.HearingId == hearingId && r.Code == code, cancellationToken);
        if (registration is null)
        {
            return new Refusal(text.Translate("No registration for this hearing has this code."), "Code", 404);
        }
        if (registration.Status != RegistrationStatus.Confirmed)
        {
            return new Refusal(text.Translate("This registration has no confirmed seat."), "Code", 409);
        }
        registration.AttendedUtc = attended ? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(cancellationToken);
        return registration;
    }
}
