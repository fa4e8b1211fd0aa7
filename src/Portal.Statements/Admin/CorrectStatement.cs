using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Statements.Model;

namespace Portal.Statements.Admin;

public sealed record Correction(string? Title, string? Summary, string Body, IReadOnlyList<QaBlock>? Questions, string Note);

/// <summary>
/// A released statement changes only in public: a new revision with a note the page shows ("corrected on … : note").
/// Earlier revisions stay readable on the revision history page. Fields left null keep their current value.
/// </summary>
public sealed class CorrectStatement(PortalDb db, TimeProvider clock, TextCatalog text, IEventPublisher events)
{
    public async Task<Result<Statement>> HandleAsync(int id, Correction correction, string author, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return DraftStatement.NotFound(text);
        }
        var now = clock.GetUtcNow();
        if (!statement.IsPublicAt(now) || statement.State == StatementState.Retracted)
        {
            return new Refusal(text.Translate("Only a released statement can be corrected. Before its release, cancel the schedule and edit the draft."), Status: 409);
        }
        var note = correction.Note?.Trim() ?? "";
        if (note.Length == 0 || note.Length > 500)
        {
            return new Refusal(text.Translate("Say what the correction changes (at most 500 characters); the note is public."), "Note", 422);
        }
        var title = correction.Title?.Trim() is { Length: > 0 } t ? t : statement.Title;
        if (title.Length > 300 || correction.Summary?.Trim().Length > 2000)
        {
            return new Refusal(text.Translate("The title is at most 300 characters and the summary at most 2,000."), "Title", 422);
        }
        if (StatementText.CheckBody(correction.Body, text) is { } body)
        {
            return body;
        }
        var questions = correction.Questions is null ? statement.Questions : StatementText.Clean(correction.Questions);
        if (StatementText.CheckQuestions(questions, text) is { } qa)
        {
            return qa;
        }
        var markdown = correction.Body?.Trim() ?? "";
        if (markdown.Length == 0 && questions.Count == 0)
        {
            return new Refusal(text.Translate("Write the text of the statement."), "Body", 422);
        }
        var summary = correction.Summary?.Trim() ?? statement.Summary;
        if (title == statement.Title && summary == statement.Summary && markdown == statement.BodyMarkdown
            && questions.SequenceEqual(statement.Questions))
        {
            return new Refusal(text.Translate("The correction changes nothing. Edit the text, then publish the correction."), "Body", 422);
        }
        statement.Title = title;
        statement.Summary = summary;
        statement.BodyMarkdown = markdown;
        statement.BodySanitizedHtml = StatementText.Html(markdown);
        statement.Questions = questions.ToList();
        statement.CorrectedUtc = now;
        statement.CorrectionNote = note;
        statement.ModifiedUtc = now;
        // A scheduled statement whose time has come is published by this correction, whatever the publisher's round.
        statement.State = StatementState.Published;
        statement.RevisionCount++;
        db.Add(new StatementRevision
        {
            StatementId = statement.Id,
            Number = statement.RevisionCount,
            Title = title,
            Summary = summary,
            BodyMarkdown = markdown,
            BodySanitizedHtml = statement.BodySanitizedHtml,
            Questions = statement.Questions.ToList(),
            Note = note,
            Author = author,
            PublishedUtc = now,
        });
        db.RecordChange(StatementsSource.Name, statement.Slug, now);
        await events.PublishAsync(new StatementCorrected(statement.Id, statement.Slug, statement.RevisionCount, note), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return statement;
        }
        catch (DbUpdateException)
        {
            return new Refusal(text.Translate("Someone else changed this statement at the same moment. Reload it and try again."), Status: 409);
        }
    }
}
