using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Admin;
using Portal.Hearings.Model;
using Portal.Hearings.Public;
using Portal.Identity;

namespace Portal.Hearings.Api;

/// <summary>The hearings API (stable contract, in the OpenAPI document) and the staff API with the screens' permissions.</summary>
public static class HearingsApi
{
    public sealed record CategoryDto(string Key, string Label, int Seats);

    public sealed record HearingDto(
        string Slug, string Title, string Status, string Selection, DateTimeOffset StartsUtc, DateTimeOffset EndsUtc, string Venue,
        int SeatsTotal, int SeatsTaken, DateTimeOffset RegistrationOpensUtc, DateTimeOffset RegistrationClosesUtc, string? ConsultationSlug,
        string? Matters = null, string? LegalBasis = null, string? VenueAddress = null, string? Accessibility = null, string? OnlineOption = null,
        int? SpeakerSlots = null, IReadOnlyList<CategoryDto>? Categories = null, string? SelectionRules = null,
        string? LotterySeedPhrase = null, string? LotterySeed = null, DateTimeOffset? DrawnUtc = null, DateTimeOffset? RecordPublishedUtc = null,
        DateTimeOffset? CancelledUtc = null, string? CancellationReason = null);

    public sealed record NewRegistration(
        string? Name, string? Email, string? Phone, string? Affiliation, string? Category, bool WantsToSpeak, string? StatementSummary,
        string? AccessibilityNeeds, bool ConsentToList = true);

    public sealed record RegistrationCreated(string Code, string Status, string CancelToken, string StatusUrl);

    public sealed record NewHearing(
        string Title, string? Slug, string? Matters, string? LegalBasis, string? Organizer, string? ConsultationSlug,
        DateTimeOffset StartsUtc, DateTimeOffset EndsUtc, string? VenueName, string? VenueAddress, string? Directions, string? Accessibility,
        string? OnlineOption, int Seats, int SpeakerSlots, DateTimeOffset? RegistrationOpensUtc, DateTimeOffset? RegistrationClosesUtc,
        string Selection, IReadOnlyList<CategoryDto>? Categories, string? SelectionRules, bool Publish = true);

    public sealed record DrawRequest(string? SeedPhrase);

    public sealed record CancelRequest(string? Reason);

    private static Refusal SelectionRefusal(TextCatalog text) => EnumNames.NotOneOf(text, "selection", ["first_come", "lottery"]);

    public sealed record StatementDto(string Speaker, string? Affiliation, string Text);

    public sealed record RecordRequest(string Record, IReadOnlyList<StatementDto>? Statements);

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var open = endpoints.MapGroup("/api/v1/hearings").WithTags("Hearings");
        open.MapGet("/", async (PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var items = await db.Set<Hearing>().AsNoTracking().Where(h => h.State != HearingState.Draft).OrderByDescending(h => h.StartsUtc).ToListAsync(ct);
            return Results.Ok(new { items = items.Select(h => Summary(h, now)) });
        });
        open.MapGet("/{slug}", async (string slug, PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var h = await HearingPages.FindAsync(db, slug, ct);
            return h is null ? NotFound(slug) : Results.Ok(Detail(h, clock.GetUtcNow()));
        });
        open.MapPost("/{slug}/registrations", async (string slug, NewRegistration body, SignUpForHearing.Handler handler, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(slug, new SignUpForHearing.Command(body.Name ?? "", body.Email ?? "", body.Phone, body.Affiliation, body.Category,
                body.WantsToSpeak, body.StatementSummary, body.AccessibilityNeeds, body.ConsentToList), ct);
            if (!result.Succeeded)
            {
                return AdminApi.Problem(result.Refusal!);
            }
            var a = result.Value!;
            var url = $"/hearings/{a.HearingSlug}/registrations/{a.Code}?token={a.CancelToken}";
            return Results.Created(url, new RegistrationCreated(a.Code, a.Status, a.CancelToken, url));
        }).RequireRateLimiting(HearingsModule.SignUpRateLimit);
        open.MapDelete("/registrations/{code}", async (string code, string? token, CancelSignUp cancel, CancellationToken ct) =>
        {
            var result = await cancel.HandleAsync(code, token, ct);
            return result.Succeeded ? Results.Ok(new { code = result.Value!.Code, status = Labels.Registration(result.Value.Status) }) : AdminApi.Problem(result.Refusal!);
        });

