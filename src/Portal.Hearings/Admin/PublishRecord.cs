using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Admin;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;

namespace Portal.Hearings.Admin;

/// <summary>
/// After the hearing: the record (minutes or transcript) and the speakers' statements are published. Each statement
/// not yet passed on becomes a comment on the linked consultation, in the same transaction, so it is answered there.
/// </summary>
public sealed class PublishRecord(PortalDb db, TimeProvider clock, IEventPublisher events, TextCatalog text, AddHearingOpinions opinions)
{
    public sealed record Command(string Record, IReadOnlyList<HearingStatementEntry> Statements);

    public async Task<Result<Hearing>> HandleAsync(string slug, Command command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Record))
        {
            return new Refusal(text.Translate("Write the record (minutes or transcript) before publishing it."), "Record", 422);
        }
        if (command.Statements.Any(s => string.IsNullOrWhiteSpace(s.Speaker) || string.IsNullOrWhiteSpace(s.Text)))
        {
            return new Refusal(text.Translate("Every statement needs the speaker and what they said."), "Statements", 422);
        }
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
            if (hearing.State != HearingState.Published || now < hearing.StartsUtc)
            {
                return new Refusal(text.Translate("The record is published after the hearing has taken place."), Status: 409);
            }
            await HearingLock.TakeAsync(db, hearing.Id, now, cancellationToken);
            // Statements already passed on keep their receipt; new ones are added to the consultation.
            var previous = hearing.Statements;
            var statements = command.Statements.Select((s, i) =>
            {
                var kept = previous.FirstOrDefault(p => p.CommentReceipt is not null && p.Speaker == s.Speaker.Trim() && p.Text == s.Text.Trim());
                return new HearingStatementEntry(s.Speaker.Trim(), s.Affiliation?.Trim() ?? "", s.Text.Trim(), kept?.CommentReceipt);
            }).ToList();
            if (hearing.ConsultationSlug is { } consultationSlug)
            {
                var fresh = statements.Where(s => s.CommentReceipt is null).ToList();
                if (fresh.Count > 0)
                {
                    var result = await opinions.HandleAsync(consultationSlug, hearing.Slug, hearing.Title,
                        fresh.Select(s => new AddHearingOpinions.Opinion(s.Speaker, s.Affiliation, s.Text)).ToList(), cancellationToken);
                    if (!result.Succeeded)
                    {
                        return result.Refusal!;
                    }
                    var receipts = new Queue<string>(result.Value!);
                    statements = statements.Select(s => s.CommentReceipt is null ? s with { CommentReceipt = receipts.Dequeue() } : s).ToList();
                }
            }
            hearing.RecordMarkdown = command.Record.Trim();
            hearing.RecordHtml = RichText.MarkdownToSafeHtml(hearing.RecordMarkdown);
            hearing.Statements = statements;
            hearing.RecordPublishedUtc ??= now;
            hearing.ModifiedUtc = now;
            db.RecordChange("hearings", hearing.Slug, now);
            await events.PublishAsync(new HearingRecordPublished(hearing.Id, hearing.Slug, hearing.ConsultationSlug, statements.Count), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return hearing;
        });
    }
}
