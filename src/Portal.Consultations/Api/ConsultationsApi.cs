using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Admin;
using Portal.Consultations.Model;
using Portal.Consultations.Public;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Identity;

namespace Portal.Consultations.Api;

/// <summary>The open-data API (stable contract) and the staff API with the same permissions as the screens.</summary>
public static class ConsultationsApi
{
    public sealed record ConsultationDto(
        string Slug, string Title, string Status, string Kind, DateTimeOffset OpensUtc, DateTimeOffset ClosesUtc, string PlannedAdoptionDate, int CommentCount,
        string? Summary = null, string? Department = null, string? ShortPeriodReason = null, IReadOnlyList<ArticleDto>? Articles = null,
        IReadOnlyList<ArticleDto>? FinalArticles = null, string? OutcomeReason = null, DateTimeOffset? FinalizedUtc = null,
        IReadOnlyList<AttachmentDto>? Attachments = null);

    public sealed record AttachmentDto(string Title, string Url, string FileName, string ContentType, long Size, string Sha256);

    public sealed record ArticleDto(int Number, string Text);

    public sealed record ResponseDto(string Disposition, string Reason, string Articles);

    public sealed record CommentDto(string ReceiptNumber, string Author, string? Organization, int? Article, DateTimeOffset SubmittedUtc, string Status, string? RejectReason, string Body, long? Group, ResponseDto? Response);

    public sealed record NewComment(string? Name, string? Email, string? Phone, string? Organization, int? Article, string? Body, bool PublishName = true, bool ConsentToPublish = true);

    public sealed record NewConsultation(
        string Title, string? Slug, string? Summary, string? Department, string Kind, string? ShortPeriodReason, string? Contact,
        DateTimeOffset OpensUtc, DateTimeOffset ClosesUtc, DateOnly PlannedAdoptionDate, IReadOnlyList<string> Articles);

    public sealed record ModerationRequest(string Decision, string? ReasonCode);

    /// <param name="Channel">letter, email, phone or in_person.</param>
    public sealed record ReceivedCommentRequest(string? Channel, DateOnly? ReceivedOn, string? Name, string? Organization, bool PublishName, int? Article, string? Body,
        bool ConsentToPublish = true);

    /// <param name="ReplaceGroupAnswers">Also replace the answers other members of the comment's group already have.</param>
    public sealed record ResponseRequest(string Disposition, string? Reason, IReadOnlyList<int>? Articles, bool ReplaceGroupAnswers = false);

