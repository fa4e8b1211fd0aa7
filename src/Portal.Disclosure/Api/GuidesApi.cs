using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Admin;
using Portal.Disclosure.Model;
using Portal.Identity;

namespace Portal.Disclosure.Api;

/// <summary>
/// Service guides (办事指南) over HTTP: the public read API, and the staff API with the same rules as the admin pages
/// (<see cref="GuideCommands"/>): editors write drafts and change guides, publishing and unpublishing need
/// <c>Disclosure.Publish</c>. A change to a public guide goes out at once, dated "updated on".
/// </summary>
public static class GuidesApi
{
    public sealed record GuideSummaryDto(int Id, string Slug, string ItemName, string ItemCode, string Department, string Category, string State, string? PublishedAt, string? UpdatedAt, string Url);

    public sealed record GuideDto(
        int Id, string Slug, string ItemName, string ItemCode, string Department, string Category, string Summary,
        IReadOnlyList<string> LegalBasis, IReadOnlyList<string> Conditions, IReadOnlyList<GuideMaterial> Materials, IReadOnlyList<GuideStep> Steps,
        int PromisedDays, int StatutoryDays, IReadOnlyList<GuideFee> Fees, IReadOnlyList<GuideQuestion> Faq,
        string Where, string Hours, string Phone, string Online, string State, string? PublishedAt, string? UpdatedAt, string Url);

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/guides", async (PortalDb db, TimeProvider clock, CancellationToken ct) =>
            (await db.Set<ServiceGuide>().AsNoTracking().PublicAt(clock.GetUtcNow()).OrderBy(g => g.ItemName).ToListAsync(ct)).Select(ToSummary));
        endpoints.MapGet("/api/v1/guides/{slug}", async (string slug, PortalDb db, TimeProvider clock, CancellationToken ct) =>
            await db.Set<ServiceGuide>().AsNoTracking().PublicAt(clock.GetUtcNow()).FirstOrDefaultAsync(g => g.Slug == slug, ct) is { } g
                ? Results.Ok(ToDto(g)) : Results.Problem(statusCode: 404, title: "Not found", detail: $"No public service guide '{slug}'."));

        var admin = endpoints.MapAdminApi("/guides").RequirePermission(DisclosurePermissions.EditContent);
        admin.MapGet("/", async (PortalDb db, CancellationToken ct) =>
            (await db.Set<ServiceGuide>().AsNoTracking().OrderByDescending(g => g.ModifiedUtc).Take(500).ToListAsync(ct)).Select(ToSummary));
        admin.MapGet("/{id:int}", async (int id, PortalDb db, CancellationToken ct) =>
            await db.Set<ServiceGuide>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct) is { } g
                ? Results.Ok(ToDto(g)) : Results.Problem(statusCode: 404, title: "Not found", detail: $"No service guide {id}."));
        admin.MapPost("/", async (GuideInput input, GuideCommands commands, CancellationToken ct) =>
        {
            var saved = await commands.SaveAsync(null, input, ct);
            return saved.Succeeded ? Results.Created($"/api/v1/admin/guides/{saved.Value!.Id}", ToDto(saved.Value)) : Refused(saved);
        });
        admin.MapPut("/{id:int}", async (int id, GuideInput input, GuideCommands commands, CancellationToken ct) =>
            Respond(await commands.SaveAsync(id, input, ct)));
        // Publishes what is stored, or (with a body) applies the body and publishes it in one write, as the page does.
        admin.MapPost("/{id:int}/publish", async (int id, HttpRequest request, GuideCommands commands, PortalDb db, CancellationToken ct) =>
        {
            GuideInput? input = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    input = await request.ReadFromJsonAsync<GuideInput>(ct);
                }
                catch (System.Text.Json.JsonException e)
                {
                    return Results.Problem(statusCode: 400, title: "Invalid JSON", detail: e.Message);
                }
            }
            if (input is null)
            {
                if (await db.Set<ServiceGuide>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct) is not { } stored)
                {
                    return Results.Problem(statusCode: 404, title: "Not found", detail: $"No service guide {id}.");
                }
                input = GuideInput.From(stored);
            }
            return Respond(await commands.PublishAsync(id, input, ct));
        }).RequirePermission(DisclosurePermissions.PublishContent);
        admin.MapPost("/{id:int}/unpublish", async (int id, GuideCommands commands, CancellationToken ct) =>
            Respond(await commands.UnpublishAsync(id, ct))).RequirePermission(DisclosurePermissions.PublishContent);
    }

    private static IResult Respond(Portal.Core.Result<ServiceGuide> result) => result.Succeeded ? Results.Ok(ToDto(result.Value!)) : Refused(result);

    private static IResult Refused(Portal.Core.Result<ServiceGuide> result) => AdminApi.Problem(result.Refusal!);

    private static string? Format(DateTimeOffset? at) => at is { } value ? SiteClock.FormatDateTime(value) : null;

    private static GuideSummaryDto ToSummary(ServiceGuide g) =>
        new(g.Id, g.Slug, g.ItemName, g.ItemCode, g.Department, g.Category, g.State.ToString(), Format(g.PublishedUtc), Format(g.UpdatedUtc), $"/guides/{g.Slug}");

    private static GuideDto ToDto(ServiceGuide g) => new(
        g.Id, g.Slug, g.ItemName, g.ItemCode, g.Department, g.Category, g.Summary, g.LegalBasis, g.Conditions, g.Materials, g.Steps,
        g.PromisedDays, g.StatutoryDays, g.Fees, g.Faq, g.Where, g.Hours, g.Phone, g.Online,
        g.State.ToString(), Format(g.PublishedUtc), Format(g.UpdatedUtc), $"/guides/{g.Slug}");
}
