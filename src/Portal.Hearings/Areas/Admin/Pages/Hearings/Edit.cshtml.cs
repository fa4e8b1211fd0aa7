using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Hearings.Admin;
using Portal.Hearings.Model;

namespace Portal.Hearings.Areas.Admin.Pages.Hearings;

/// <summary>Schedules a hearing: the notice, time and place, seats, registration window and the selection method.</summary>
[Authorize(Policy = HearingsPermissions.ManageHearings)]
public sealed class EditModel(PortalDb db, ScheduleHearing schedule, CancelHearing cancel, TimeProvider clock, IOptions<HearingOptions> options, IStringLocalizer<EditModel> l)
    : PageModel
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Organizer { get; set; }
        public string? Matters { get; set; }
        public string? LegalBasis { get; set; }
        public string? ConsultationSlug { get; set; }
        public DateTime? Starts { get; set; }
        public DateTime? Ends { get; set; }
        public string? VenueName { get; set; }
        public string? VenueAddress { get; set; }
        public string? Directions { get; set; }
        public string? Accessibility { get; set; }
        public string? OnlineOption { get; set; }
        public int Seats { get; set; }
        public int SpeakerSlots { get; set; }
        public DateTime? RegistrationOpens { get; set; }
        public DateTime? RegistrationCloses { get; set; }
        public SelectionMethod Selection { get; set; }
        public string? Categories { get; set; }
        public string? SelectionRules { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public int? Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public string? CancelReason { get; set; }

    public bool IsPublic { get; private set; }

    public string? Slug { get; private set; }

    /// <summary>Published and not yet held: its time and place can change (participants are told) and it can be cancelled.</summary>
    public bool IsUpcoming { get; private set; }

    public bool IsCancelled { get; private set; }

    public string? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>People holding a seat, a waitlist place or a lottery entry: who hears of a change or the cancellation.</summary>
    public int Participants { get; private set; }

    public int ClosesDaysBefore => options.Value.RegistrationClosesDaysBefore;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var h = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, HttpContext.RequestAborted);
            if (h is null)
            {
                return NotFound();
            }
            await ShowAsync(h);
            Input = new InputModel
            {
                Title = h.Title, Slug = h.Slug, Organizer = h.Organizer, Matters = h.Matters, LegalBasis = h.LegalBasis, ConsultationSlug = h.ConsultationSlug,
                Starts = SiteClock.ToLocal(h.StartsUtc).DateTime, Ends = SiteClock.ToLocal(h.EndsUtc).DateTime, VenueName = h.VenueName, VenueAddress = h.VenueAddress,
                Directions = h.Directions, Accessibility = h.Accessibility, OnlineOption = h.OnlineOption, Seats = h.Seats, SpeakerSlots = h.SpeakerSlots,
                RegistrationOpens = SiteClock.ToLocal(h.RegistrationOpensUtc).DateTime, RegistrationCloses = SiteClock.ToLocal(h.RegistrationClosesUtc).DateTime,
                Selection = h.Selection, Categories = string.Join("\n", h.Categories.Select(c => $"{c.Key} | {c.Label} | {c.Seats}")), SelectionRules = h.SelectionRules,
            };
            return Page();
        }
        var start = SiteClock.ToLocal(clock.GetUtcNow()).Date.AddDays(14).AddHours(9).AddMinutes(30);
        Input = new InputModel { Starts = start, Ends = start.AddHours(3), Seats = 30, SpeakerSlots = 10, RegistrationOpens = SiteClock.ToLocal(clock.GetUtcNow()).DateTime };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(false);

    public Task<IActionResult> OnPostPublishAsync() => SaveAsync(true);

    public async Task<IActionResult> OnPostCancelAsync()
    {
        var slug = await db.Set<Hearing>().Where(h => h.Id == Id).Select(h => h.Slug).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (slug is null)
        {
            return NotFound();
        }
        var result = await cancel.HandleAsync(slug, CancelReason, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = l["The hearing is cancelled. The public page shows the reason, and every participant is being told."].Value;
            return Redirect($"/admin/hearings/edit?id={Id}");
        }
        ModelState.AddModelError(result.Refusal!.Field is null ? "" : nameof(CancelReason), result.Refusal.Message);
        // The notice's fields were not part of this form: show them as stored.
        var shown = await OnGetAsync();
        Response.StatusCode = result.Refusal.Status is >= 400 and < 500 ? result.Refusal.Status : StatusCodes.Status422UnprocessableEntity;
        return shown;
    }

    private async Task ShowAsync(Hearing h)
    {
        var now = clock.GetUtcNow();
        IsPublic = h.IsPublic;
        Slug = h.Slug;
        IsCancelled = h.State == HearingState.Cancelled;
        IsUpcoming = h.State == HearingState.Published && h.EndsUtc > now;
        CancelledAt = h.CancelledUtc is { } at ? SiteClock.FormatDateTime(at) : null;
        CancellationReason = IsCancelled ? h.CancellationReason : null;
        Participants = await db.Set<Registration>().CountAsync(r => r.HearingId == h.Id && r.Status != RegistrationStatus.Cancelled, HttpContext.RequestAborted);
    }

    private async Task<IActionResult> SaveAsync(bool publish)
    {
        if (Input.Starts is null || Input.Ends is null)
        {
            ModelState.AddModelError("Input.Starts", l["Enter when the hearing starts and ends (site time)."]);
        }
        var categories = new List<CategoryQuota>();
        foreach (var line in (Input.Categories ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seats))
            {
                ModelState.AddModelError("Input.Categories", l["Write each category as: key | label | reserved seats."]);
                break;
            }
            categories.Add(new CategoryQuota(parts[0], parts[1], seats));
        }
        if (ModelState.ErrorCount > 0)
        {
            return await ReshowAsync(422);
        }
        var input = new HearingInput(Input.Title ?? "", Input.Slug, Input.Matters, Input.LegalBasis, Input.Organizer, Input.ConsultationSlug,
            SiteClock.FromLocal(Input.Starts!.Value), SiteClock.FromLocal(Input.Ends!.Value), Input.VenueName, Input.VenueAddress, Input.Directions,
            Input.Accessibility, Input.OnlineOption, Input.Seats, Input.SpeakerSlots,
            Input.RegistrationOpens is { } o ? SiteClock.FromLocal(o) : null, Input.RegistrationCloses is { } c ? SiteClock.FromLocal(c) : null,
            Input.Selection, categories, Input.SelectionRules);
        var result = await schedule.SaveAsync(Id, input, publish, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = result.Value!.IsPublic ? l["Saved and published. The public page shows the change at once."].Value : l["Saved. The hearing is not public until it is published."].Value;
            return Redirect($"/admin/hearings/edit?id={result.Value.Id}");
        }
        var refusal = result.Refusal!;
        if (refusal.Status == 404)
        {
            return NotFound();
        }
        ModelState.AddModelError(refusal.Field is null ? "" : "Input." + refusal.Field.Replace("Utc", "", StringComparison.Ordinal), refusal.Message);
        return await ReshowAsync(refusal.Status);
    }

    private async Task<IActionResult> ReshowAsync(int status)
    {
        if (Id is { } id)
        {
            var h = await db.Set<Hearing>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, HttpContext.RequestAborted);
            if (h is null)
            {
                return NotFound();
            }
            await ShowAsync(h);
        }
        Response.StatusCode = status is >= 400 and < 500 ? status : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
