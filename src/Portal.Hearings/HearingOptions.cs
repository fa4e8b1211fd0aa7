namespace Portal.Hearings;

/// <summary><c>Portal:Hearings</c> in configuration.</summary>
public sealed class HearingOptions
{
    /// <summary>Registration closes at least this many days before the hearing (and by default exactly then).</summary>
    public int RegistrationClosesDaysBefore { get; set; } = 3;

    /// <summary>Materials reach participants at least this many days before the hearing.</summary>
    public int MaterialsDaysBefore { get; set; } = 2;

    /// <summary>Sign-ups per IP address per minute.</summary>
    public int SignUpsPerIpPerMinute { get; set; } = 20;
}

/// <summary>Carried by every registration event so Notifications can write to the person in their language.</summary>
public sealed record Registrant(string Email, string Name, string Code, string CancelToken, string Culture);

public sealed record RegistrationConfirmed(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant);

public sealed record RegistrationWaitlisted(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant, int Position);

/// <summary>Signed up for a lottery hearing; the result follows the draw.</summary>
public sealed record RegistrationReceived(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant);

/// <summary>A seat became free and the first person on the waitlist got it.</summary>
public sealed record RegistrationPromoted(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant);

public sealed record RegistrationCancelled(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant);

/// <summary>Raised once per participant of a drawn lottery: <paramref name="Status"/> is confirmed or waitlisted.</summary>
public sealed record LotteryDrawn(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant, string Status, string Seed);

/// <summary>Raised once per confirmed participant when staff release the materials.</summary>
public sealed record HearingMaterialsReleased(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant, string MaterialsUrl);

public sealed record HearingPublished(int HearingId, string HearingSlug);

public sealed record HearingRecordPublished(int HearingId, string HearingSlug, string? ConsultationSlug, int Statements);

/// <summary>Staff cancelled the hearing: raised once per participant who held a seat, a waitlist place or a lottery entry.</summary>
public sealed record HearingCancelled(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant, string Reason);

/// <summary>
/// The time or place of a published hearing changed: raised once per participant who holds a seat, a waitlist place or
/// a lottery entry. <paramref name="Revision"/> is the hearing's new <c>ScheduleRevision</c>.
/// </summary>
public sealed record HearingRescheduled(int HearingId, string HearingSlug, string HearingTitle, Registrant Registrant, int Revision);
