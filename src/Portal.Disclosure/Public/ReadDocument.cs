using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Disclosure.Public;

public static class ReadDocument
{
    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/documents/{slug}", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var document = await db.Set<Document>().AsNoTracking()
                .Include(d => d.Section).Include(d => d.Attachments).Include(d => d.Revisions)
                .AsSplitQuery()
                .PublicAt(clock.GetUtcNow())
                .FirstOrDefaultAsync(d => d.Slug == slug, http.RequestAborted);
            if (document is null)
            {
                return await ErrorPages.RenderAsync(http, pages, StatusCodes.Status404NotFound, text.Translate("This document does not exist or is no longer published."));
            }
            return await RenderAsync(http, pages, text, document, preview: false);
        }).CachePublicPage();

    /// <summary>Renders a document as the public sees it; staff preview uses the same path with a banner.</summary>
    public static async Task<IResult> RenderAsync(HttpContext http, ThemedPages pages, TextCatalog text, Document document, bool preview) =>
        Results.Content(await RenderHtmlAsync(http, pages, text, document, preview), "text/html; charset=utf-8");

    public static async Task<string> RenderHtmlAsync(HttpContext http, ThemedPages pages, TextCatalog text, Document document, bool preview)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        var section = document.Section!;
        var published = document.PublishedUtc ?? DateTimeOffset.UtcNow;
        var model = new DocumentPage(
            document.Title, section.Name(culture), $"/sections/{section.Slug}", document.IndexNumber, document.DocNumber,
            document.IssuingBody,
            document.WrittenOn is { } w ? SiteClock.FormatDate(w) : null,
            SiteClock.FormatDateTime(published),
            document.EffectiveOn is { } e ? SiteClock.FormatDate(e) : null,
            Labels.Validity(document.Validity), Labels.ValidityLabel(text, document.Validity),
            document.AbolishedOn is { } a ? SiteClock.FormatDate(a) : null,
            document.UpdatedUtc is { } u && u > published ? SiteClock.FormatDateTime(u) : null,
            document.TopicList.Select(t => new TopicLink(t, $"/sections/{section.Slug}?topic={Uri.EscapeDataString(t)}")).ToList(), document.Summary, new SafeHtml(document.BodySanitizedHtml),
            document.Attachments.OrderBy(x => x.Order).Select(ToView).ToList(),
            document.Revisions.OrderByDescending(r => r.Number)
                .Select(r => new RevisionView(r.Number, SiteClock.FormatDateTime(r.PublishedUtc), r.ChangeNote)).ToList(),
            preview) { Interpretations = await RelatedContent.ForAsync(http, "documents", document.Slug) };
        var meta = new PageMeta(document.Title)
        {
            ColumnName = section.Name(culture),
            ColumnSlug = section.Slug,
            ArticleTitle = document.Title,
            PubDate = SiteClock.FormatDateTime(published),
            ContentSource = document.IssuingBody,
            Description = document.Summary.Length > 0 ? document.Summary : RichText.MarkdownToPlainText(document.BodyMarkdown, 160),
            Keywords = string.Join(',', document.TopicList),
            Breadcrumbs =
            [
                new Breadcrumb(text.Translate("Home"), "/"),
                new Breadcrumb(section.Name(culture), $"/sections/{section.Slug}"),
                new Breadcrumb(document.Title, null),
            ],
        };
        return await pages.RenderPageAsync(http, "Disclosure/Document", model, meta);
    }

    public static AttachmentView ToView(Attachment a)
    {
        var type = Labels.TypeLabel(a.ContentType);
        return new(AttachmentNames.Title(a.Title, type), Labels.AttachmentUrl(a), a.FileName, type, SiteClock.FormatFileSize(a.Size));
    }
}
