using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Hearings.Public;

/// <summary>The public side: the list, a hearing with its sign-up form, the confirmation with code and calendar, cancellation.</summary>
public static class HearingPages
{
    public sealed class SignUpForm
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Affiliation { get; set; }
        public string? Category { get; set; }
        public string? WantsToSpeak { get; set; }
        public string? StatementSummary { get; set; }
        public string? AccessibilityNeeds { get; set; }
        public string? HideName { get; set; }
        public string? Website { get; set; }
    }

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/hearings", async (HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var all = await db.Set<Hearing>().AsNoTracking().Where(h => h.State != HearingState.Draft).OrderBy(h => h.StartsUtc).ToListAsync(http.RequestAborted);
            var items = all.Select(h => ListItem(h, now, text)).ToList();
            var title = text.Translate("Public hearings");
            return await pages.PageAsync(http, "Hearings/List",
                new HearingListPage(items.Where(i => i.Status != "held").ToList(), items.Where(i => i.Status == "held").Reverse().ToList()),
                new PageMeta(title) { ColumnName = title, ColumnSlug = "hearings", Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(title, null)] });
        }).CachePublicPage();

        endpoints.MapGet("/hearings/{slug}", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock, IAntiforgery antiforgery) =>
        {
            // Not output-cached (the form carries an antiforgery token), so every view runs the page's queries.
            await using var open = await db.KeepConnectionOpenAsync(http.RequestAborted);
            var hearing = await FindAsync(db, slug, http.RequestAborted);
            if (hearing is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("There is no hearing at this address."));
            }
            var model = await HearingView.BuildAsync(db, text, clock.GetUtcNow(), hearing, antiforgery.GetAndStoreTokens(http), null, null, null, http.RequestAborted);
            return await RenderAsync(http, pages, text, model, 200);
        });

        endpoints.MapGet("/hearings/{slug}/seats.json", async (string slug, HttpContext http, PortalDb db, TimeProvider clock) =>
        {
            var hearing = await FindAsync(db, slug, http.RequestAborted);
            if (hearing is null)
            {
                return Results.Problem(statusCode: 404, title: "Not found", detail: $"No hearing '{slug}'.");
            }
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new
            {
                seatsTotal = hearing.Seats,
                seatsTaken = hearing.SeatsTaken,
                seatsLeft = Math.Max(0, hearing.Seats - hearing.SeatsTaken),
                status = Labels.Status(hearing.StatusAt(clock.GetUtcNow())),
            });
        });

        endpoints.MapPost("/hearings/{slug}/registrations", async (string slug, [FromForm] SignUpForm form, HttpContext http, PortalDb db, ThemedPages pages,
            TextCatalog text, TimeProvider clock, IAntiforgery antiforgery, SignUpForHearing.Handler handler) =>
        {
            var command = new SignUpForHearing.Command(form.Name ?? "", form.Email ?? "", form.Phone, form.Affiliation, form.Category, form.WantsToSpeak == "on",
                form.StatementSummary, form.AccessibilityNeeds, ConsentToList: form.HideName != "on", Honeypot: form.Website);
            var result = await handler.HandleAsync(slug, command, http.RequestAborted);
            if (result.Succeeded)
            {
                return Results.Redirect($"/hearings/{slug}/registrations/{result.Value!.Code}?token={result.Value.CancelToken}&new=1");
            }
            var refusal = result.Refusal!;
            var hearing = await FindAsync(db, slug, http.RequestAborted);
            if (hearing is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, refusal.Message);
            }
            var values = new SignUpValues(form.Name ?? "", form.Email ?? "", form.Phone ?? "", form.Affiliation ?? "", form.Category ?? "", form.WantsToSpeak == "on",
                form.StatementSummary ?? "", form.AccessibilityNeeds ?? "", form.HideName != "on");
            var model = await HearingView.BuildAsync(db, text, clock.GetUtcNow(), hearing, antiforgery.GetAndStoreTokens(http), values, refusal.Field, refusal.Message, http.RequestAborted);
            return await RenderAsync(http, pages, text, model, refusal.Status);
        }).RequireRateLimiting(HearingsModule.SignUpRateLimit);

        endpoints.MapGet("/hearings/{slug}/registrations/{code}.ics", async (string slug, string code, string? token, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text) =>
        {
            var registration = await FindRegistrationAsync(db, slug, code, token, http.RequestAborted);
            if (registration is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("No registration matches this link. Use the full link from your confirmation."));
            }
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(HearingCalendar.CreateIcs(registration.Hearing!, registration), "text/calendar; charset=utf-8", $"{registration.Code}.ics");
        });

        endpoints.MapGet("/hearings/{slug}/registrations/{code}", async (string slug, string code, string? token, string? @new, HttpContext http, PortalDb db,
            ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var registration = await FindRegistrationAsync(db, slug, code, token, http.RequestAborted);
            if (registration is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("No registration matches this link. Use the full link from your confirmation."));
            }
            var hearing = registration.Hearing!;
            int? position = null;
            if (registration.Status == RegistrationStatus.Waitlisted)
            {
                position = 1 + await db.Set<Registration>().CountAsync(r => r.HearingId == hearing.Id && r.Status == RegistrationStatus.Waitlisted
                    && (r.Rank < registration.Rank || (r.Rank == registration.Rank && r.Id < registration.Id)), http.RequestAborted);
            }
            var query = $"?token={Uri.EscapeDataString(token!)}";
            var model = new RegistrationPage(registration.Code, Labels.Registration(registration.Status), Labels.RegistrationLabel(text, registration.Status),
                hearing.Title, $"/hearings/{hearing.Slug}", SiteClock.FormatDateTime(hearing.StartsUtc), $"{hearing.VenueName} {hearing.VenueAddress}".Trim(),
                registration.Name, position, @new == "1", registration.Status == RegistrationStatus.Cancelled,
                new SafeHtml(Portal.Core.Text.QrCodeSvg.ToSvg(registration.Code, text.Translate("QR code of the registration code"))),
                $"/hearings/{hearing.Slug}/registrations/{registration.Code}.ics{query}", $"/hearings/{hearing.Slug}/registrations/{registration.Code}/cancel{query}",
                registration.Status != RegistrationStatus.Cancelled && hearing.State != HearingState.Cancelled && clock.GetUtcNow() < hearing.StartsUtc,
                hearing.State == HearingState.Cancelled && hearing.CancelledUtc is { } cancelled ? SiteClock.FormatDateTime(cancelled) : null,
                hearing.State == HearingState.Cancelled ? hearing.CancellationReason : null);
            NoStore(http);
            var title = text.Translate("Your registration");
            return await pages.PageAsync(http, "Hearings/Registration", model, new PageMeta(title) { ColumnName = title, ColumnSlug = "hearings" });
        });

        endpoints.MapGet("/hearings/{slug}/registrations/{code}/cancel", async (string slug, string code, string? token, HttpContext http, PortalDb db,
            ThemedPages pages, TextCatalog text, IAntiforgery antiforgery) =>
        {
            var registration = await FindRegistrationAsync(db, slug, code, token, http.RequestAborted);
            if (registration is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("No registration matches this link. Use the full link from your confirmation."));
            }
            return await CancelPageAsync(http, pages, text, antiforgery, registration, token!, registration.Status == RegistrationStatus.Cancelled, null, 200);
        });

        endpoints.MapPost("/hearings/{slug}/registrations/{code}/cancel", async (string slug, string code, [FromForm] string? token, HttpContext http, PortalDb db,
            ThemedPages pages, TextCatalog text, IAntiforgery antiforgery, CancelSignUp cancel) =>
        {
            var registration = await FindRegistrationAsync(db, slug, code, token, http.RequestAborted);
            if (registration is null)
            {
                return await ErrorPages.RenderAsync(http, pages, 404, text.Translate("No registration matches this link. Use the full link from your confirmation."));
            }
            db.ChangeTracker.Clear();
            var result = await cancel.HandleAsync(code, token, http.RequestAborted);
            return result.Succeeded
                ? await CancelPageAsync(http, pages, text, antiforgery, result.Value!, token!, true, null, 200)
                : await CancelPageAsync(http, pages, text, antiforgery, registration, token!, false, result.Refusal!.Message, result.Refusal.Status);
        });

        endpoints.MapGet("/hearings/{slug}/materials/{index:int}/{fileName}", async (string slug, int index, HttpContext http, PortalDb db, PortalPaths paths) =>
        {
            var hearing = await FindAsync(db, slug, http.RequestAborted);
            if (hearing?.MaterialsReleasedUtc is null || index < 1 || index > hearing.Materials.Count)
            {
                return Results.NotFound();
            }
            var material = hearing.Materials[index - 1];
            var path = Path.Combine(paths.Uploads, material.StoredName);
            if (!File.Exists(path))
            {
                return Results.NotFound();
            }
            // Materials are stored under a new name each time, never rewritten in place: the name is the file's version.
            return Portal.Disclosure.Public.DownloadAttachment.Serve(http, path, material.ContentType, material.FileName, Path.GetFileNameWithoutExtension(material.StoredName), material.Title);
        });
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static Task<IResult> CancelPageAsync(HttpContext http, ThemedPages pages, TextCatalog text, IAntiforgery antiforgery, Registration registration,
        string token, bool done, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var hearing = registration.Hearing!;
        var model = new CancelPage(registration.Code, hearing.Title, $"/hearings/{hearing.Slug}", Labels.RegistrationLabel(text, registration.Status), done,
            tokens.FormFieldName, tokens.RequestToken ?? "", $"/hearings/{hearing.Slug}/registrations/{registration.Code}/cancel", token, error);
        NoStore(http);
        var title = text.Translate("Cancel your registration");
        return pages.PageAsync(http, "Hearings/Cancel", model, new PageMeta(title) { ColumnName = title, ColumnSlug = "hearings" }, status);
    }

    internal static Task<Hearing?> FindAsync(PortalDb db, string slug, CancellationToken cancellationToken) =>
        db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(h => h.Slug == slug && h.State != HearingState.Draft, cancellationToken);

    private static async Task<Registration?> FindRegistrationAsync(PortalDb db, string slug, string code, string? token, CancellationToken cancellationToken)
    {
        code = RegistrationCodes.Normalize(code);
        var registration = await db.Set<Registration>().Include(r => r.Hearing).FirstOrDefaultAsync(r => r.Code == code, cancellationToken);
        // The token in the link is the person's proof; a code alone reveals nothing.
        return registration is null || registration.Hearing!.Slug != slug || !CancelSignUp.TokenMatches(registration, token) ? null : registration;
    }

    private static Task<IResult> RenderAsync(HttpContext http, ThemedPages pages, TextCatalog text, HearingPage model, int status)
    {
        var meta = new PageMeta(model.Title)
        {
            ColumnName = text.Translate("Public hearings"),
            ColumnSlug = "hearings",
            ArticleTitle = model.Title,
            ContentSource = model.Organizer,
            Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(text.Translate("Public hearings"), "/hearings"), new Breadcrumb(model.Title, null)],
        };
        return pages.PageAsync(http, "Hearings/Hearing", model, meta, status);
    }

    internal static HearingListItem ListItem(Hearing h, DateTimeOffset now, TextCatalog text)
    {
        var status = h.StatusAt(now);
        return new HearingListItem(h.Title, $"/hearings/{h.Slug}", Labels.Status(status), Labels.StatusLabel(text, status), SiteClock.FormatDateTime(h.StartsUtc),
            h.VenueName, Labels.SelectionLabel(text, h.Selection), Math.Max(0, h.Seats - h.SeatsTaken), status == HearingStatus.Open, h.Selection == SelectionMethod.Lottery);
    }
}
