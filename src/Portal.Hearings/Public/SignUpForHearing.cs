using System.Globalization;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;

namespace Portal.Hearings.Public;

/// <summary>A citizen signs up; the answer (confirmed, waitlisted or registered for the lottery) is immediate.</summary>
public static class SignUpForHearing
{
    public sealed record Command(
        string Name, string Email, string? Phone, string? Affiliation, string? Category, bool WantsToSpeak, string? StatementSummary,
        string? AccessibilityNeeds, bool ConsentToList = true, string? Honeypot = null);

    public sealed record Answer(string Code, string Status, string CancelToken, string HearingSlug);

    public sealed class Handler(GroupCommit writes)
    {
        public async Task<Result<Answer>> HandleAsync(string slug, Command command, CancellationToken cancellationToken)
        {
            command = command with
            {
                Name = PlainText.Clean(command.Name ?? ""), Email = PlainText.Clean(command.Email ?? ""), Phone = PlainText.CleanOrNull(command.Phone),
                Affiliation = PlainText.CleanOrNull(command.Affiliation), Category = PlainText.CleanOrNull(command.Category),
                StatementSummary = PlainText.CleanOrNull(command.StatementSummary), AccessibilityNeeds = PlainText.CleanOrNull(command.AccessibilityNeeds),
            };
            var email = command.Email.Trim().ToLowerInvariant();
            var culture = CultureInfo.CurrentUICulture.Name;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    // Stored with the other sign-ups arriving now, in one transaction; answered once it is committed.
                    return await writes.WriteAsync((services, ct) => services.GetRequiredService<Store>().StoreAsync(slug, command, email, culture, ct));
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    // A parallel sign-up with the same email (on another node) won the unique index; the next attempt sees it and refuses clearly.
                }
            }
        }
    }

    /// <summary>The checks and the insert, inside the group commit's transaction.</summary>
    internal sealed class Store(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
    {
        public async Task<Result<Answer>> StoreAsync(string slug, Command command, string email, string culture, CancellationToken cancellationToken)
        {
            // The window, the duplicate check, the seat and the insert share one transaction (BEGIN IMMEDIATE on SQLite);
            // the window is checked again in SQL when the hearing row is locked below.
            var hearing = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(h => h.Slug == slug && h.State != HearingState.Draft, cancellationToken);
            if (hearing is null)
            {
                return new Refusal(text.Translate("There is no hearing at this address."), Status: 404);
            }
            if (Validate(command, email, hearing) is { } invalid)
            {
                return invalid;
            }
            var now = clock.GetUtcNow();
            if (NotTakingSignUps(hearing, now) is { } notNow)
            {
                return notNow;
            }
            if (!await HearingLock.TakeForSignUpAsync(db, hearing.Id, now, cancellationToken))
            {
                // Drawn, cancelled or its window moved by a writer that committed after the read above: say which, from the row as it is now.
                var current = await db.Set<Hearing>().AsNoTracking().FirstAsync(h => h.Id == hearing.Id, cancellationToken);
                return NotTakingSignUps(current, now) ?? Closed(current);
            }
            var existing = await db.Set<Registration>().FirstOrDefaultAsync(r => r.HearingId == hearing.Id && r.Email == email, cancellationToken);
            if (existing is { Status: not RegistrationStatus.Cancelled })
            {
                return AlreadySignedUp();
            }
            var registration = existing ?? new Registration { HearingId = hearing.Id, Email = email };
            registration.Code = RegistrationCodes.New();
            registration.CancelToken = RegistrationCodes.NewToken();
            registration.Name = command.Name.Trim();
            registration.Phone = Clean(command.Phone);
            registration.Affiliation = Clean(command.Affiliation);
            // The form offers a category only where the hearing has categories; any other value would be printed, unchecked,
            // in the public draw table.
            registration.Category = hearing.Categories.Count > 0 ? Clean(command.Category) : null;
            registration.WantsToSpeak = command.WantsToSpeak;
            registration.StatementSummary = command.WantsToSpeak ? Clean(command.StatementSummary) : null;
            registration.AccessibilityNeeds = Clean(command.AccessibilityNeeds);
            registration.ConsentToList = command.ConsentToList;
            registration.Culture = culture;
            registration.CreatedUtc = now;
            registration.CancelledUtc = null;
            registration.ConfirmedUtc = null;
            registration.Rank = 0;
            if (hearing.Selection == SelectionMethod.Lottery)
            {
                registration.Status = RegistrationStatus.Registered;
            }
            else if (await HearingLock.TakeSeatAsync(db, hearing.Id, cancellationToken))
            {
                registration.Status = RegistrationStatus.Confirmed;
                registration.ConfirmedUtc = now;
            }
            else
            {
                registration.Status = RegistrationStatus.Waitlisted;
            }
            if (existing is null)
            {
                db.Add(registration);
            }
            else if (!await ReuseCancelledAsync(existing.Id, registration.Status, cancellationToken))
            {
                // Another sign-up with this email reused the cancelled row since it was read above: the seat taken for this
                // one goes back with its savepoint, and the code already sent to the other stays valid.
                return AlreadySignedUp();
            }
            var who = new Registrant(email, registration.Name, registration.Code, registration.CancelToken, culture);
            switch (registration.Status)
            {
                case RegistrationStatus.Confirmed:
                    await events.PublishAsync(new RegistrationConfirmed(hearing.Id, hearing.Slug, hearing.Title, who), cancellationToken);
                    break;
                case RegistrationStatus.Waitlisted:
                    // A reused cancelled row is already stored as waitlisted: it is not ahead of itself.
                    var ahead = await db.Set<Registration>().CountAsync(r => r.HearingId == hearing.Id && r.Status == RegistrationStatus.Waitlisted && r.Id != registration.Id, cancellationToken);
                    await events.PublishAsync(new RegistrationWaitlisted(hearing.Id, hearing.Slug, hearing.Title, who, ahead + 1), cancellationToken);
                    break;
                default:
                    await events.PublishAsync(new RegistrationReceived(hearing.Id, hearing.Slug, hearing.Title, who), cancellationToken);
                    break;
            }
            await db.SaveChangesAsync(cancellationToken);
            return new Result<Answer>(new Answer(registration.Code, Labels.Registration(registration.Status), registration.CancelToken, hearing.Slug), null);
        }

        private Refusal? NotTakingSignUps(Hearing hearing, DateTimeOffset now) => hearing.StatusAt(now) switch
        {
            HearingStatus.Announced => new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("Registration opens on {0}."),
                SiteClock.FormatDateTime(hearing.RegistrationOpensUtc)), Status: 409),
            HearingStatus.Cancelled => new Refusal(text.Translate("This hearing has been cancelled."), Status: 409),
            HearingStatus.Closed or HearingStatus.Held => Closed(hearing),
            // A node whose clock is behind the one that drew the lottery still sees the window open.
            _ when hearing.DrawnUtc is not null => Closed(hearing),
            _ => null,
        };

        private Refusal Closed(Hearing hearing) => new(string.Format(CultureInfo.CurrentCulture, text.Translate("Registration closed on {0}. Sign-ups are no longer accepted."),
            SiteClock.FormatDateTime(hearing.RegistrationClosesUtc)), Status: 409);

        /// <summary>
        /// The cancelled row was read without a lock, so only the sign-up whose UPDATE still finds it cancelled may reuse
        /// it (PostgreSQL re-checks the condition after waiting for a parallel writer); the tracked entity then writes the rest.
        /// </summary>
        private async Task<bool> ReuseCancelledAsync(long id, RegistrationStatus status, CancellationToken cancellationToken) =>
            await db.Set<Registration>().Where(r => r.Id == id && r.Status == RegistrationStatus.Cancelled)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status), cancellationToken) == 1;

        private Refusal AlreadySignedUp() => new(text.Translate("This email address is already signed up for this hearing. Use the link in the confirmation email to see or cancel that registration."), "Email", 409);

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private Refusal? Validate(Command command, string email, Hearing hearing)
        {
            if (!string.IsNullOrEmpty(command.Honeypot))
            {
                return new Refusal(text.Translate("The form could not be accepted. Leave the field marked 'leave empty' empty and send it again."), "Website", 422);
            }
            if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > 50)
            {
                return new Refusal(text.Translate("Give your name (at most 50 characters)."), "Name", 422);
            }
            if (email.Length == 0 || email.Length > 200 || !MailAddress.TryCreate(email, out _))
            {
                return new Refusal(text.Translate("An email address is required so that we can send your registration code. It is never shown."), "Email", 422);
            }
            if (command.Phone is { Length: > 0 } phone && (phone.Length > 30 || phone.Any(c => !(char.IsAsciiDigit(c) || c is '-' or ' ' or '+' or '(' or ')'))))
            {
                return new Refusal(text.Translate("The phone number may hold digits, spaces, '+', '-' and brackets only."), "Phone", 422);
            }
            if (command.Affiliation?.Trim().Length > 100)
            {
                return new Refusal(text.Translate("The organisation is at most 100 characters."), "Affiliation", 422);
            }
            if (hearing.Categories.Count > 0 && !hearing.Categories.Any(c => c.Key == command.Category?.Trim()))
            {
                return new Refusal(text.Translate("Choose the category that describes you."), "Category", 422);
            }
            if (command.WantsToSpeak && string.IsNullOrWhiteSpace(command.StatementSummary))
            {
                return new Refusal(text.Translate("To speak, give a short summary of your statement."), "StatementSummary", 422);
            }
            if (command.StatementSummary?.Trim().Length > 2000)
            {
                return new Refusal(text.Translate("The summary of your statement is at most 2,000 characters."), "StatementSummary", 422);
            }
            if (command.AccessibilityNeeds?.Trim().Length > 500)
            {
                return new Refusal(text.Translate("Accessibility needs are at most 500 characters."), "AccessibilityNeeds", 422);
            }
            return null;
        }
    }
}
