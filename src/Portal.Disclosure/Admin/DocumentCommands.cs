using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Settings;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Admin;

public sealed record DocumentInput(
    string SectionSlug, string Title, string? Slug, string? DocNumber, string IssuingBody, DateOnly? WrittenOn, DateOnly? EffectiveOn,
    DocumentValidity Validity, DateOnly? AbolishedOn, string? Topics, string? Summary, string BodyMarkdown);

/// <summary>
/// Writing, publishing, scheduling and unpublishing documents. A published document is never edited in place
/// without a trace: its changes go out with <see cref="PublishAsync"/>, which records a revision with a note.
/// </summary>
public sealed partial class DocumentCommands(PortalDb db, TimeProvider clock, ISiteSettings settings, TextCatalog text)
{
    public async Task<Result<Document>> SaveDraftAsync(int? id, DocumentInput input, CancellationToken cancellationToken)
    {
        var document = id is null ? null : await db.Set<Document>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (id is not null && document is null)
        {
            return new Refusal(text.Translate("This document does not exist."), Status: 404);
        }
        if (document is { State: PublicationState.Published })
        {
            return new Refusal(text.Translate("This document is published. Publish your changes with a change note, or unpublish it first."), Status: 409);
        }
        var applied = await ApplyAsync(document, input, cancellationToken);
        if (!applied.Succeeded)
        {
            return applied;
        }
        await db.SaveChangesAsync(cancellationToken);
        return applied;
    }

