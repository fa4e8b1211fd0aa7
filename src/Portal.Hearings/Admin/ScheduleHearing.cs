using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;

namespace Portal.Hearings.Admin;

public sealed record HearingInput(
    string Title, string? Slug, string? Matters, string? LegalBasis, string? Organizer, string? ConsultationSlug,
    DateTimeOffset StartsUtc, DateTimeOffset EndsUtc, string? VenueName, string? VenueAddress, string? Directions, string? Accessibility,
    string? OnlineOption, int Seats, int SpeakerSlots, DateTimeOffset? RegistrationOpensUtc, DateTimeOffset? RegistrationClosesUtc,
    SelectionMethod Selection, IReadOnlyList<CategoryQuota>? Categories, string? SelectionRules);

/// <summary>Staff schedule a hearing, change it, and publish it. The rules run on every save.</summary>
public sealed partial class ScheduleHearing(PortalDb db, TimeProvider clock, IEventPublisher events, IOptions<HearingOptions> options, TextCatalog text)
{
    public async Task<Result<Hearing>> SaveAsync(int? id, HearingInput input, bool publish, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Result<Hearing>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            Hearing hearing;
            if (id is { } existingId)
            {
                await HearingLock.TakeAsync(db, existingId, now, cancellationToken);
                var found = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Id == existingId, cancellationToken);
                if (found is null)
                {
                    return new Refusal(text.Translate("This hearing does not exist."), Status: 404);
                }
                hearing = found;
            }
            else
            {
                hearing = new Hearing { CreatedUtc = now };
            }
            if (hearing.State == HearingState.Cancelled)
            {
                return new Refusal(text.Translate("A cancelled hearing cannot be changed. Schedule a new hearing instead."), Status: 409);
            }
            // Participants are told of a new time or place until the hearing has taken place (later edits correct the record).
            (DateTimeOffset Starts, DateTimeOffset Ends, string Venue, string Address)? before =
                hearing.State == HearingState.Published && hearing.EndsUtc > now ? When(hearing) : null;
            if (await ApplyAsync(hearing, input, now, cancellationToken) is { } refusal)
            {
                return refusal;
            }
            var rescheduled = before is not null && before != When(hearing);
            if (rescheduled)
            {
                hearing.ScheduleRevision++;
            }
            hearing.ModifiedUtc = now;
            if (hearing.Id == 0)
            {
                db.Add(hearing);
            }
            if (publish && hearing.State == HearingState.Draft)
            {
                hearing.State = HearingState.Published;
                hearing.PublishedUtc = now;
                await events.PublishAsync(new HearingPublished(hearing.Id, hearing.Slug), cancellationToken);
            }
            if (hearing.IsPublic)
            {
                HearingChanges.Record(db, hearing, now);
            }
            if (rescheduled)
            {
                // Before the promotions below, which write to the people they promote with the new time already.
                foreach (var registration in await CancelHearing.ParticipantsAsync(db, hearing.Id, cancellationToken))
                {
                    await events.PublishAsync(new HearingRescheduled(hearing.Id, hearing.Slug, hearing.Title, Public.CancelSignUp.Who(registration), hearing.ScheduleRevision), cancellationToken);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            if (hearing.Selection == SelectionMethod.FirstCome || hearing.DrawnUtc is not null)
            {
                // More seats than before: the waitlist moves up at once.
                foreach (var promoted in await HearingLock.PromoteAsync(db, hearing, now, cancellationToken))
                {
                    await events.PublishAsync(new RegistrationPromoted(hearing.Id, hearing.Slug, hearing.Title, Public.CancelSignUp.Who(promoted)), cancellationToken);
                }
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            await db.Entry(hearing).ReloadAsync(cancellationToken);
            return hearing;
        });
    }

