using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Disclosure.Model;
using Portal.Statements.Model;

namespace Portal.Statements.Admin;

public sealed record StatementInput(
    StatementKind Kind, string Title, string? Slug, string? Summary, string? Speaker, string? Body, IReadOnlyList<QaBlock>? Questions,
    string? RelatedSource, string? RelatedSlug);

/// <summary>
/// Writing a statement before release, and the optional review by a second person. Saving changes the text the
/// reviewer approved, so it returns an approved statement to draft.
/// </summary>
public sealed partial class DraftStatement(PortalDb db, TimeProvider clock, TextCatalog text)
{
    public async Task<Result<Statement>> SaveAsync(int? id, StatementInput input, string author, CancellationToken cancellationToken)
    {
        var statement = id is null ? null : await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (id is not null && statement is null)
        {
            return NotFound(text);
        }
        if (statement is { State: StatementState.Scheduled })
        {
            return new Refusal(text.Translate("This statement is scheduled. Cancel the schedule before changing it."), Status: 409);
        }
        if (statement is { State: StatementState.Published or StatementState.Retracted })
        {
            return new Refusal(text.Translate("This statement is public. Change it only by a correction with a public note."), Status: 409);
        }
        var now = clock.GetUtcNow();
        if (statement is null)
        {
            statement = new Statement { CreatedUtc = now, State = StatementState.Draft };
            db.Add(statement);
        }
        if (await ApplyAsync(statement, input, now, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        statement.Author = author;
        if (statement.State == StatementState.Approved)
        {
            statement.State = StatementState.Draft;
            statement.ReviewedBy = "";
            statement.ReviewedUtc = null;
        }
        return await SaveOrConflictAsync(statement, cancellationToken);
    }

    public async Task<Result<Statement>> RequestReviewAsync(int id, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return NotFound(text);
        }
        if (statement.State != StatementState.Draft)
        {
            return new Refusal(text.Translate("Only a draft can be sent for review."), Status: 409);
        }
        statement.State = StatementState.InReview;
        statement.ModifiedUtc = clock.GetUtcNow();
        return await SaveOrConflictAsync(statement, cancellationToken);
    }

    /// <summary>The second pair of eyes: anyone allowed to review except whoever wrote the current text.</summary>
    public async Task<Result<Statement>> ApproveAsync(int id, string reviewer, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return NotFound(text);
        }
        if (statement.State != StatementState.InReview)
        {
            return new Refusal(text.Translate("This statement is not waiting for review."), Status: 409);
        }
        if (string.Equals(statement.Author, reviewer, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal(text.Translate("You wrote this text; someone else must review it."), Status: 403);
        }
        statement.State = StatementState.Approved;
        statement.ReviewedBy = reviewer;
        statement.ReviewedUtc = clock.GetUtcNow();
        statement.ModifiedUtc = statement.ReviewedUtc.Value;
        return await SaveOrConflictAsync(statement, cancellationToken);
    }

    public async Task<Result<Statement>> ReturnToDraftAsync(int id, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (statement is null)
        {
            return NotFound(text);
        }
        if (statement.State is not (StatementState.InReview or StatementState.Approved))
        {
            return new Refusal(text.Translate("This statement is not waiting for review."), Status: 409);
        }
        statement.State = StatementState.Draft;
        statement.ReviewedBy = "";
        statement.ReviewedUtc = null;
        statement.ModifiedUtc = clock.GetUtcNow();
        return await SaveOrConflictAsync(statement, cancellationToken);
    }

    private async Task<Refusal?> ApplyAsync(Statement statement, StatementInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Trim().Length > 300)
        {
            return new Refusal(text.Translate("A title is required (at most 300 characters)."), "Title", 422);
        }
        if (input.Summary?.Trim().Length > 2000 || input.Speaker?.Trim().Length > 200)
        {
            return new Refusal(text.Translate("The summary is at most 2,000 characters and the speaker at most 200."), "Summary", 422);
        }
        if (StatementText.CheckBody(input.Body, text) is { } body)
        {
            return body;
        }
        var questions = StatementText.Clean(input.Questions);
        if (StatementText.CheckQuestions(questions, text) is { } qa)
        {
            return qa;
        }
        if (string.IsNullOrWhiteSpace(input.Body) && questions.Count == 0)
        {
            return new Refusal(text.Translate("Write the text of the statement."), "Body", 422);
        }
        var (source, related) = (input.RelatedSource?.Trim().ToLowerInvariant(), input.RelatedSlug?.Trim().ToLowerInvariant());
        if (input.Kind == StatementKind.Interpretation)
        {
            if (await CheckRelatedAsync(source, related, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }
        else
        {
            (source, related) = (null, null);
        }
        var slug = string.IsNullOrWhiteSpace(input.Slug)
            ? statement.Slug.Length > 0 ? statement.Slug : $"statement-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"
            : input.Slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug) || slug.Length > 120)
        {
            return new Refusal(text.Translate("The address name may hold lowercase letters, digits and '-' only."), "Slug", 422);
        }
        if (await db.Set<Statement>().AnyAsync(s => s.Slug == slug && s.Id != statement.Id, cancellationToken))
        {
            return new Refusal(text.Translate("Another statement already uses this address name."), "Slug", 409);
        }
        statement.Slug = slug;
        statement.Kind = input.Kind;
        statement.Title = input.Title.Trim();
        statement.Summary = input.Summary?.Trim() ?? "";
        statement.Speaker = input.Speaker?.Trim() ?? "";
        statement.BodyMarkdown = input.Body?.Trim() ?? "";
        statement.BodySanitizedHtml = StatementText.Html(statement.BodyMarkdown);
        statement.Questions = questions;
        statement.RelatedSource = source;
        statement.RelatedSlug = related;
        statement.ModifiedUtc = now;
        return null;
    }

    /// <summary>An interpretation names what it explains: a disclosure document or a decision draft, by its address name.</summary>
    private async Task<Refusal?> CheckRelatedAsync(string? source, string? slug, CancellationToken cancellationToken)
    {
        if (source is not ("documents" or "consultations") || string.IsNullOrEmpty(slug))
        {
            return new Refusal(text.Translate("An interpretation names the document or decision it explains: choose documents or consultations and give its address name."), "RelatedSlug", 422);
        }
        var exists = source == "documents"
            ? await db.Set<Document>().AnyAsync(d => d.Slug == slug, cancellationToken)
            : await db.Set<Consultation>().AnyAsync(c => c.Slug == slug, cancellationToken);
        return exists ? null : new Refusal(string.Format(CultureInfo.CurrentCulture,
            text.Translate("There is no {0} with the address name {1}."), source == "documents" ? text.Translate("document") : text.Translate("decision"), slug), "RelatedSlug", 422);
    }

    internal async Task<Result<Statement>> SaveOrConflictAsync(Statement statement, CancellationToken cancellationToken)
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
    }

    internal static Refusal NotFound(TextCatalog text) => new(text.Translate("This statement does not exist."), Status: 404);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
