using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;
using Portal.Disclosure.Public;
using Portal.Identity;

namespace Portal.Disclosure.Api;

/// <summary>Public read API and the staff API for documents.</summary>
public static class DisclosureApi
{
    public sealed record SectionDto(string Slug, string Name, string NameEn, string Kind, int Order);

    public sealed record DocumentSummaryDto(string Slug, string Title, string Section, string IndexNumber, string? DocNumber, string Validity, string PublishedAt, string Url);

    public sealed record DocumentDto(
        int Id, string Slug, string Title, string Section, string IndexNumber, string? DocNumber, string IssuingBody, string? WrittenOn,
        string? EffectiveOn, string Validity, string? AbolishedOn, IReadOnlyList<string> Topics, string Summary, string BodyHtml,
        string State, string? PublishedAt, string? UpdatedAt, int Revisions);

    public sealed record PublishRequest(DateTimeOffset? PublishUtc, string? ChangeNote);

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/sections", async (PortalDb db, CancellationToken ct) =>
            (await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order).ToListAsync(ct))
                .Select(s => new SectionDto(s.Slug, s.NameZh, s.NameEn, s.Kind.ToString(), s.Order)));

        endpoints.MapGet("/api/v1/documents", async (string? section, string? page, PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var query = db.Set<Document>().AsNoTracking().PublicAt(clock.GetUtcNow());
            if (!string.IsNullOrEmpty(section))
            {
                query = query.Where(d => d.Section!.Slug == section);
            }
            var total = await query.CountAsync(ct);
            var pageNumber = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
            var items = await query.OrderByDescending(d => d.PublishedUtc).ThenByDescending(d => d.Id)
                .Skip((pageNumber - 1) * 20).Take(20)
                .Select(d => new { d.Slug, d.Title, Section = d.Section!.Slug, d.IndexNumber, d.DocNumber, d.Validity, d.PublishedUtc })
                .ToListAsync(ct);
            return Results.Ok(new
            {
                total,
                page = pageNumber,
                items = items.Select(d => new DocumentSummaryDto(d.Slug, d.Title, d.Section, d.IndexNumber, d.DocNumber,
                    Labels.Validity(d.Validity), SiteClock.FormatDateTime(d.PublishedUtc!.Value), $"/documents/{d.Slug}")),
            });
        });

        endpoints.MapGet("/api/v1/documents/{slug}", async (string slug, PortalDb db, TimeProvider clock, CancellationToken ct) =>
            await db.Set<Document>().AsNoTracking().Include(d => d.Section).PublicAt(clock.GetUtcNow()).FirstOrDefaultAsync(d => d.Slug == slug, ct)
                is { } d ? Results.Ok(ToDto(d)) : Results.Problem(statusCode: 404, title: "Not found", detail: $"No public document '{slug}'."));

        var admin = endpoints.MapAdminApi("/documents").RequirePermission(DisclosurePermissions.EditContent);
        admin.MapGet("/", async (PortalDb db, CancellationToken ct) =>
            (await db.Set<Document>().AsNoTracking().Include(d => d.Section).OrderByDescending(d => d.ModifiedUtc).Take(200).ToListAsync(ct)).Select(ToDto));
        admin.MapGet("/{id:int}", async (int id, PortalDb db, CancellationToken ct) =>
            await db.Set<Document>().AsNoTracking().Include(d => d.Section).FirstOrDefaultAsync(d => d.Id == id, ct) is { } d
                ? Results.Ok(ToDto(d)) : Results.Problem(statusCode: 404, title: "Not found", detail: $"No document {id}."));
        admin.MapPost("/", async (DocumentInput input, DocumentCommands commands, PortalDb db, CancellationToken ct) =>
        {
            var result = await commands.SaveDraftAsync(null, input, ct);
            return result.Succeeded ? Results.Created($"/api/v1/admin/documents/{result.Value!.Id}", await LoadDtoAsync(db, result.Value.Id, ct)) : AdminApi.Problem(result.Refusal!);
        });
        admin.MapPut("/{id:int}", async (int id, DocumentInput input, DocumentCommands commands, PortalDb db, CancellationToken ct) =>
        {
            var result = await commands.SaveDraftAsync(id, input, ct);
            return result.Succeeded ? Results.Ok(await LoadDtoAsync(db, id, ct)) : AdminApi.Problem(result.Refusal!);
        });
        admin.MapPost("/{id:int}/publish", async (int id, PublishRequest request, DocumentCommands commands, ClaimsPrincipal user, PortalDb db, CancellationToken ct) =>
        {
            var result = await commands.PublishAsync(id, null, request.PublishUtc?.ToUniversalTime(), request.ChangeNote, user.Identity?.Name ?? "", ct);
            return result.Succeeded ? Results.Ok(await LoadDtoAsync(db, id, ct)) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(DisclosurePermissions.PublishContent);
        admin.MapPost("/{id:int}/unpublish", async (int id, DocumentCommands commands, PortalDb db, CancellationToken ct) =>
        {
            var result = await commands.UnpublishAsync(id, ct);
            return result.Succeeded ? Results.Ok(await LoadDtoAsync(db, id, ct)) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(DisclosurePermissions.PublishContent);
    }

    private static async Task<DocumentDto> LoadDtoAsync(PortalDb db, int id, CancellationToken ct) =>
        ToDto(await db.Set<Document>().AsNoTracking().Include(d => d.Section).FirstAsync(d => d.Id == id, ct));

    private static DocumentDto ToDto(Document d) => new(
        d.Id, d.Slug, d.Title, d.Section?.Slug ?? "", d.IndexNumber, d.DocNumber, d.IssuingBody,
        d.WrittenOn is { } w ? SiteClock.FormatDate(w) : null, d.EffectiveOn is { } e ? SiteClock.FormatDate(e) : null,
        Labels.Validity(d.Validity), d.AbolishedOn is { } a ? SiteClock.FormatDate(a) : null, d.TopicList, d.Summary, d.BodySanitizedHtml,
        d.State.ToString(), d.PublishedUtc is { } p ? SiteClock.FormatDateTime(p) : null, d.UpdatedUtc is { } u ? SiteClock.FormatDateTime(u) : null,
        d.RevisionCount);
}
