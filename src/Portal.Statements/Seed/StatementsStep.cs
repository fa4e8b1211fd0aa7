using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Content;
using Portal.Core.Localization;
using Portal.Core.Recipes;
using Portal.Disclosure.Model;
using Portal.Statements.Model;

namespace Portal.Statements.Seed;

/// <summary>
/// <c>{ "name": "statements", "from": "content-seed/statements" }</c>: one Markdown file per statement, upserted by
/// slug. A future <c>published</c> date makes it scheduled (embargoed); <c>corrections</c> add public revisions;
/// <c>retracted</c> with <c>retraction_reason</c> leaves the tombstone. The same text rules as for staff apply.
/// </summary>
internal sealed class StatementsStep(AttachmentStore store, TextCatalog text) : IRecipeStep
{
    public string Name => "statements";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var root = context.ResolveContentPath("from", context.RequiredString("from"));
        var db = context.Db;
        foreach (var file in Directory.EnumerateFiles(root, "*.md").Order(StringComparer.Ordinal))
        {
            var display = ContentFiles.Display(context, file);
            var slug = ContentFiles.SlugOf(file);
            if (!ContentFiles.IsValidSlug(slug))
            {
                throw context.Error("(file name)", "a slug holds lowercase letters, digits and '-'", display);
            }
            var (meta, body) = ContentFiles.ReadMarkdown<StatementSeed>(context, file);
            var kind = StatementLabels.ParseKind(meta.Kind) ?? throw context.Error("kind", $"'{meta.Kind}' is not press-release, statement, transcript or interpretation", display);
            if (string.IsNullOrWhiteSpace(meta.Title))
            {
                throw context.Error("title", "is required", display);
            }
            var questions = StatementText.Clean((meta.Questions ?? []).Select(q => new QaBlock(q.Questioner ?? "", q.Outlet ?? "", q.Question ?? "", q.Answerer ?? "", q.Answer ?? "")));
            if ((StatementText.CheckBody(body, text) ?? StatementText.CheckQuestions(questions, text)) is { } refusal)
            {
                throw context.Error(refusal.Field ?? "body", refusal.Message, display);
            }
            string? relatedSource = null, relatedSlug = null;
            if (kind == StatementKind.Interpretation)
            {
                relatedSource = meta.Related?.Source;
                relatedSlug = meta.Related?.Slug;
                var exists = relatedSource switch
                {
                    "documents" => await db.Set<Document>().AnyAsync(d => d.Slug == relatedSlug, cancellationToken),
                    "consultations" => await db.Set<Consultation>().AnyAsync(c => c.Slug == relatedSlug, cancellationToken),
                    _ => throw context.Error("related.source", "is documents or consultations", display),
                };
                if (!exists)
                {
                    throw context.Error("related.slug", $"no {relatedSource} item '{relatedSlug}' (import it first)", display);
                }
            }
            var published = ContentFiles.ParseDate(context, file, "published", meta.Published);
            var existing = await db.Set<Statement>().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
            if (existing is not null)
            {
                db.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }
            var now = context.ImportUtc;
            var statement = new Statement
            {
                Slug = slug,
                Kind = kind,
                Title = meta.Title.Trim(),
                Summary = meta.Summary?.Trim() ?? "",
                Speaker = meta.Speaker?.Trim() ?? "",
                BodyMarkdown = body,
                BodySanitizedHtml = StatementText.Html(body),
                Questions = questions,
                RelatedSource = relatedSource,
                RelatedSlug = relatedSlug,
                State = published > now ? StatementState.Scheduled : StatementState.Published,
                PublishUtc = published,
                Author = "editor",
                PublishedBy = "spokesperson",
                CreatedUtc = published < now ? published.AddHours(-2) : now,
                ModifiedUtc = now,
                RevisionCount = 1,
            };
            statement.Revisions.Add(Revision(statement, 1, "首次发布", published));
            var index = 0;
            foreach (var c in meta.Corrections ?? [])
            {
                var field = $"corrections[{index++}]";
                var at = ContentFiles.ParseDate(context, file, field + ".at", c.At);
                if (at <= published || at > now || string.IsNullOrWhiteSpace(c.Note) || string.IsNullOrWhiteSpace(c.Body))
                {
                    throw context.Error(field, "a correction has a note and the full corrected body, after the release and not in the future", display);
                }
                if (StatementText.CheckBody(c.Body, text) is { } bad)
                {
                    throw context.Error(field + ".body", bad.Message, display);
                }
                statement.BodyMarkdown = c.Body.Trim();
                statement.BodySanitizedHtml = StatementText.Html(statement.BodyMarkdown);
                statement.Title = c.Title?.Trim() is { Length: > 0 } title ? title : statement.Title;
                statement.CorrectedUtc = at;
                statement.CorrectionNote = c.Note.Trim();
                statement.RevisionCount++;
                statement.Revisions.Add(Revision(statement, statement.RevisionCount, statement.CorrectionNote, at));
            }
            if (meta.Retracted is { Length: > 0 })
            {
                var at = ContentFiles.ParseDate(context, file, "retracted", meta.Retracted);
                if (string.IsNullOrWhiteSpace(meta.RetractionReason) || at <= published || at > now)
                {
                    throw context.Error("retraction_reason", "a retraction has a reason and a date after the release", display);
                }
                statement.State = StatementState.Retracted;
                statement.RetractedUtc = at;
                statement.RetractionReason = meta.RetractionReason.Trim();
            }
            var order = 0;
            foreach (var a in meta.Attachments ?? [])
            {
                var path = Path.GetFullPath(Path.Combine(context.Paths.ContentSeed, "attachments", a.File ?? ""));
                if (!path.StartsWith(Path.Combine(context.Paths.ContentSeed, "attachments"), StringComparison.Ordinal) || !File.Exists(path))
                {
                    throw context.Error("attachments", $"attachment '{a.File}' is not in content-seed/attachments", display);
                }
                await using var stream = File.OpenRead(path);
                var (saved, error) = await store.SaveAsync(stream, path, cancellationToken);
                if (saved is null)
                {
                    throw context.Error("attachments", error ?? "unreadable", display);
                }
                statement.Attachments.Add(new StatementAttachment
                {
                    Title = a.Title?.Trim() is { Length: > 0 } t ? t : Path.GetFileNameWithoutExtension(path),
                    FileName = Path.GetFileName(path), ContentType = saved.ContentType, Size = saved.Size, StoredName = saved.StoredName, Sha256 = saved.Sha256, Order = order++,
                });
            }
            db.Add(statement);
            db.RecordChange(StatementsSource.Name, slug, now, dueUtc: published);
            await context.ItemDoneAsync(cancellationToken);
        }
    }

    private static StatementRevision Revision(Statement s, int number, string note, DateTimeOffset at) => new()
    {
        Number = number,
        Title = s.Title,
        Summary = s.Summary,
        BodyMarkdown = s.BodyMarkdown,
        BodySanitizedHtml = s.BodySanitizedHtml,
        Questions = s.Questions.ToList(),
        Note = note,
        Author = "spokesperson",
        PublishedUtc = at,
    };

    internal sealed class StatementSeed
    {
        public string? Kind { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Speaker { get; set; }
        public string? Published { get; set; }
        public RelatedSeed? Related { get; set; }
        public List<QuestionSeed>? Questions { get; set; }
        public List<CorrectionSeed>? Corrections { get; set; }
        public string? Retracted { get; set; }
        public string? RetractionReason { get; set; }
        public List<AttachmentSeed>? Attachments { get; set; }
    }

    internal sealed class RelatedSeed
    {
        public string? Source { get; set; }
        public string? Slug { get; set; }
    }

    internal sealed class QuestionSeed
    {
        public string? Questioner { get; set; }
        public string? Outlet { get; set; }
        public string? Question { get; set; }
        public string? Answerer { get; set; }
        public string? Answer { get; set; }
    }

    internal sealed class CorrectionSeed
    {
        public string? At { get; set; }
        public string? Note { get; set; }
        public string? Title { get; set; }
        public string? Body { get; set; }
    }

    internal sealed class AttachmentSeed
    {
        public string? File { get; set; }
        public string? Title { get; set; }
    }
}
