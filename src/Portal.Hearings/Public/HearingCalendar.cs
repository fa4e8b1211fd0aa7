using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Portal.Hearings.Model;

namespace Portal.Hearings.Public;

/// <summary>
/// The calendar invitation (RFC 5545) attached to the confirmation, to a change of time or place and to the
/// cancellation, and downloadable from the registration's page.
/// </summary>
public static class HearingCalendar
{
    public static byte[] CreateIcs(Hearing hearing, Registration registration)
    {
        var description = new StringBuilder()
            .AppendLine(hearing.Title)
            .AppendLine($"登记号 / Registration code: {registration.Code}");
        if (hearing.OnlineOption.Length > 0)
        {
            description.AppendLine(hearing.OnlineOption);
        }
        if (hearing.Accessibility.Length > 0)
        {
            description.AppendLine(hearing.Accessibility);
        }
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{registration.Code}@hearings.portal",
            Summary = hearing.Title,
            Description = description.ToString().TrimEnd(),
            Location = $"{hearing.VenueName} {hearing.VenueAddress}".Trim(),
            Start = new CalDateTime(hearing.StartsUtc.UtcDateTime, "UTC"),
            End = new CalDateTime(hearing.EndsUtc.UtcDateTime, "UTC"),
            DtStamp = new CalDateTime(registration.CreatedUtc.UtcDateTime, "UTC"),
            Status = registration.Status == RegistrationStatus.Cancelled || hearing.State == HearingState.Cancelled ? "CANCELLED" : "CONFIRMED",
            // One event per registration (the UID): a new time or a cancellation replaces what the calendar holds.
            Sequence = hearing.ScheduleRevision,
        };
        var calendar = new Calendar { ProductId = "-//Portal//Hearings//ZH" };
        calendar.Events.Add(calendarEvent);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }
}