    private async Task<Refusal?> ApplyAsync(Hearing hearing, HearingInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string F(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, text.Translate(key), args);
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 300)
        {
            return new Refusal(text.Translate("Give the hearing a title (at most 300 characters)."), "Title", 422);
        }
        var slug = string.IsNullOrWhiteSpace(input.Slug)
            ? hearing.Slug.Length > 0 ? hearing.Slug : $"hearing-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"
            : input.Slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug) || slug.Length > 120)
        {
            return new Refusal(text.Translate("The address name may hold lowercase letters, digits and '-' only."), "Slug", 422);
        }
        if (hearing.IsPublic && slug != hearing.Slug)
        {
            return new Refusal(text.Translate("A published hearing keeps its address."), "Slug", 409);
        }
        if (await db.Set<Hearing>().AnyAsync(h => h.Slug == slug && h.Id != hearing.Id, cancellationToken))
        {
            return new Refusal(text.Translate("Another hearing already uses this address name."), "Slug", 409);
        }
        foreach (var (field, value) in new[] { ("StartsUtc", (DateTimeOffset?)input.StartsUtc), ("EndsUtc", input.EndsUtc), ("RegistrationOpensUtc", input.RegistrationOpensUtc), ("RegistrationClosesUtc", input.RegistrationClosesUtc) })
        {
            if (value is { } date && !SiteClock.IsPlausible(date))
            {
                return new Refusal(text.Translate(SiteClock.ImplausibleDate), field, 422);
            }
        }
        if (input.EndsUtc <= input.StartsUtc)
        {
            return new Refusal(text.Translate("The hearing must end after it starts."), "EndsUtc", 422);
        }
        if (input.Seats is < 1 or > 100_000)
        {
            return new Refusal(text.Translate("Seats must be a number from 1 to 100,000."), "Seats", 422);
        }
        if (input.SpeakerSlots < 0 || input.SpeakerSlots > input.Seats)
        {
            return new Refusal(text.Translate("Speaker slots must be between 0 and the number of seats."), "SpeakerSlots", 422);
        }
        var days = options.Value.RegistrationClosesDaysBefore;
        var latestClose = input.StartsUtc.AddDays(-days);
        var closes = input.RegistrationClosesUtc ?? latestClose;
        var opens = input.RegistrationOpensUtc ?? (hearing.Id == 0 ? now : hearing.RegistrationOpensUtc);
        if (closes > latestClose)
        {
            return new Refusal(F("Registration must close at least {0} days before the hearing starts, so that the participant list and the materials can go out in time: at the latest {1}.",
                days, SiteClock.FormatDateTime(latestClose)), "RegistrationClosesUtc", 422);
        }
        if (opens >= closes)
        {
            return new Refusal(text.Translate("Registration must open before it closes."), "RegistrationOpensUtc", 422);
        }
        var categories = (input.Categories ?? []).Where(c => !string.IsNullOrWhiteSpace(c.Key)).Select(c => c with { Key = c.Key.Trim(), Label = c.Label.Trim() }).ToList();
        if (categories.Any(c => c.Seats < 0) || categories.Sum(c => c.Seats) > input.Seats || categories.Select(c => c.Key).Distinct().Count() != categories.Count)
        {
            return new Refusal(text.Translate("Category quotas must be distinct, not negative, and add up to no more than the seats."), "Categories", 422);
        }
        if (categories.Any(c => c.Key.Length > 40))
        {
            // Each registration stores the key it chose (40 characters at most).
            return new Refusal(text.Translate("A category key is at most 40 characters."), "Categories", 422);
        }
        var consultation = string.IsNullOrWhiteSpace(input.ConsultationSlug) ? null : input.ConsultationSlug.Trim();
        if (consultation is not null && !await db.Set<Consultation>().AnyAsync(c => c.Slug == consultation, cancellationToken))
        {
            return new Refusal(F("There is no consultation '{0}'.", consultation), "ConsultationSlug", 422);
        }
        if (hearing.IsPublic)
        {
            if (input.Seats < hearing.SeatsTaken)
            {
                return new Refusal(F("{0} seats are already confirmed; the hearing cannot have fewer seats.", hearing.SeatsTaken), "Seats", 409);
            }
            if (input.Selection != hearing.Selection && hearing.RegistrationOpensUtc <= now)
            {
                return new Refusal(text.Translate("The selection method was published before registration opened and cannot change now."), "Selection", 409);
            }
        }
        hearing.Slug = slug;
        hearing.Title = input.Title.Trim();
        hearing.Matters = input.Matters?.Trim() ?? "";
        hearing.MattersHtml = RichText.MarkdownToSafeHtml(hearing.Matters);
        hearing.LegalBasis = input.LegalBasis?.Trim() ?? "";
        hearing.Organizer = input.Organizer?.Trim() ?? "";
        hearing.ConsultationSlug = consultation;
        hearing.StartsUtc = input.StartsUtc;
        hearing.EndsUtc = input.EndsUtc;
        hearing.VenueName = input.VenueName?.Trim() ?? "";
        hearing.VenueAddress = input.VenueAddress?.Trim() ?? "";
        hearing.Directions = input.Directions?.Trim() ?? "";
        hearing.Accessibility = input.Accessibility?.Trim() ?? "";
        hearing.OnlineOption = input.OnlineOption?.Trim() ?? "";
        hearing.Seats = input.Seats;
        hearing.SpeakerSlots = input.SpeakerSlots;
        hearing.RegistrationOpensUtc = opens;
        hearing.RegistrationClosesUtc = closes;
        hearing.Selection = input.Selection;
        hearing.Categories = categories;
        hearing.SelectionRules = input.SelectionRules?.Trim() ?? "";
        return null;
    }

    /// <summary>What a participant plans around: a change to any of it is written to them.</summary>
    private static (DateTimeOffset Starts, DateTimeOffset Ends, string Venue, string Address) When(Hearing h) => (h.StartsUtc, h.EndsUtc, h.VenueName, h.VenueAddress);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