    /// <summary>Publishes now, or at <paramref name="atUtc"/> (scheduled). Applies <paramref name="input"/> first when given.</summary>
    public async Task<Result<Document>> PublishAsync(int id, DocumentInput? input, DateTimeOffset? atUtc, string? changeNote, string author, CancellationToken cancellationToken)
    {
        var document = await db.Set<Document>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return new Refusal(text.Translate("This document does not exist."), Status: 404);
        }
        if (atUtc is { } requested && !SiteClock.IsPlausible(requested))
        {
            return new Refusal(text.Translate(SiteClock.ImplausibleDate), "PublishAt", 422);
        }
        var now = clock.GetUtcNow();
        var wasPublic = document.State == PublicationState.Published && document.PublishedUtc <= now;
        if (wasPublic && string.IsNullOrWhiteSpace(changeNote))
        {
            return new Refusal(text.Translate("Say what changed: a published document keeps a public record of every change."), "ChangeNote");
        }
        if (atUtc is { } at && at < now.AddMinutes(-1))
        {
            return new Refusal(text.Translate("The scheduled time has passed. Choose a time in the future, or publish now."), "PublishAt");
        }
        if (wasPublic && atUtc is not null)
        {
            return new Refusal(text.Translate("This document is already public; changes to it are published at once."), "PublishAt");
        }
        if (input is not null)
        {
            var applied = await ApplyAsync(document, input, cancellationToken);
            if (!applied.Succeeded)
            {
                return applied;
            }
        }
        if (string.IsNullOrWhiteSpace(document.BodyMarkdown))
        {
            return new Refusal(text.Translate("A document needs a body before it is published."), "BodyMarkdown");
        }
        var when = atUtc ?? now;
        if (wasPublic)
        {
            document.UpdatedUtc = now;
        }
        else
        {
            document.PublishedUtc = when;
            document.UpdatedUtc = null;
        }
        document.State = PublicationState.Published;
        document.RevisionCount++;
        db.Set<DocumentRevision>().Add(new DocumentRevision
        {
            DocumentId = document.Id,
            Number = document.RevisionCount,
            Title = document.Title,
            BodySanitizedHtml = document.BodySanitizedHtml,
            ChangeNote = string.IsNullOrWhiteSpace(changeNote) ? text.Translate("First publication") : changeNote.Trim(),
            Author = author,
            PublishedUtc = wasPublic ? now : when,
        });
        Public.DocumentSource.Record(db, document, now, when);
        await db.SaveChangesAsync(cancellationToken);
        return document;
    }

    /// <summary>The document as it would look with <paramref name="input"/> applied; nothing is saved.</summary>
    public async Task<Result<Document>> PreviewAsync(int? id, DocumentInput input, CancellationToken cancellationToken)
    {
        var existing = id is null ? null : await db.Set<Document>().AsNoTracking().Include(d => d.Attachments).Include(d => d.Revisions)
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var section = await db.Set<Section>().AsNoTracking().FirstOrDefaultAsync(s => s.Slug == input.SectionSlug, cancellationToken);
        if (section is null)
        {
            return new Refusal(text.Translate("Choose the section this document belongs to."), "SectionSlug");
        }
        return new Document
        {
            Slug = existing?.Slug ?? "preview",
            Section = section,
            SectionId = section.Id,
            Title = input.Title,
            IndexNumber = existing?.IndexNumber ?? "—",
            DocNumber = input.DocNumber,
            IssuingBody = input.IssuingBody,
            WrittenOn = input.WrittenOn,
            EffectiveOn = input.EffectiveOn,
            Validity = input.Validity,
            AbolishedOn = input.AbolishedOn,
            Topics = Document.JoinTopics((input.Topics ?? "").Split([',', '，', '、', ';'], StringSplitOptions.RemoveEmptyEntries)),
            Summary = input.Summary ?? "",
            BodyMarkdown = input.BodyMarkdown,
            BodySanitizedHtml = RichText.MarkdownToSafeHtml(input.BodyMarkdown),
            PublishedUtc = existing?.PublishedUtc ?? clock.GetUtcNow(),
            Attachments = existing?.Attachments ?? [],
            Revisions = existing?.Revisions ?? [],
        };
    }

    public async Task<Result<Document>> UnpublishAsync(int id, CancellationToken cancellationToken)
    {
        var document = await db.Set<Document>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return new Refusal(text.Translate("This document does not exist."), Status: 404);
        }
        if (document.State != PublicationState.Published)
        {
            return new Refusal(text.Translate("This document is not published."), Status: 409);
        }
        document.State = PublicationState.Unpublished;
        document.ModifiedUtc = clock.GetUtcNow();
        Public.DocumentSource.Record(db, document, document.ModifiedUtc);
        await db.SaveChangesAsync(cancellationToken);
        return document;
    }

    private async Task<Result<Document>> ApplyAsync(Document? document, DocumentInput input, CancellationToken cancellationToken)
    {
        // JSON clients may leave out fields the record declares non-null: treat them as empty so the rules below answer.
        input = input with
        {
            SectionSlug = input.SectionSlug ?? "", Title = input.Title ?? "", IssuingBody = input.IssuingBody ?? "", BodyMarkdown = input.BodyMarkdown ?? "",
        };
        var section = await db.Set<Section>().FirstOrDefaultAsync(s => s.Slug == input.SectionSlug, cancellationToken);
        if (section is null)
        {
            return new Refusal(text.Translate("Choose the section this document belongs to."), "SectionSlug");
        }
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 300)
        {
            return new Refusal(text.Translate("A title is required (at most 300 characters)."), "Title");
        }
        if (input.BodyMarkdown.Length > 200_000)
        {
            return new Refusal(text.Translate("The body is longer than 200,000 characters."), "BodyMarkdown");
        }
        foreach (var (field, date) in new[] { ("WrittenOn", input.WrittenOn), ("EffectiveOn", input.EffectiveOn), ("AbolishedOn", input.AbolishedOn) })
        {
            if (date is { } value && !SiteClock.IsPlausible(value))
            {
                return new Refusal(text.Translate(SiteClock.ImplausibleDate), field, 422);
            }
        }
        if (input.Validity == DocumentValidity.Abolished && input.AbolishedOn is null)
        {
            return new Refusal(text.Translate("An abolished document needs the date it was abolished."), "AbolishedOn");
        }
        var now = clock.GetUtcNow();
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? document?.Slug ?? $"doc-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}" : input.Slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug) || slug.Length > 120)
        {
            return new Refusal(text.Translate("The address name may hold lowercase letters, digits and '-' only."), "Slug");
        }
        if (await db.Set<Document>().AnyAsync(d => d.Slug == slug && (document == null || d.Id != document.Id), cancellationToken))
        {
            return new Refusal(text.Translate("Another document already uses this address name."), "Slug", 409);
        }
        if (document is null)
        {
            document = new Document { CreatedUtc = now, State = PublicationState.Draft };
            db.Set<Document>().Add(document);
            document.IndexNumber = await NextIndexNumberAsync(now, cancellationToken);
        }
        document.Slug = slug;
        document.SectionId = section.Id;
        document.Title = input.Title.Trim();
        document.DocNumber = string.IsNullOrWhiteSpace(input.DocNumber) ? null : input.DocNumber.Trim();
        document.IssuingBody = input.IssuingBody.Trim();
        document.WrittenOn = input.WrittenOn;
        document.EffectiveOn = input.EffectiveOn;
        document.Validity = input.Validity;
        document.AbolishedOn = input.Validity == DocumentValidity.Abolished ? input.AbolishedOn : null;
        document.Topics = Document.JoinTopics((input.Topics ?? "").Split([',', '，', '、', ';'], StringSplitOptions.RemoveEmptyEntries));
        document.Summary = input.Summary?.Trim() ?? "";
        document.BodyMarkdown = input.BodyMarkdown;
        document.BodySanitizedHtml = RichText.MarkdownToSafeHtml(input.BodyMarkdown);
        document.ModifiedUtc = now;
        return document;
    }

    /// <summary>索引号: the site's organisation code, the year, and a running number within the year.</summary>
    private async Task<string> NextIndexNumberAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prefix = (await settings.GetAsync(cancellationToken)).Get(SiteSettingKeys.IndexPrefix, "PORTAL");
        var year = SiteClock.ToLocal(now).Year.ToString(CultureInfo.InvariantCulture);
        var start = $"{prefix}/{year}-";
        var existing = await db.Set<Document>().Where(d => d.IndexNumber.StartsWith(start)).Select(d => d.IndexNumber).ToListAsync(cancellationToken);
        var next = existing.Select(n => int.TryParse(n.AsSpan(start.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max() + 1;
        return $"{start}{next:00000}";
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
