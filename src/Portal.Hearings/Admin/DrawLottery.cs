using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;
using Portal.Hearings.Public;

namespace Portal.Hearings.Admin;

/// <summary>
/// The public draw after registration closes. The seed phrase is published with the result; everything the draw
/// used (the codes, their categories, the seats and quotas) is on the hearing page, so anyone can recompute it.
/// </summary>
public sealed class DrawLottery(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public async Task<Result<Hearing>> HandleAsync(string slug, string? seedPhrase, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Result<Hearing>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var hearing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Slug == slug, cancellationToken);
            if (hearing is null)
            {
                return new Refusal(text.Translate("This hearing does not exist."), Status: 404);
            }
            var now = clock.GetUtcNow();
            await HearingLock.TakeAsync(db, hearing.Id, now, cancellationToken);
            await db.Entry(hearing).ReloadAsync(cancellationToken);
            if (hearing.Selection != SelectionMethod.Lottery || hearing.State != HearingState.Published)
            {
                return new Refusal(text.Translate("Only a published lottery hearing can be drawn."), Status: 409);
            }
            if (hearing.DrawnUtc is not null)
            {
                return new Refusal(text.Translate("The lottery has already been drawn; its result is published."), Status: 409);
            }
            if (now < hearing.RegistrationClosesUtc)
            {
                return new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("Registration closes on {0}; the lottery is drawn after that."),
                    SiteClock.FormatDateTime(hearing.RegistrationClosesUtc)), Status: 409);
            }
            var registered = await db.Set<Registration>()
                .Where(r => r.HearingId == hearing.Id && r.Status == RegistrationStatus.Registered).ToListAsync(cancellationToken);
            var phrase = string.IsNullOrWhiteSpace(seedPhrase)
                ? $"{hearing.Slug} {SiteClock.FormatDateTime(now)} {registered.Count}"
                : seedPhrase.Trim();
            if (phrase.Length > 400)
            {
                return new Refusal(text.Translate("The seed phrase is at most 400 characters."), "SeedPhrase", 422);
            }
            var seed = Lottery.Seed(phrase);
            var outcome = Lottery.Draw(seed, registered.Select(r => new Lottery.Entry(r.Code, r.Category)), hearing.Seats, hearing.Categories)
                .ToDictionary(o => o.Code);
            var confirmed = 0;
            foreach (var r in registered)
            {
                var o = outcome[r.Code];
                r.Rank = o.Rank;
                r.Status = o.Selected ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
                r.ConfirmedUtc = o.Selected ? now : null;
                confirmed += o.Selected ? 1 : 0;
                await events.PublishAsync(new LotteryDrawn(hearing.Id, hearing.Slug, hearing.Title, CancelSignUp.Who(r), Labels.Registration(r.Status), seed), cancellationToken);
            }
            hearing.SeatsTaken = confirmed;
            hearing.LotterySeedPhrase = phrase;
            hearing.LotterySeed = seed;
            hearing.DrawnUtc = now;
            db.RecordChange("hearings", hearing.Slug, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return hearing;
        });
    }
}
