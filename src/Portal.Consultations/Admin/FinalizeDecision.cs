using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;

namespace Portal.Consultations.Admin;

public enum DecisionOutcome
{
    Adopted,
    Rejected,
    Withdrawn,
}

/// <summary>
/// The gate of the cycle: a decision is adopted or rejected only after the close and only when every published
/// comment has a response. Withdrawal is possible at any time, with a reason. Finalizing publishes every response.
/// </summary>
public sealed class FinalizeDecision(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text)
{
    public sealed record Command(DecisionOutcome Outcome, IReadOnlyList<string>? FinalArticles, string? Reason);

    public async Task<Result<Consultation>> HandleAsync(string slug, Command command, string officer, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(command.Outcome))
        {
            return new Refusal(text.Translate("Choose the outcome: adopted, rejected or withdrawn."), "Outcome", 422);
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync<Result<Consultation>>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var consultation = await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
            if (consultation is null)
            {
                return new Refusal(text.Translate("This consultation does not exist."), Status: 404);
            }
            if (consultation.State != ConsultationState.Published)
            {
                return new Refusal(text.Translate("This decision is not an open draft: it is either unpublished or already final."), Status: 409);
            }
            var reason = command.Reason?.Trim() ?? "";
            var now = clock.GetUtcNow();
            if (!await DecisionLock.TakeAsync(db, consultation.Id, now, cancellationToken))
            {
                return new Refusal(text.Translate("This decision is not an open draft: it is either unpublished or already final."), Status: 409);
            }
            if (command.Outcome != DecisionOutcome.Withdrawn)
            {
                if (consultation.StatusAt(now) != ConsultationStatus.Closed)
                {
                    return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture,
                        text.Translate("The comment period closes on {0}; a decision can be made only after that."),
                        Portal.Core.Text.SiteClock.FormatDateTime(consultation.ClosesUtc)), Status: 409);
                }
                var unanswered = await db.Set<Comment>().CountAsync(c => c.ConsultationId == consultation.Id
                    && c.Status == CommentStatus.Published && c.Disposition == Disposition.None, cancellationToken);
                var pending = await db.Set<Comment>().CountAsync(c => c.ConsultationId == consultation.Id && c.Status == CommentStatus.Pending, cancellationToken);
                if (unanswered > 0 || pending > 0)
                {
                    // Plain words: the finalize screen puts its links to the comments under the message.
                    return new Refusal(string.Format(System.Globalization.CultureInfo.CurrentCulture, pending == 0
                        ? text.Translate("Comments without a response: {0}. Answer every published comment, then finalize the decision.")
                        : text.Translate("Comments without a response: {0}; awaiting moderation: {1}. Moderate the waiting comments and answer every published one, then finalize the decision."),
                        unanswered, pending), "Comments", 409);
                }
            }
            if (reason.Length > 4000)
            {
                return new Refusal(text.Translate("The reason is at most 4,000 characters."), "Reason", 422);
            }
            if (command.Outcome != DecisionOutcome.Adopted && reason.Length == 0)
            {
                return new Refusal(text.Translate("Give the reason for rejecting or withdrawing the decision; the public will read it."), "Reason", 422);
            }
            var final = command.FinalArticles?.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
            if (command.Outcome == DecisionOutcome.Adopted && final is { Count: 0 })
            {
                return new Refusal(text.Translate("The adopted text needs at least one article."), "FinalArticles", 422);
            }
            consultation.State = command.Outcome switch
            {
                DecisionOutcome.Adopted => ConsultationState.Adopted,
                DecisionOutcome.Rejected => ConsultationState.Rejected,
                DecisionOutcome.Withdrawn => ConsultationState.Withdrawn,
                _ => throw new UnreachableException(),
            };
            consultation.FinalArticles = command.Outcome == DecisionOutcome.Adopted
                ? final is null ? consultation.Articles.ToList() : DecisionDrafts.ToArticles(final)
                : [];
            consultation.OutcomeReason = reason;
            consultation.FinalizedUtc = now;
            consultation.FinalizedBy = officer;
            consultation.ModifiedUtc = now;
            await events.PublishAsync(new DecisionFinalized(consultation.Id, consultation.Slug, command.Outcome.ToString().ToLowerInvariant()), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result<Consultation>(consultation, null);
        });
    }
}