        var admin = endpoints.MapGroup("/api/v1/admin/hearings").WithTags("Hearings (staff)");
        admin.MapPost("/", async (NewHearing body, ScheduleHearing schedule, TimeProvider clock, TextCatalog text, CancellationToken ct) =>
        {
            if (ToInput(body) is not { } input)
            {
                return AdminApi.Problem(SelectionRefusal(text));
            }
            var result = await schedule.SaveAsync(null, input, body.Publish, ct);
            return result.Succeeded ? Results.Created($"/api/v1/hearings/{result.Value!.Slug}", Detail(result.Value, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(HearingsPermissions.ManageHearings);
        // A change of time or place to a published hearing is written to every participant (see ScheduleHearing).
        admin.MapPut("/{slug}", async (string slug, NewHearing body, ScheduleHearing schedule, PortalDb db, TimeProvider clock, TextCatalog text, CancellationToken ct) =>
        {
            var id = await db.Set<Hearing>().Where(h => h.Slug == slug).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct);
            if (id is null)
            {
                return NotFound(slug);
            }
            if (ToInput(body with { Slug = body.Slug ?? slug }) is not { } input)
            {
                return AdminApi.Problem(SelectionRefusal(text));
            }
            var result = await schedule.SaveAsync(id, input, body.Publish, ct);
            return result.Succeeded ? Results.Ok(Detail(result.Value!, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(HearingsPermissions.ManageHearings);
        admin.MapPost("/{slug}/cancel", async (string slug, CancelRequest body, CancelHearing cancel, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await cancel.HandleAsync(slug, body.Reason, ct);
            return result.Succeeded ? Results.Ok(Detail(result.Value!, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(HearingsPermissions.ManageHearings);
        admin.MapPost("/{slug}/draw", async (string slug, DrawRequest? body, DrawLottery draw, TimeProvider clock, CancellationToken ct) =>
        {
            var result = await draw.HandleAsync(slug, body?.SeedPhrase, ct);
            return result.Succeeded ? Results.Ok(Detail(result.Value!, clock.GetUtcNow())) : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(HearingsPermissions.DrawLottery);
        admin.MapPost("/{slug}/record", async (string slug, RecordRequest body, PublishRecord publish, TimeProvider clock, CancellationToken ct) =>
        {
            var statements = (body.Statements ?? []).Select(s => new HearingStatementEntry(s.Speaker ?? "", s.Affiliation ?? "", s.Text ?? "")).ToList();
            var result = await publish.HandleAsync(slug, new PublishRecord.Command(body.Record ?? "", statements), ct);
            return result.Succeeded
                ? Results.Ok(new { hearing = Detail(result.Value!, clock.GetUtcNow()), statements = result.Value!.Statements.Select(s => new { s.Speaker, s.Affiliation, s.Text, commentReceipt = s.CommentReceipt }) })
                : AdminApi.Problem(result.Refusal!);
        }).RequirePermission(HearingsPermissions.PublishRecords);
    }

    private static HearingInput? ToInput(NewHearing body) => Labels.ParseSelection(body.Selection) is not { } selection ? null
        : new HearingInput(body.Title ?? "", body.Slug, body.Matters, body.LegalBasis, body.Organizer, body.ConsultationSlug, body.StartsUtc, body.EndsUtc,
            body.VenueName, body.VenueAddress, body.Directions, body.Accessibility, body.OnlineOption, body.Seats, body.SpeakerSlots,
            body.RegistrationOpensUtc, body.RegistrationClosesUtc, selection,
            (body.Categories ?? []).Select(c => new CategoryQuota(c.Key ?? "", c.Label ?? c.Key ?? "", c.Seats)).ToList(), body.SelectionRules);

    private static IResult NotFound(string slug) => Results.Problem(statusCode: 404, title: "Not found", detail: $"No hearing '{slug}'.");

    private static HearingDto Summary(Hearing h, DateTimeOffset now) => new(
        h.Slug, h.Title, Labels.Status(h.StatusAt(now)), Labels.Selection(h.Selection), h.StartsUtc, h.EndsUtc, $"{h.VenueName} {h.VenueAddress}".Trim(),
        h.Seats, h.SeatsTaken, h.RegistrationOpensUtc, h.RegistrationClosesUtc, h.ConsultationSlug);

    private static HearingDto Detail(Hearing h, DateTimeOffset now) => Summary(h, now) with
    {
        Matters = h.Matters,
        LegalBasis = h.LegalBasis,
        VenueAddress = h.VenueAddress,
        Accessibility = h.Accessibility,
        OnlineOption = h.OnlineOption,
        SpeakerSlots = h.SpeakerSlots,
        Categories = h.Categories.Select(c => new CategoryDto(c.Key, c.Label, c.Seats)).ToList(),
        SelectionRules = h.SelectionRules,
        LotterySeedPhrase = h.LotterySeedPhrase,
        LotterySeed = h.LotterySeed,
        DrawnUtc = h.DrawnUtc,
        RecordPublishedUtc = h.RecordPublishedUtc,
        CancelledUtc = h.CancelledUtc,
        CancellationReason = h.State == HearingState.Cancelled ? h.CancellationReason : null,
    };
}
