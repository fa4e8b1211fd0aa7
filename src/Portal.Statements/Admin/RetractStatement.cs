using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Statements.Model;

namespace Portal.Statements.Admin;

/// <summary>
/// Withdraws a released statement in public. Nothing is deleted: the address keeps answering with a tombstone that
/// gives the date and the reason, and the revisions stay in the database for the record.
/// </summary>
public sealed class RetractStatement(PortalDb db, TimeProvider clock, TextCatalog text, IEventPublisher events)
{
    public async Task<Result<Statement>> HandleAsync(int id, string reason, string author, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return DraftStatement.NotFound(text);
        }
        var now = clock.GetUtcNow();
        if (statement.State == StatementState.Retracted)
        {
            return new Refusal(text.Translate("This statement is already retracted."), Status: 409);
        }
        if (!statement.IsPublicAt(now))
        {
            return new Refusal(text.Translate("Only a released statement can be retracted. Before its release, cancel the schedule instead."), Status: 409);
        }
        var why = reason?.Trim() ?? "";
        if (why.Length == 0 || why.Length > 1000)
        {
            return new Refusal(text.Translate("Give the reason for the retraction (at most 1,000 characters); it is shown in public."), "Reason", 422);
        }
        statement.State = StatementState.Retracted;
        statement.RetractedUtc = now;
        statement.RetractionReason = why;
        statement.ModifiedUtc = now;
        db.RecordChange(StatementsSource.Name, statement.Slug, now);
        await events.PublishAsync(new StatementRetracted(statement.Id, statement.Slug, why), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return statement;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(text.Translate("Someone else changed this statement at the same moment. Reload it and try again."), Status: 409);
        }
    }
}
