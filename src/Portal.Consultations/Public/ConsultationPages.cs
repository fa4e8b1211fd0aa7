using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Consultations.Public;

/// <summary>The public side of a consultation: the list, the draft with its comments and outcome, the form, receipts.</summary>
public static class ConsultationPages
{
    public const int CommentsPerPage = 50;

    public sealed class CommentForm
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Organization { get; set; }
        public string? Article { get; set; }
        public string? Body { get; set; }
        public string? Anonymous { get; set; }
        public string? Consent { get; set; }
        public string? Website { get; set; }
    }

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/consultations", async (HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var all = await db.Set<Consultation>().AsNoTracking().Where(c => c.State != ConsultationState.Draft)
                .OrderByDescending(c => c.OpensUtc).ToListAsync(http.RequestAborted);
            var items = all.Select(c => ListItem(c, now, text)).ToList();
            var title = text.Translate("Decision drafts for comment");
            return await pages.PageAsync(http, "Consultations/List",
                new ConsultationListPage(items.Where(i => i.Status == "open").ToList(), items.Where(i => i.Status != "open").ToList()),
                new PageMeta(title) { ColumnName = title, ColumnSlug = "decisions", Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)] });
        }).CachePublicPage();

        endpoints.MapGet("/consultations/{slug}", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock, IAntiforgery antiforgery) =>
        {
            // Not output-cached (the form carries an antiforgery token), so every view runs the page's queries.
            await using var open = await db.KeepConnectionOpenAsync(http.RequestAborted);
            var consultation = await PublishedBySlug.For(db)(db, slug, http.RequestAborted);
            if (consultation is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("There is no consultation at this address."));
            }
            var page = int.TryParse(http.Request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
            var preselect = int.TryParse(http.Request.Query["article"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "";
            var blank = new FormValues("", "", "", "", preselect, "", true, true);
            var model = await ConsultationView.BuildAsync(db, text, clock.GetUtcNow(), consultation, page, antiforgery.GetAndStoreTokens(http), blank, [], http.RequestAborted);
            return await RenderAsync(http, pages, text, model, 200);
        });

        endpoints.MapPost("/consultations/{slug}/comments", async (string slug, [FromForm] CommentForm form, HttpContext http, PortalDb db, ThemedPages pages,
            TextCatalog text, TimeProvider clock, IAntiforgery antiforgery, SubmitComment.Handler handler) =>
        {
            int? article = int.TryParse(form.Article, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a > 0 ? a : null;
            var command = new SubmitComment.Command(form.Name ?? "", form.Email ?? "", form.Phone, form.Organization, article, form.Body ?? "",
                PublishName: form.Anonymous != "on", ConsentToPublish: form.Consent == "on", Honeypot: form.Website,
                SourceAddress: http.Connection.RemoteIpAddress?.ToString());
            var result = await handler.HandleAsync(slug, command, http.RequestAborted);
            if (result.Succeeded)
            {
                return Results.Redirect($"/consultations/receipts/{result.Value!.ReceiptNumber}?token={result.Value.AccessToken}&new=1");
            }
            var refusal = result.Refusal!;
            var consultation = await PublishedBySlug.For(db)(db, slug, http.RequestAborted);
            if (consultation is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, refusal.Message);
            }
            var values = new FormValues(form.Name ?? "", form.Email ?? "", form.Phone ?? "", form.Organization ?? "", form.Article ?? "", form.Body ?? "",
                form.Anonymous != "on", form.Consent == "on");
            var model = await ConsultationView.BuildAsync(db, text, clock.GetUtcNow(), consultation, 1, antiforgery.GetAndStoreTokens(http), values,
                [new FormError(refusal.Field ?? "", refusal.Message)], http.RequestAborted);
            return await RenderAsync(http, pages, text, model, refusal.Status);
        }).RequireRateLimiting(ConsultationsModule.CommentRateLimit);

        endpoints.MapGet("/consultations/receipts/{receipt}", async (string receipt, string? token, string? @new, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text) =>
        {
            var comment = await db.Set<Comment>().AsNoTracking().Include(c => c.Consultation).FirstOrDefaultAsync(c => c.ReceiptNumber == receipt, http.RequestAborted);
            // The token in the link is the commenter's proof; without it a receipt number reveals nothing.
            if (comment is null || string.IsNullOrEmpty(token) || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(token), System.Text.Encoding.ASCII.GetBytes(comment.AccessToken)))
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("No comment matches this receipt link. Use the full link from your receipt."));
            }
            var consultation = comment.Consultation!;
            var final = consultation.State is ConsultationState.Adopted or ConsultationState.Rejected or ConsultationState.Withdrawn;
            var status = comment.Status switch
            {
                CommentStatus.Pending => text.Translate("Received, awaiting moderation"),
                CommentStatus.Published => text.Translate("Comment published"),
                _ => text.Translate("Not published"),
            };
            var model = new ReceiptPage(comment.ReceiptNumber, consultation.Title, $"/consultations/{consultation.Slug}", SiteClock.FormatDateTime(comment.SubmittedUtc),
                comment.Status.ToString().ToLowerInvariant(), status, comment.Body,
                comment.Status == CommentStatus.Rejected ? Labels.RejectLabel(text, comment.RejectReason) : null,
                final && comment.Disposition != Disposition.None ? Labels.DispositionLabel(text, comment.Disposition) : null,
                final ? comment.ResponseReason : null, @new == "1", final);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var title = text.Translate("Your comment");
            return await pages.PageAsync(http, "Consultations/Receipt", model, new PageMeta(title) { ColumnName = title, ColumnSlug = "decisions" });
        });

        Downloads.Map(endpoints);
    }

    /// <summary>A consultation that is not a draft, with its versions (compiled once: the page's most frequent lookup).</summary>
    private static readonly PerProvider<Func<PortalDb, string, CancellationToken, Task<Consultation?>>> PublishedBySlug = new(() => EF.CompileAsyncQuery(
        (PortalDb db, string slug, CancellationToken ct) => db.Set<Consultation>().AsNoTracking().Include(c => c.Versions)
            .FirstOrDefault(c => c.Slug == slug && c.State != ConsultationState.Draft)));

    private static async Task<IResult> RenderAsync(HttpContext http, ThemedPages pages, TextCatalog text, ConsultationPage model, int status)
    {
        model = model with { Interpretations = await RelatedContent.ForAsync(http, "consultations", model.Slug) };
        var meta = new PageMeta(model.Title)
        {
            ColumnName = text.Translate("Decisions for comment"),
            ColumnSlug = "decisions",
            ArticleTitle = model.Title,
            PubDate = model.Opens,
            ContentSource = model.Department,
            Description = model.Summary,
            Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(text.Translate("Decision drafts for comment"), "/consultations"), new Breadcrumb(model.Title, null)],
        };
        return await pages.PageAsync(http, "Consultations/Consultation", model, meta, status);
    }

    internal static ConsultationListItem ListItem(Consultation c, DateTimeOffset now, TextCatalog text)
    {
        var status = c.StatusAt(now);
        return new ConsultationListItem(c.Title, $"/consultations/{c.Slug}", Labels.Status(status), Labels.StatusLabel(text, status),
            c.Kind == DecisionKind.Major ? text.Translate("Major decision") : text.Translate("Ordinary decision"),
            SiteClock.FormatDateTime(c.OpensUtc), SiteClock.FormatDateTime(c.ClosesUtc), SiteClock.FormatDate(c.PlannedAdoptionDate), c.CommentCount,
            status == ConsultationStatus.Open ? Remaining(c.ClosesUtc - now, text) : null);
    }

    internal static string Remaining(TimeSpan left, TextCatalog text) => left.TotalDays >= 1
        ? string.Format(CultureInfo.CurrentCulture, text.Translate("{0} days {1} hours left"), (int)left.TotalDays, left.Hours)
        : string.Format(CultureInfo.CurrentCulture, text.Translate("{0} hours {1} minutes left"), (int)left.TotalHours, left.Minutes);
}
