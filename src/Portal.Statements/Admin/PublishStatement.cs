using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Statements.Model;

namespace Portal.Statements.Admin;

/// <summary>
/// Release: schedule for an exact instant (the embargo), publish at once, or cancel a schedule. Only holders of
/// <see cref="StatementsPermissions.Publish"/> reach these; the screens and the API both call this class.
/// </summary>
public sealed class PublishStatement(PortalDb db, TimeProvider clock, TextCatalog text, IEventPublisher events, StatementSchedule schedule)
{
    public async Task<Result<Statement>> ScheduleAsync(int id, DateTimeOffset publishUtc, string publisher, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!SiteClock.IsPlausible(publishUtc))
        {
            return new Refusal(text.Translate(SiteClock.ImplausibleDate), "PublishUtc", 422);
        }
        if (publishUtc <= now)
        {
            return new Refusal(text.Translate("The release time has already passed. Choose a time in the future, or publish now."), "PublishUtc", 422);
        }
        return await ReleaseAsync(id, publishUtc.ToUniversalTime(), publisher, now, cancellationToken);
    }

    public async Task<Result<Statement>> PublishNowAsync(int id, string publisher, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await ReleaseAsync(id, now, publisher, now, cancellationToken);
    }

    /// <summary>Takes a scheduled statement back to draft before its time; the unreleased version is discarded.</summary>
    public async Task<Result<Statement>> UnscheduleAsync(int id, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().Include(s => s.Revisions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return DraftStatement.NotFound(text);
        }
        var now = clock.GetUtcNow();
        if (statement.State != StatementState.Scheduled || statement.PublishUtc <= now)
        {
            return new Refusal(text.Translate("Only a statement whose release time has not come can be taken back."), Status: 409);
        }
        statement.State = StatementState.Draft;
        statement.PublishUtc = null;
        statement.RevisionCount = 0;
        statement.ModifiedUtc = now;
        db.RemoveRange(statement.Revisions);
        db.RecordChange(StatementsSource.Name, statement.Slug, now);
        return await SaveAsync(statement, cancellationToken);
    }

    private async Task<Result<Statement>> ReleaseAsync(int id, DateTimeOffset publishUtc, string publisher, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return DraftStatement.NotFound(text);
        }
        if (statement.State == StatementState.InReview)
        {
            return new Refusal(text.Translate("This statement is waiting for review. Approve it or return it to draft first."), Status: 409);
        }
        if (statement.State is not (StatementState.Draft or StatementState.Approved))
        {
            return new Refusal(text.Translate("This statement is already scheduled or public."), Status: 409);
        }
        if (StatementText.CheckBody(statement.BodyMarkdown, text) is { } body)
        {
            return body;
        }
        var immediate = publishUtc <= now;
        statement.State = immediate ? StatementState.Published : StatementState.Scheduled;
        statement.PublishUtc = publishUtc;
        statement.PublishedBy = publisher;
        statement.RevisionCount = 1;
        statement.ModifiedUtc = now;
        db.Add(new StatementRevision
        {
            StatementId = statement.Id,
            Number = 1,
            Title = statement.Title,
            Summary = statement.Summary,
            BodyMarkdown = statement.BodyMarkdown,
            BodySanitizedHtml = statement.BodySanitizedHtml,
            Questions = statement.Questions.ToList(),
            Note = text.Translate("First release"),
            Author = publisher,
            PublishedUtc = publishUtc,
        });
        db.RecordChange(StatementsSource.Name, statement.Slug, now, dueUtc: publishUtc);
        if (immediate)
        {
            await events.PublishAsync(new StatementPublished(statement.Id, statement.Slug, publishUtc), cancellationToken);
        }
        else
        {
            await events.PublishAsync(new StatementScheduled(statement.Id, statement.Slug, publishUtc), cancellationToken);
        }
        var result = await SaveAsync(statement, cancellationToken);
        if (result.Succeeded && !immediate)
        {
            schedule.Changed();
        }
        return result;
    }

    /// <summary>
    /// Flips every scheduled statement whose time has come to published, one row at a time with a conditional
    /// update, so two nodes running the publisher never raise the event twice. Returns the next release time.
    /// </summary>
    internal async Task<DateTimeOffset?> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<Statement>().AsNoTracking()
            .Where(s => s.State == StatementState.Scheduled && s.PublishUtc <= now)
            .Select(s => new { s.Id, s.Slug, s.PublishUtc }).ToListAsync(cancellationToken);
        foreach (var item in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var flipped = await db.Set<Statement>().Where(s => s.Id == item.Id && s.State == StatementState.Scheduled)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, StatementState.Published).SetProperty(s => s.ModifiedUtc, now), cancellationToken);
            if (flipped == 1)
            {
                await events.PublishAsync(new StatementPublished(item.Id, item.Slug, item.PublishUtc!.Value), cancellationToken);
                db.RecordChange(StatementsSource.Name, item.Slug, now);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return await db.Set<Statement>().AsNoTracking()
            .Where(s => s.State == StatementState.Scheduled && s.PublishUtc > now)
            .OrderBy(s => s.PublishUtc).Select(s => s.PublishUtc).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<Result<Statement>> SaveAsync(Statement statement, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return statement;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Refusal(text.Translate("Someone else changed this statement at the same moment. Reload it and try again."), Status: 409);
        }
        catch (DbUpdateException)
        {
            // The unique (statement, revision number) index: a parallel release of the same statement won.
            return new Refusal(text.Translate("Someone else changed this statement at the same moment. Reload it and try again."), Status: 409);
        }
    }
}