    public sealed record FinalizeRequest(string Outcome, IReadOnlyList<string>? FinalArticles, string? Reason);

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup("/api/v1/consultations").WithTags("Consultations");
        open.MapGet("/", async (PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var items = await db.Set<Consultation>().AsNoTracking().Where(c => c.State != ConsultationState.Draft).OrderByDescending(c => c.OpensUtc).ToListAsync(ct);
            return Results.Ok(new { items = items.Select(c => Summary(c, now)) });
        });
        open.MapGet("/{slug}", async (string slug, PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug && x.State != ConsultationState.Draft, ct);
            if (c is null)
            {
                return NotFound(slug);
            }
            var attachments = await DecisionDrafts.AttachmentsOf(db, c.Id).AsNoTracking().OrderBy(a => a.Order).ThenBy(a => a.Id).ToListAsync(ct);
            return Results.Ok(Detail(c, clock.GetUtcNow()) with
            {
                Attachments = attachments.Select(a => new AttachmentDto(a.Title, Portal.Disclosure.Public.ReadDocument.ToView(a).Url, a.FileName, a.ContentType, a.Size, a.Sha256)).ToList(),
            });
        });
        open.MapGet("/{slug}/comments", async (string slug, string? page, PortalDb db, CancellationToken ct) =>
        {
            var c = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug && x.State != ConsultationState.Draft, ct);
            if (c is null)
            {
                return NotFound(slug);
            }
            var final = c.State is ConsultationState.Adopted or ConsultationState.Rejected or ConsultationState.Withdrawn;
            var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
            var query = db.Set<Comment>().AsNoTracking().Where(x => x.ConsultationId == c.Id && x.Status != CommentStatus.Pending);
            var total = await query.CountAsync(ct);
            var rows = await query.OrderBy(x => x.Id).Skip((number - 1) * 100).Take(100).ToListAsync(ct);
            return Results.Ok(new { total, page = number, pageSize = 100, items = rows.Select(x => Public(x, final)) });
        });
        open.MapPost("/{slug}/comments", async (string slug, NewComment body, HttpContext http, SubmitComment.Handler handler, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(slug, new SubmitComment.Command(body.Name ?? "", body.Email ?? "", body.Phone, body.Organization, body.Article,
                body.Body ?? "", body.PublishName, body.ConsentToPublish, SourceAddress: http.Connection.RemoteIpAddress?.ToString()), ct);
            return result.Succeeded
                ? Results.Created($"/consultations/receipts/{result.Value!.ReceiptNumber}?token={result.Value.AccessToken}",
                    new { receiptNumber = result.Value.ReceiptNumber, status = result.Value.Status, statusUrl = $"/consultations/receipts/{result.Value.ReceiptNumber}?token={result.Value.AccessToken}" })
                : AdminApi.Problem(result.Refusal!);
        }).RequireRateLimiting(ConsultationsModule.CommentRateLimit);

        var admin = endpoints.MapGroup("/api/v1/admin").WithTags("Consultations (staff)");
        admin.MapPost("/consultations", async (NewConsultation body, DecisionDrafts drafts, TimeProvider clock, TextCatalog text, CancellationToken ct) =>
        {
            if (!EnumNames.TryParse<DecisionKind>(body.Kind, out var kind))
            {
                return AdminApi.Problem(EnumNames.NotOneOf(text, "kind", ["ordinary", "major"]));
            }
            var result = await drafts.SaveAsync(null, new DraftInput(body.Title, body.Slug, body.Summary, body.Department, kind, body.ShortPeriodReason, body.Contact,
                body.OpensUtc, body.ClosesUtc, body.PlannedAdoptionDate, body.Articles ?? []), ct);
            return result.Succeeded ? Results.Created($"/api/v1/consultations/{result.Value!.Slug}", Detail(result.Value, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(ConsultationsPermissions.DraftDecisions);
        admin.MapPost("/consultations/{slug}/publish", async (string slug, DecisionDrafts drafts, PortalDb db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct) =>
        {
            var id = await db.Set<Consultation>().Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                return NotFound(slug);
            }
            var result = await drafts.PublishAsync(id.Value, user.Identity?.Name ?? "", ct);
            return result.Succeeded ? Results.Ok(Detail(result.Value!, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(ConsultationsPermissions.PublishDecisions);
        admin.MapGet("/consultations/{slug}/comments", async (string slug, string? status, string? page, PortalDb db, CancellationToken ct) =>
        {
            var c = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(x => x.Slug == slug, ct);
            if (c is null)
            {
                return NotFound(slug);
            }
            var query = db.Set<Comment>().AsNoTracking().Where(x => x.ConsultationId == c.Id);
            query = status switch
            {
                "pending" => query.Where(x => x.Status == CommentStatus.Pending),
                "published" => query.Where(x => x.Status == CommentStatus.Published),
                "rejected" => query.Where(x => x.Status == CommentStatus.Rejected),
                "unanswered" => query.Where(x => x.Status == CommentStatus.Published && x.Disposition == Disposition.None),
                _ => query,
            };
            var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
            var total = await query.CountAsync(ct);
            var rows = await query.OrderBy(x => x.Id).Skip((number - 1) * 100).Take(100).ToListAsync(ct);
            return Results.Ok(new
            {
                total,
                page = number,
                items = rows.Select(x => new
                {
                    x.ReceiptNumber, x.Name, x.PublishName, x.Email, x.Phone, x.Organization, article = x.ArticleNumber, body = x.Body, publicBody = x.PublicBody,
                    status = x.Status.ToString().ToLowerInvariant(), rejectReason = Labels.RejectCode(x.RejectReason), group = x.GroupId,
                    response = x.Disposition == Disposition.None ? null : new ResponseDto(Labels.DispositionCode(x.Disposition), x.ResponseReason, x.ResponseArticles),
                }),
            });
        }).RequirePermission(ConsultationsPermissions.ModerateComments);
        admin.MapPost("/consultations/{slug}/received-comments", async (string slug, ReceivedCommentRequest body, RecordReceivedComment record, PortalDb db,
            ClaimsPrincipal user, TextCatalog text, CancellationToken ct) =>
        {
            var id = await db.Set<Consultation>().Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                return NotFound(slug);
            }
            if (!EnumNames.TryParse<CommentChannel>(body.Channel?.Replace("_", "", StringComparison.Ordinal), out var channel))
            {
                return AdminApi.Problem(EnumNames.NotOneOf(text, "channel", ["letter", "email", "phone", "in_person"]));
            }
            var result = await record.HandleAsync(id.Value, new RecordReceivedComment.Command(channel, body.ReceivedOn, body.Name, body.Organization, body.PublishName,
                body.Article, body.Body, body.ConsentToPublish), user.Identity?.Name ?? "", ct);
            return result.Succeeded
                ? Results.Created($"/consultations/{slug}#{result.Value!.ReceiptNumber}", new { receiptNumber = result.Value.ReceiptNumber, status = "published" })
                : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(ConsultationsPermissions.ModerateComments);
        admin.MapPost("/comments/{receiptNumber}/moderation", async (string receiptNumber, ModerationRequest body, ModerateComment moderate, ClaimsPrincipal user, TextCatalog text,
            CancellationToken ct) =>
        {
            if (body.Decision is not ("publish" or "reject"))
            {
                return AdminApi.Problem(EnumNames.NotOneOf(text, "decision", ["publish", "reject"]));
            }
            var reason = body.Decision == "reject" ? Labels.ParseRejectCode(body.ReasonCode) : RejectReason.None;
            if (reason is null)
            {
                return AdminApi.Problem(EnumNames.NotOneOf(text, "reasonCode", ["spam", "abusive", "personal_data", "off_topic", "duplicate"]));
            }
            var result = await moderate.HandleAsync(receiptNumber, body.Decision == "publish", reason.Value, user.Identity?.Name ?? "", ct);
            return result.Succeeded ? Results.Ok(new { receiptNumber, status = result.Value!.Status.ToString().ToLowerInvariant() }) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(ConsultationsPermissions.ModerateComments);
        admin.MapPost("/comments/{receiptNumber}/response", async (string receiptNumber, ResponseRequest body, RespondToComment respond, ClaimsPrincipal user, TextCatalog text,
            CancellationToken ct) =>
        {
            var disposition = Labels.ParseDisposition(body.Disposition);
            if (disposition is null)
            {
                return AdminApi.Problem(EnumNames.NotOneOf(text, "disposition", ["adopted", "partly_adopted", "not_adopted", "out_of_scope"]));
            }
            var result = await respond.HandleAsync(new RespondToComment.Command([receiptNumber], disposition.Value, body.Reason, body.Articles, ReplaceGroupAnswers: body.ReplaceGroupAnswers),
                user.Identity?.Name ?? "", ct);
            return result.Succeeded
                ? Results.Ok(new { receiptNumber, answered = result.Value!.Answered, groupKept = result.Value.GroupKept })
                : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(ConsultationsPermissions.RespondToComments);
        admin.MapPost("/consultations/{slug}/finalize", async (string slug, FinalizeRequest body, FinalizeDecision finalize, ClaimsPrincipal user, TimeProvider clock, TextCatalog text,
            CancellationToken ct) =>
        {
            if (!EnumNames.TryParse<DecisionOutcome>(body.Outcome, out var outcome))
            {
                return AdminApi.Problem(EnumNames.NotOneOf(text, "outcome", ["adopted", "rejected", "withdrawn"]));
            }
            var result = await finalize.HandleAsync(slug, new FinalizeDecision.Command(outcome, body.FinalArticles, body.Reason), user.Identity?.Name ?? "", ct);
            return result.Succeeded ? Results.Ok(Detail(result.Value!, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(ConsultationsPermissions.FinalizeDecisions);
    }

    private static IResult NotFound(string slug) => Results.Problem(statusCode: 404, title: "Not found", detail: $"No consultation '{slug}'.");

    private static ConsultationDto Summary(Consultation c, DateTimeOffset now) =>
        new(c.Slug, c.Title, Labels.Status(c.StatusAt(now)), c.Kind.ToString().ToLowerInvariant(), c.OpensUtc, c.ClosesUtc, SiteClock.FormatDate(c.PlannedAdoptionDate), c.CommentCount);

    private static ConsultationDto Detail(Consultation c, DateTimeOffset now) => Summary(c, now) with
    {
        Summary = c.Summary,
        Department = c.Department,
        ShortPeriodReason = c.ShortPeriodReason,
        Articles = c.Articles.Select(a => new ArticleDto(a.Number, a.Markdown)).ToList(),
        FinalArticles = c.FinalArticles.Select(a => new ArticleDto(a.Number, a.Markdown)).ToList(),
        OutcomeReason = c.FinalizedUtc is null ? null : c.OutcomeReason,
        FinalizedUtc = c.FinalizedUtc,
    };

    private static CommentDto Public(Comment x, bool final) => new(
        x.ReceiptNumber, Labels.Author(x.PublishName, x.Name, "匿名"), x.Status == CommentStatus.Published && x.PublishName ? x.Organization : null, x.ArticleNumber, x.SubmittedUtc,
        x.Status.ToString().ToLowerInvariant(), x.Status == CommentStatus.Rejected ? Labels.RejectCode(x.RejectReason) : null,
        x.Status == CommentStatus.Published && x.ConsentToPublish ? x.PublicBody : "", x.GroupId,
        final && x.Disposition != Disposition.None ? new ResponseDto(Labels.DispositionCode(x.Disposition), x.ResponseReason, x.ResponseArticles) : null);
}
