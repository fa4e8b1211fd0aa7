using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Identity;
using Portal.Statements.Admin;
using Portal.Statements.Model;
using Portal.Statements.Public;

namespace Portal.Statements.Api;

/// <summary>The open-data API (public now only, the same rule as the pages) and the staff API calling the same use cases as the screens.</summary>
public static class StatementsApi
{
    public sealed record QaDto(string Questioner, string Outlet, string Question, string Answerer, string Answer);

    public sealed record RelatedDto(string Source, string Slug, string Url);

    public sealed record RevisionDto(int Number, DateTimeOffset PublishedUtc, string Note, string Title, string Summary, string Body, IReadOnlyList<QaDto> Questions);

    public sealed record AttachmentDto(string Title, string FileName, string ContentType, long Size, string Url);

    public sealed record StatementDto(
        string Slug, string Kind, string Title, string Status, DateTimeOffset PublishUtc, string Url, string Speaker, string Summary,
        DateTimeOffset? CorrectedUtc = null, string? CorrectionNote = null, DateTimeOffset? RetractedUtc = null, string? RetractionReason = null,
        string? Body = null, IReadOnlyList<QaDto>? Questions = null, RelatedDto? Explains = null, IReadOnlyList<AttachmentDto>? Attachments = null,
        IReadOnlyList<RevisionDto>? Revisions = null);

    public sealed record StaffStatementDto(int Id, string Slug, string Kind, string Title, string State, DateTimeOffset? PublishUtc, string Author, string ReviewedBy, int RevisionCount);

    public sealed record NewStatement(
        string? Kind, string? Title, string? Slug, string? Summary, string? Speaker, string? Body, IReadOnlyList<QaDto>? Questions, string? RelatedSource, string? RelatedSlug);

    public sealed record ScheduleRequest(DateTimeOffset? PublishUtc);

    public sealed record CorrectRequest(string? Body, string? Note, string? Title, string? Summary, IReadOnlyList<QaDto>? Questions);

    public sealed record RetractRequest(string? Reason);

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup("/api/v1/statements").WithTags("Statements");
        open.MapGet("/", async (string? kind, string? page, PortalDb db, TimeProvider clock, TextCatalog text, CancellationToken ct) =>
        {
            var query = db.Set<Statement>().AsNoTracking().PublicAt(clock.GetUtcNow());
            if (kind is { Length: > 0 })
            {
                if (StatementLabels.ParseKind(kind) is not { } k)
                {
                    return AdminApi.Problem(KindRefusal(text, 400));
                }
                query = query.Where(s => s.Kind == k);
            }
            var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
            var total = await query.CountAsync(ct);
            var rows = await query.OrderByDescending(s => s.PublishUtc).ThenByDescending(s => s.Id).Skip((number - 1) * 50).Take(50).ToListAsync(ct);
            return Results.Ok(new { total, page = number, pageSize = 50, items = rows.Select(Summary) });
        });
        open.MapGet("/{slug}", async (string slug, PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var s = await db.Set<Statement>().AsNoTracking().Include(x => x.Revisions).Include(x => x.Attachments).AsSplitQuery()
                .PublicAt(clock.GetUtcNow()).FirstOrDefaultAsync(x => x.Slug == slug, ct);
            return s is null ? NotFound(slug) : Results.Ok(Detail(s));
        });

