using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Hearings.Model;

namespace Portal.Hearings.Public;

/// <summary>Cancelling with the token from the confirmation frees the seat; the first on the waitlist gets it in the same transaction.</summary>
public sealed class CancelSignUp(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public async Task<Result<Registration>> HandleAsync(string code, string? token, CancellationToken cancellationToken)
    {
        code = RegistrationCodes.Normalize(code);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Result<Registration>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var registration = await db.Set<Registration>().Include(r => r.Hearing).FirstOrDefaultAsync(r => r.Code == code, cancellationToken);
            if (registration is null || !TokenMatches(registration, token))
            {
                return new Refusal(text.Translate("No registration matches this link. Use the full link from your confirmation."), Status: 404);
            }
            if (registration.Status == RegistrationStatus.Cancelled)
            {
                return new Refusal(text.Translate("This registration was already cancelled."), Status: 409);
            }
            var hearing = registration.Hearing!;
            if (hearing.State == HearingState.Cancelled)
            {
                return new Refusal(text.Translate("The hearing itself has been cancelled, so there is nothing left to cancel."), Status: 409);
            }
            var now = clock.GetUtcNow();
            if (now >= hearing.StartsUtc)
            {
                return new Refusal(text.Translate("The hearing has begun; registrations can no longer be cancelled."), Status: 409);
            }
            await HearingLock.TakeAsync(db, hearing.Id, now, cancellationToken);
            var held = registration.Status == RegistrationStatus.Confirmed;
            var changed = await db.Set<Registration>().Where(r => r.Id == registration.Id && r.Status == registration.Status)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledUtc, now), cancellationToken);
            if (changed == 0)
            {
                return new Refusal(text.Translate("This registration was already cancelled."), Status: 409);
            }
            await db.Entry(registration).ReloadAsync(cancellationToken);
            await events.PublishAsync(new RegistrationCancelled(hearing.Id, hearing.Slug, hearing.Title, Who(registration)), cancellationToken);
            if (held)
            {
                await HearingLock.FreeSeatAsync(db, hearing.Id, cancellationToken);
                // Waitlists exist for first-come hearings and, after the draw, for lotteries.
                foreach (var promoted in await HearingLock.PromoteAsync(db, hearing, now, cancellationToken))
                {
                    await events.PublishAsync(new RegistrationPromoted(hearing.Id, hearing.Slug, hearing.Title, Who(promoted)), cancellationToken);
                }
                // A freed seat changes the seats left on the cached hearing list and home page (and a published
                // participant list): the log moves every node's page generation, as a new registration row does here.
                db.RecordChange("hearings", hearing.Slug, now);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return registration;
        });
    }

    internal static Registrant Who(Registration r) => new(r.Email, r.Name, r.Code, r.CancelToken, r.Culture);

    internal static bool TokenMatches(Registration registration, string? token) =>
        !string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(registration.CancelToken));
}
