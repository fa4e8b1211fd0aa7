using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Statements.Model;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Statements.Public;

/// <summary>
/// The public side: the list, a statement (or the tombstone of a retracted one), its revision history and each
/// version with its differences, and attachments. Everything goes through <see cref="StatementVisibility.PublicAt"/>,
/// so an embargoed statement answers 404 exactly like one that does not exist.
/// </summary>
public static class StatementPages
{
    public const int PageSize = 20;

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/statements", async (string? kind, string? page, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var filter = StatementLabels.ParseKind(kind);
            var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
            var query = db.Set<Statement>().AsNoTracking().PublicAt(clock.GetUtcNow());
            if (filter is { } k)
            {
                query = query.Where(s => s.Kind == k);
            }
            var total = await query.CountAsync(http.RequestAborted);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var rows = await query.OrderByDescending(s => s.PublishUtc).ThenByDescending(s => s.Id).Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(http.RequestAborted);
            var code = filter is { } f ? StatementLabels.KindCode(f) : null;
            string Url(string? kindCode, int n) => "/statements" + (kindCode, n) switch
            {
                (null, 1) => "",
                (null, _) => $"?page={n}",
                (_, 1) => $"?kind={kindCode}",
                _ => $"?kind={kindCode}&page={n}",
            };
            var kinds = new List<KindFilter> { new(Url(null, 1), text.Translate("All"), filter is null) };
            kinds.AddRange(Enum.GetValues<StatementKind>().Select(x => new KindFilter(Url(StatementLabels.KindCode(x), 1), StatementLabels.KindLabel(text, x), filter == x)));
            var pager = new StatementPager(number, pageCount, total, number > 1 ? Url(code, number - 1) : null, number < pageCount ? Url(code, number + 1) : null,
                Enumerable.Range(1, pageCount).Where(n => Math.Abs(n - number) <= 4 || n == 1 || n == pageCount).Select(n => new StatementPagerLink(n, Url(code, n), n == number)).ToList());
            var title = text.Translate("Spokesperson releases");
            var model = new StatementListPage(title, text.Translate("Press releases, statements, press conference transcripts and policy interpretations of the spokesperson office."),
                rows.Select(s => ListItem(s, text)).ToList(), kinds, pager, "/feeds/statements.atom");
            return await pages.PageAsync(http, "Statements/List", model, new PageMeta(title)
            {
                ColumnName = title,
                ColumnSlug = "statements",
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)],
            });
        }).CachePublicPage("kind", "page");

        endpoints.MapGet("/statements/{slug}", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var statement = await db.Set<Statement>().AsNoTracking().Include(s => s.Attachments).Include(s => s.Revisions).AsSplitQuery()
                .PublicAt(now).FirstOrDefaultAsync(s => s.Slug == slug, http.RequestAborted);
            if (statement is null)
            {
                return await NotFoundAsync(http, pages, text);
            }
            var explains = await ExplainsAsync(db, statement, now, http.RequestAborted);
            var model = Page(statement, explains, text);
            return await pages.PageAsync(http, "Statements/Statement", model, Meta(statement, text, statement.Title));
        }).CachePublicPage();

        endpoints.MapGet("/statements/{slug}/revisions", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var statement = await db.Set<Statement>().AsNoTracking().Include(s => s.Revisions).PublicAt(clock.GetUtcNow())
                .FirstOrDefaultAsync(s => s.Slug == slug, http.RequestAborted);
            if (statement is null || statement.State == StatementState.Retracted)
            {
                return statement is null ? await NotFoundAsync(http, pages, text) : Results.Redirect(StatementLabels.Url(slug));
            }
            var url = StatementLabels.Url(slug);
            var model = new RevisionsPage(slug, statement.Title, url, statement.Revisions.OrderByDescending(r => r.Number)
                .Select(r => new RevisionItem(r.Number, SiteClock.FormatDateTime(r.PublishedUtc), r.Note, $"{url}/revisions/{r.Number}", r.Number == statement.RevisionCount)).ToList());
            var title = text.Translate("Revision history");
            return await pages.PageAsync(http, "Statements/Revisions", model, Meta(statement, text, $"{title} - {statement.Title}"));
        }).CachePublicPage();

        endpoints.MapGet("/statements/{slug}/revisions/{number:int}", async (string slug, int number, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var statement = await db.Set<Statement>().AsNoTracking().Include(s => s.Revisions).PublicAt(clock.GetUtcNow())
                .FirstOrDefaultAsync(s => s.Slug == slug, http.RequestAborted);
            if (statement is null || statement.State == StatementState.Retracted)
            {
                return statement is null ? await NotFoundAsync(http, pages, text) : Results.Redirect(StatementLabels.Url(slug));
            }
            var revision = statement.Revisions.FirstOrDefault(r => r.Number == number);
            if (revision is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("This statement has no such version."));
            }
            var previous = statement.Revisions.FirstOrDefault(r => r.Number == number - 1);
            var diff = previous is null ? [] : Redline.Compare(
                    StatementText.Plain(previous.Title, previous.Summary, previous.BodyMarkdown, previous.Questions),
                    StatementText.Plain(revision.Title, revision.Summary, revision.BodyMarkdown, revision.Questions))
                .Select(r => new DiffView(r.Kind, r.Text)).ToList();
            var url = StatementLabels.Url(slug);
            var model = new RevisionPage(revision.Title, url, $"{url}/revisions", revision.Number, statement.RevisionCount, SiteClock.FormatDateTime(revision.PublishedUtc),
                revision.Note, revision.Summary, new SafeHtml(revision.BodySanitizedHtml), Questions(revision.Questions), previous?.Number, diff,
                previous is null ? null : $"{url}/revisions/{previous.Number}", number < statement.RevisionCount ? $"{url}/revisions/{number + 1}" : null);
            var title = string.Format(CultureInfo.CurrentCulture, text.Translate("Version {0}"), number);
            return await pages.PageAsync(http, "Statements/Revision", model, Meta(statement, text, $"{title} - {revision.Title}"));
        }).CachePublicPage();

        endpoints.MapGet("/statements/{slug}/attachments/{id:int}/{fileName}", async (string slug, int id, HttpContext http, PortalDb db, PortalPaths paths, TimeProvider clock) =>
        {
            var attachment = await db.Set<StatementAttachment>().AsNoTracking()
                .Where(a => a.Id == id && db.Set<Statement>().PublicAt(clock.GetUtcNow()).Any(s => s.Id == a.StatementId && s.Slug == slug && s.State != StatementState.Retracted))
                .FirstOrDefaultAsync(http.RequestAborted);
            var path = attachment is null ? null : Path.Combine(paths.Uploads, attachment.StoredName);
            if (attachment is null || !File.Exists(path))
            {
                return Results.NotFound();
            }
            return Portal.Disclosure.Public.DownloadAttachment.Serve(http, path, attachment.ContentType, attachment.FileName, attachment.Sha256, attachment.Title);
        });
    }

    private static Task<IResult> NotFoundAsync(HttpContext http, ThemedPages pages, TextCatalog text) =>
        ErrorPages.RenderAsync(http, pages, StatusCodes.Status404NotFound, text.Translate("There is no statement at this address."));

    internal static StatementListItem ListItem(Statement s, TextCatalog text)
    {
        var status = StatementLabels.PublicStatus(s);
        return new StatementListItem(s.Title, StatementLabels.Url(s.Slug), StatementLabels.KindCode(s.Kind), StatementLabels.KindLabel(text, s.Kind),
            SiteClock.FormatDateTime(s.PublishUtc!.Value), status, StatementLabels.PublicStatusLabel(text, status),
            status == "retracted" ? "" : s.Summary, s.Speaker);
    }

    /// <summary>The document or decision an interpretation explains, if it is public now.</summary>
    internal static async Task<RelatedLink?> ExplainsAsync(PortalDb db, Statement s, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (s.Kind != StatementKind.Interpretation || s.RelatedSlug is not { } slug)
        {
            return null;
        }
        if (s.RelatedSource == "documents")
        {
            var title = await db.Set<Document>().AsNoTracking().PublicAt(now).Where(d => d.Slug == slug).Select(d => d.Title).FirstOrDefaultAsync(cancellationToken);
            return title is null ? null : new RelatedLink(title, $"/documents/{slug}");
        }
        var decision = await db.Set<Consultation>().AsNoTracking().Where(c => c.Slug == slug && c.State != ConsultationState.Draft)
            .Select(c => c.Title).FirstOrDefaultAsync(cancellationToken);
        return decision is null ? null : new RelatedLink(decision, $"/consultations/{slug}");
    }

    internal static IReadOnlyList<QaView> Questions(IEnumerable<QaBlock> questions) =>
        questions.Select((q, i) => new QaView(i + 1, q.Questioner, q.Outlet, q.Question, q.Answerer, q.Answer)).ToList();

    internal static StatementPage Page(Statement s, RelatedLink? explains, TextCatalog text)
    {
        var status = StatementLabels.PublicStatus(s);
        var retracted = s.State == StatementState.Retracted;
        var published = s.PublishUtc!.Value;
        return new StatementPage(
            s.Slug, s.Title, StatementLabels.KindCode(s.Kind), StatementLabels.KindLabel(text, s.Kind), retracted ? "" : s.Summary, s.Speaker,
            SiteClock.FormatDateTime(published), published.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            status, StatementLabels.PublicStatusLabel(text, status),
            retracted ? new SafeHtml("") : new SafeHtml(s.BodySanitizedHtml), retracted ? [] : Questions(s.Questions),
            retracted ? null : explains, s.RelatedSource == "consultations" ? text.Translate("The decision this interpretation explains") : text.Translate("The document this interpretation explains"),
            retracted ? [] : s.Attachments.OrderBy(a => a.Order).Select(a => new StatementAttachmentView(
                Portal.Disclosure.Public.AttachmentNames.Title(a.Title, TypeLabel(a.ContentType)), StatementLabels.AttachmentUrl(s.Slug, a), a.FileName,
                TypeLabel(a.ContentType), SiteClock.FormatFileSize(a.Size))).ToList(),
            s.Revisions.Where(r => r.Number > 1).OrderByDescending(r => r.Number).Select(r => new CorrectionView(SiteClock.FormatDateTime(r.PublishedUtc), r.Note)).ToList(),
            $"{StatementLabels.Url(s.Slug)}/revisions", s.RevisionCount,
            retracted, s.RetractedUtc is { } at ? SiteClock.FormatDateTime(at) : null, retracted ? s.RetractionReason : null, "/statements");
    }

    internal static string TypeLabel(string contentType) => contentType switch
    {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "DOCX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "XLSX",
        _ => contentType,
    };

    private static PageMeta Meta(Statement s, TextCatalog text, string title) => new(title)
    {
        ColumnName = text.Translate("Spokesperson releases"),
        ColumnSlug = "statements",
        ArticleTitle = s.Title,
        PubDate = SiteClock.FormatDateTime(s.PublishUtc!.Value),
        ContentSource = s.Speaker.Length > 0 ? s.Speaker : null,
        Description = s.State == StatementState.Retracted ? null : s.Summary.Length > 0 ? s.Summary : RichText.MarkdownToPlainText(s.BodyMarkdown, 160),
        Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(text.Translate("Spokesperson releases"), "/statements"), new Breadcrumb(s.Title, null)],
    };
}