        var admin = endpoints.MapGroup("/api/v1/admin/statements").WithTags("Statements (staff)");
        admin.MapGet("/", async (PortalDb db, CancellationToken ct) =>
        {
            var rows = await db.Set<Statement>().AsNoTracking().OrderByDescending(s => s.ModifiedUtc).Take(500).ToListAsync(ct);
            return Results.Ok(new { items = rows.Select(Staff) });
        }).RequirePermission(StatementsPermissions.Draft);
        admin.MapPost("/", async (NewStatement body, DraftStatement drafts, ClaimsPrincipal user, TextCatalog text, CancellationToken ct) =>
        {
            if (StatementLabels.ParseKind(body.Kind) is not { } kind)
            {
                return AdminApi.Problem(KindRefusal(text));
            }
            var result = await drafts.SaveAsync(null, new StatementInput(kind, body.Title ?? "", body.Slug, body.Summary, body.Speaker, body.Body, ToBlocks(body.Questions),
                body.RelatedSource, body.RelatedSlug), user.Identity?.Name ?? "", ct);
            return result.Succeeded ? Results.Created($"/api/v1/admin/statements/{result.Value!.Slug}", Staff(result.Value)) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(StatementsPermissions.Draft);
        admin.MapPost("/{slug}/review", (string slug, PortalDb db, DraftStatement drafts, CancellationToken ct) =>
            ActAsync(db, slug, id => drafts.RequestReviewAsync(id, ct), ct)).RequirePermission(StatementsPermissions.Draft);
        admin.MapPost("/{slug}/approve", (string slug, PortalDb db, DraftStatement drafts, ClaimsPrincipal user, CancellationToken ct) =>
            ActAsync(db, slug, id => drafts.ApproveAsync(id, user.Identity?.Name ?? "", ct), ct)).RequirePermission(StatementsPermissions.Review);
        admin.MapPost("/{slug}/schedule", (string slug, ScheduleRequest body, PortalDb db, PublishStatement publish, ClaimsPrincipal user, TextCatalog text, CancellationToken ct) =>
            body.PublishUtc is { } at
                ? ActAsync(db, slug, id => publish.ScheduleAsync(id, at, user.Identity?.Name ?? "", ct), ct)
                : Task.FromResult(AdminApi.Problem(new Refusal(text.Translate("Give the release time (publishUtc)."), "PublishUtc", 422))))
            .RequirePermission(StatementsPermissions.Publish);
        admin.MapPost("/{slug}/publish", (string slug, PortalDb db, PublishStatement publish, ClaimsPrincipal user, CancellationToken ct) =>
            ActAsync(db, slug, id => publish.PublishNowAsync(id, user.Identity?.Name ?? "", ct), ct)).RequirePermission(StatementsPermissions.Publish);
        admin.MapPost("/{slug}/unschedule", (string slug, PortalDb db, PublishStatement publish, CancellationToken ct) =>
            ActAsync(db, slug, id => publish.UnscheduleAsync(id, ct), ct)).RequirePermission(StatementsPermissions.Publish);
        admin.MapPost("/{slug}/correct", (string slug, CorrectRequest body, PortalDb db, CorrectStatement correct, ClaimsPrincipal user, CancellationToken ct) =>
            ActAsync(db, slug, id => correct.HandleAsync(id, new Correction(body.Title, body.Summary, body.Body ?? "", body.Questions is null ? null : ToBlocks(body.Questions), body.Note ?? ""),
                user.Identity?.Name ?? "", ct), ct)).RequirePermission(StatementsPermissions.Publish);
        admin.MapPost("/{slug}/retract", (string slug, RetractRequest body, PortalDb db, RetractStatement retract, ClaimsPrincipal user, CancellationToken ct) =>
            ActAsync(db, slug, id => retract.HandleAsync(id, body.Reason ?? "", user.Identity?.Name ?? "", ct), ct)).RequirePermission(StatementsPermissions.Publish);
    }

    private static async Task<IResult> ActAsync(PortalDb db, string slug, Func<int, Task<Result<Statement>>> action, CancellationToken ct)
    {
        var id = await db.Set<Statement>().Where(s => s.Slug == slug).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return NotFound(slug);
        }
        var result = await action(id.Value);
        return result.Succeeded ? Results.Ok(Staff(result.Value!)) : AdminApi.Problem(result.Refusal!);
    }

    private static List<QaBlock> ToBlocks(IReadOnlyList<QaDto>? questions) =>
        (questions ?? []).Select(q => new QaBlock(q.Questioner ?? "", q.Outlet ?? "", q.Question ?? "", q.Answerer ?? "", q.Answer ?? "")).ToList();

    private static Refusal KindRefusal(TextCatalog text, int status = 422) =>
        EnumNames.NotOneOf(text, "kind", ["press-release", "statement", "transcript", "interpretation"], status);

    private static IResult NotFound(string slug) => AdminApi.Problem(new Refusal($"There is no statement '{slug}'.", Status: 404));

    private static StaffStatementDto Staff(Statement s) =>
        new(s.Id, s.Slug, StatementLabels.KindCode(s.Kind), s.Title, StatementLabels.StateCode(s.State), s.PublishUtc, s.Author, s.ReviewedBy, s.RevisionCount);

    internal static StatementDto Summary(Statement s) =>
        new(s.Slug, StatementLabels.KindCode(s.Kind), s.Title, StatementLabels.PublicStatus(s), s.PublishUtc!.Value, StatementLabels.Url(s.Slug), s.Speaker,
            s.State == StatementState.Retracted ? "" : s.Summary, s.CorrectedUtc, s.CorrectedUtc is null ? null : s.CorrectionNote,
            s.RetractedUtc, s.State == StatementState.Retracted ? s.RetractionReason : null);

    /// <summary>A retracted statement answers with its reason; its withdrawn text is kept in the database, not served.</summary>
    internal static StatementDto Detail(Statement s)
    {
        if (s.State == StatementState.Retracted)
        {
            return Summary(s);
        }
        return Summary(s) with
        {
            Body = s.BodyMarkdown,
            Questions = s.Questions.Select(Dto).ToList(),
            Explains = s.Kind == StatementKind.Interpretation && s.RelatedSlug is { } slug
                ? new RelatedDto(s.RelatedSource ?? "", slug, s.RelatedSource == "consultations" ? $"/consultations/{slug}" : $"/documents/{slug}")
                : null,
            Attachments = s.Attachments.OrderBy(a => a.Order).Select(a => new AttachmentDto(a.Title, a.FileName, a.ContentType, a.Size, StatementLabels.AttachmentUrl(s.Slug, a))).ToList(),
            Revisions = s.Revisions.OrderBy(r => r.Number).Select(r => new RevisionDto(r.Number, r.PublishedUtc, r.Note, r.Title, r.Summary, r.BodyMarkdown, r.Questions.Select(Dto).ToList())).ToList(),
        };
    }

    private static QaDto Dto(QaBlock q) => new(q.Questioner, q.Outlet, q.Question, q.Answerer, q.Answer);
}
