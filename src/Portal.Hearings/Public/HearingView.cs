using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Hearings.Model;
using Labels = Portal.Hearings.Model.Labels;
using Portal.Theming;

namespace Portal.Hearings.Public;

/// <summary>Builds the public page of a hearing. Contacts never leave this module; the list shows names by consent only.</summary>
internal static class HearingView
{
    public static async Task<HearingPage> BuildAsync(PortalDb db, TextCatalog text, DateTimeOffset now, Hearing h, AntiforgeryTokenSet tokens,
        SignUpValues? form, string? errorField, string? error, CancellationToken cancellationToken)
    {
        var status = h.StatusAt(now);
        var counts = await db.Set<Registration>().AsNoTracking().Where(r => r.HearingId == h.Id)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        int Count(RegistrationStatus s) => counts.TryGetValue(s, out var n) ? n : 0;
        string CategoryLabel(string? key) => h.Categories.FirstOrDefault(c => c.Key == key)?.Label ?? "";

        var participants = new List<ParticipantView>();
        if (h.ParticipantsPublishedUtc is not null)
        {
            var rows = await db.Set<Registration>().AsNoTracking().Where(r => r.HearingId == h.Id && r.Status == RegistrationStatus.Confirmed)
                .OrderBy(r => r.Category).ThenBy(r => r.Rank).ThenBy(r => r.Id)
                .Select(r => new { r.Name, r.Affiliation, r.Category, r.WantsToSpeak, r.ConsentToList }).ToListAsync(cancellationToken);
            participants = rows.Select(r => new ParticipantView(r.ConsentToList ? r.Name : text.Translate("Name withheld at the participant's request"),
                r.ConsentToList ? r.Affiliation ?? "" : "", CategoryLabel(r.Category), r.WantsToSpeak)).ToList();
        }
        var draw = new List<DrawEntryView>();
        if (h.DrawnUtc is not null)
        {
            // Everything the draw used, so anyone can recompute it: codes (which identify no one), categories, ranks.
            var rows = await db.Set<Registration>().AsNoTracking()
                .Where(r => r.HearingId == h.Id && r.Rank > 0)
                .OrderBy(r => r.Rank).Select(r => new { r.Code, r.Category, r.Rank, r.Status, r.ConfirmedUtc }).ToListAsync(cancellationToken);
            draw = rows.Select(r => new DrawEntryView(r.Code, r.Category ?? "", r.Rank,
                r.ConfirmedUtc == h.DrawnUtc ? text.Translate("Selected") : text.Translate("Waitlist"))).ToList();
        }
        string? consultationTitle = null;
        if (h.ConsultationSlug is not null)
        {
            consultationTitle = await db.Set<Consultation>().AsNoTracking().Where(c => c.Slug == h.ConsultationSlug && c.State != ConsultationState.Draft)
                .Select(c => c.Title).FirstOrDefaultAsync(cancellationToken);
        }
        var recordPublished = h.RecordPublishedUtc is not null;
        return new HearingPage(
            h.Slug, h.Title, new SafeHtml(h.MattersHtml), h.LegalBasis, h.Organizer, Labels.Status(status), Labels.StatusLabel(text, status),
            SiteClock.FormatDateTime(h.StartsUtc), SiteClock.FormatDateTime(h.EndsUtc), h.StartsUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            h.VenueName, h.VenueAddress, h.Directions, h.Accessibility, h.OnlineOption,
            h.Seats, h.SeatsTaken, Math.Max(0, h.Seats - h.SeatsTaken), Count(RegistrationStatus.Waitlisted), Count(RegistrationStatus.Registered), h.SpeakerSlots,
            SiteClock.FormatDateTime(h.RegistrationOpensUtc), SiteClock.FormatDateTime(h.RegistrationClosesUtc),
            status == HearingStatus.Open, h.Selection == SelectionMethod.Lottery, Labels.SelectionLabel(text, h.Selection), h.SelectionRules,
            h.Categories.Select(c => new CategoryView(c.Key, c.Label, c.Seats)).ToList(),
            h.DrawnUtc is not null, h.LotterySeedPhrase, h.LotterySeed, h.DrawnUtc is { } d ? SiteClock.FormatDateTime(d) : null, draw,
            h.ParticipantsPublishedUtc is not null, participants,
            h.MaterialsReleasedUtc is not null,
            h.MaterialsReleasedUtc is null ? [] : h.Materials.Select((m, i) => new MaterialView(m.Title, $"/hearings/{h.Slug}/materials/{i + 1}/{Uri.EscapeDataString(m.FileName)}", SiteClock.FormatFileSize(m.Size))).ToList(),
            recordPublished, new SafeHtml(recordPublished ? h.RecordHtml : ""),
            recordPublished ? h.Statements.Select(s => new StatementView(s.Speaker, s.Affiliation, s.Text,
                s.CommentReceipt is null || consultationTitle is null ? null : $"/consultations/{h.ConsultationSlug}#{s.CommentReceipt}")).ToList() : [],
            h.RecordPublishedUtc is { } r ? SiteClock.FormatDateTime(r) : null,
            consultationTitle, consultationTitle is null ? null : $"/consultations/{h.ConsultationSlug}",
            tokens.FormFieldName, tokens.RequestToken ?? "",
            form ?? new SignUpValues("", "", "", "", "", false, "", "", true), errorField, error,
            h.State == HearingState.Cancelled && h.CancelledUtc is { } cancelled ? SiteClock.FormatDateTime(cancelled) : null,
            h.State == HearingState.Cancelled ? h.CancellationReason : null);
    }
}
