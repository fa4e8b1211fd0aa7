using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;

namespace Portal.Consultations.Admin;

public sealed record DraftInput(
    string Title, string? Slug, string? Summary, string? Department, DecisionKind Kind, string? ShortPeriodReason, string? Contact,
    DateTimeOffset OpensUtc, DateTimeOffset ClosesUtc, DateOnly PlannedAdoptionDate, IReadOnlyList<string> Articles);

/// <summary>
/// Writing a decision draft, publishing it (which opens the period on its date), and correcting it in public.
/// The period rules run on every one of these.
/// </summary>
public sealed partial class DecisionDrafts(PortalDb db, TimeProvider clock, IOptions<ConsultationOptions> options, TextCatalog text, IEventPublisher events)
{
    public async Task<Result<Consultation>> SaveAsync(int? id, DraftInput input, CancellationToken cancellationToken)
    {
        var consultation = id is null ? null : await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (id is not null && consultation is null)
        {
            return NotFound();
        }
        if (consultation is { State: not ConsultationState.Draft })
        {
            return new Refusal(text.Translate("This draft is published. Publish a correction with a change note instead."), Status: 409);
        }
        var now = clock.GetUtcNow();
        if (consultation is null)
        {
            consultation = new Consultation { CreatedUtc = now, State = ConsultationState.Draft };
            db.Add(consultation);
        }
        if (await ApplyAsync(consultation, input, checkPeriod: false, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        await db.SaveChangesAsync(cancellationToken);
        return consultation;
    }

    public async Task<Result<Consultation>> PublishAsync(int id, string author, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }
        if (consultation.State != ConsultationState.Draft)
        {
            return new Refusal(text.Translate("This draft is already published."), Status: 409);
        }
        if (consultation.Articles.Count == 0)
        {
            return new Refusal(text.Translate("A draft needs at least one article before it is published."), "Articles", 422);
        }
        if (PeriodRules.Check(consultation.Kind, consultation.OpensUtc, consultation.ClosesUtc, consultation.PlannedAdoptionDate, consultation.ShortPeriodReason, options.Value, text) is { } refusal)
        {
            return refusal;
        }
        var now = clock.GetUtcNow();
        if (consultation.OpensUtc < now.AddMinutes(-5))
        {
            return new Refusal(text.Translate("The opening has already passed, so the public would get a shorter period than announced. Set the opening to now or later."), "OpensUtc", 422);
        }
        if (consultation.ClosesUtc <= now)
        {
            return new Refusal(text.Translate("The comment period would already be over. Choose a close in the future."), "ClosesUtc", 422);
        }
        consultation.State = ConsultationState.Published;
        consultation.PublishedUtc = now;
        AddVersion(consultation, text.Translate("First publication"), author, now);
        await events.PublishAsync(new DecisionPublished(consultation.Id, consultation.Slug, consultation.VersionCount), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return consultation;
    }

    /// <summary>A public correction: a new version with a note; the period rules still hold for the new dates.</summary>
    public async Task<Result<Consultation>> CorrectAsync(int id, DraftInput input, string changeNote, string author, CancellationToken cancellationToken)
    {
        var consultation = await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null)
        {
            return NotFound();
        }
        if (consultation.State != ConsultationState.Published)
        {
            return new Refusal(text.Translate("Only a published draft that is not yet decided can be corrected."), Status: 409);
        }
        if (string.IsNullOrWhiteSpace(changeNote) || changeNote.Length > 500)
        {
            return new Refusal(text.Translate("Say what the correction changes (at most 500 characters); the note is public."), "ChangeNote", 422);
        }
        var now = clock.GetUtcNow();
        if (consultation.StatusAt(now) == ConsultationStatus.Closed)
        {
            return new Refusal(text.Translate("The comment period has closed; the draft can no longer be corrected. Changes go into the final text when the decision is made."), Status: 409);
        }
        if (input.ClosesUtc <= now)
        {
            return new Refusal(text.Translate("A correction cannot move the close into the past."), "ClosesUtc", 422);
        }
        if (consultation.StatusAt(now) == ConsultationStatus.Open && input.OpensUtc != consultation.OpensUtc)
        {
            return new Refusal(text.Translate("The period is open; its opening cannot move any more."), "OpensUtc", 422);
        }
        var remaining = Clean(input.Articles).Count;
        if (remaining < consultation.Articles.Count && await db.Set<Comment>().AnyAsync(c => c.ConsultationId == id && c.ArticleNumber > remaining, cancellationToken))
        {
            return new Refusal(text.Translate("Comments refer to articles this correction would remove. Keep the numbering and mark the article as deleted instead."), "Articles", 422);
        }
        if (await ApplyAsync(consultation, input, checkPeriod: true, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        AddVersion(consultation, changeNote.Trim(), author, now);
        await events.PublishAsync(new DecisionPublished(consultation.Id, consultation.Slug, consultation.VersionCount), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return consultation;
    }

    private void AddVersion(Consultation consultation, string note, string author, DateTimeOffset now)
    {
        consultation.VersionCount++;
        db.Add(new ConsultationVersion
        {
            ConsultationId = consultation.Id,
            Number = consultation.VersionCount,
            Title = consultation.Title,
            Articles = consultation.Articles.ToList(),
            ChangeNote = note,
            Author = author,
            PublishedUtc = now,
        });
    }

    private async Task<Refusal?> ApplyAsync(Consultation consultation, DraftInput input, bool checkPeriod, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 300)
        {
            return new Refusal(text.Translate("A title is required (at most 300 characters)."), "Title", 422);
        }
        if (input.Summary?.Length > 2000 || input.Department?.Length > 200 || input.ShortPeriodReason?.Length > 1000 || input.Contact?.Length > 1000)
        {
            return new Refusal(text.Translate("Summary up to 2,000 characters; department up to 200; reason for a short period and contact up to 1,000 each."), "Summary", 422);
        }
        var articles = Clean(input.Articles);
        if (articles.Count > 500 || articles.Any(a => a.Length > 20_000))
        {
            return new Refusal(text.Translate("A draft holds at most 500 articles of at most 20,000 characters each."), "Articles", 422);
        }
        foreach (var (field, plausible) in new[] { ("OpensUtc", SiteClock.IsPlausible(input.OpensUtc)), ("ClosesUtc", SiteClock.IsPlausible(input.ClosesUtc)), ("PlannedAdoptionDate", SiteClock.IsPlausible(input.PlannedAdoptionDate)) })
        {
            if (!plausible)
            {
                return new Refusal(text.Translate(SiteClock.ImplausibleDate), field, 422);
            }
        }
        if (checkPeriod && PeriodRules.Check(input.Kind, input.OpensUtc, input.ClosesUtc, input.PlannedAdoptionDate, input.ShortPeriodReason, options.Value, text) is { } period)
        {
            return period;
        }
        var now = clock.GetUtcNow();
        var slug = string.IsNullOrWhiteSpace(input.Slug)
            ? consultation.Slug.Length > 0 ? consultation.Slug : $"decision-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"
            : input.Slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug) || slug.Length > 120)
        {
            return new Refusal(text.Translate("The address name may hold lowercase letters, digits and '-' only."), "Slug", 422);
        }
        if (await db.Set<Consultation>().AnyAsync(c => c.Slug == slug && c.Id != consultation.Id, cancellationToken))
        {
            return new Refusal(text.Translate("Another consultation already uses this address name."), "Slug", 409);
        }
        consultation.Slug = slug;
        consultation.Title = input.Title.Trim();
        consultation.Summary = input.Summary?.Trim() ?? "";
        consultation.Department = input.Department?.Trim() ?? "";
        consultation.Kind = input.Kind;
        consultation.ShortPeriodReason = input.ShortPeriodReason?.Trim() ?? "";
        consultation.Contact = input.Contact?.Trim() ?? "";
        consultation.OpensUtc = input.OpensUtc.ToUniversalTime();
        consultation.ClosesUtc = input.ClosesUtc.ToUniversalTime();
        consultation.PlannedAdoptionDate = input.PlannedAdoptionDate;
        consultation.Articles = ToArticles(articles);
        consultation.ModifiedUtc = now;
        return null;
    }

    internal static List<string> Clean(IEnumerable<string> articles) => articles.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();

    public static List<DraftArticle> ToArticles(IEnumerable<string> markdown) =>
        markdown.Select((m, i) => new DraftArticle(i + 1, m, RichText.MarkdownToSafeHtml(m))).ToList();

    private Refusal NotFound() => new(text.Translate("This consultation does not exist."), Status: 404);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
