namespace Portal.Hearings.Model;

public enum SelectionMethod
{
    FirstCome = 0,
    Lottery = 1,
}

public enum HearingState
{
    Draft = 0,
    Published = 1,
    Cancelled = 2,
}

/// <summary>What the public sees, derived from the state and the clock (see <see cref="Hearing.StatusAt"/>).</summary>
public enum HearingStatus
{
    Draft,
    Announced,
    Open,
    Closed,
    Held,
    Cancelled,
}

public enum RegistrationStatus
{
    /// <summary>Signed up for a lottery; waits for the draw.</summary>
    Registered = 0,
    Confirmed = 1,
    Waitlisted = 2,
    Cancelled = 3,
}

/// <summary>A category of participant (enterprises, residents, experts) with the seats the lottery reserves for it.</summary>
public sealed record CategoryQuota(string Key, string Label, int Seats);

/// <summary>A speaker's statement in the hearing record; becomes a comment on the linked consultation when published.</summary>
public sealed record HearingStatementEntry(string Speaker, string Affiliation, string Text, string? CommentReceipt = null);

public sealed class Hearing
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>The matters to be heard (Markdown as typed, and the sanitized HTML the public sees).</summary>
    public string Matters { get; set; } = "";
    public string MattersHtml { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public string Organizer { get; set; } = "";

    /// <summary>Slug of the linked consultation, whose response work view receives the hearing's opinions.</summary>
    public string? ConsultationSlug { get; set; }

    public DateTimeOffset StartsUtc { get; set; }
    public DateTimeOffset EndsUtc { get; set; }
    public string VenueName { get; set; } = "";
    public string VenueAddress { get; set; } = "";
    public string Directions { get; set; } = "";
    public string Accessibility { get; set; } = "";
    public string OnlineOption { get; set; } = "";

    public int Seats { get; set; }

    /// <summary>Confirmed registrations; only ever changed by conditional UPDATEs inside the registration's transaction.</summary>
    public int SeatsTaken { get; set; }
    public int SpeakerSlots { get; set; }

    public DateTimeOffset RegistrationOpensUtc { get; set; }
    public DateTimeOffset RegistrationClosesUtc { get; set; }
    public SelectionMethod Selection { get; set; }
    public List<CategoryQuota> Categories { get; set; } = [];
    public string SelectionRules { get; set; } = "";

    public HearingState State { get; set; }
    public DateTimeOffset? PublishedUtc { get; set; }

    /// <summary>When staff cancelled the published hearing, and the reason given to the public and every participant.</summary>
    public DateTimeOffset? CancelledUtc { get; set; }
    public string CancellationReason { get; set; } = "";

    /// <summary>
    /// Counts the changes participants were told about (a new time or place, the cancellation): the calendar
    /// invitation's SEQUENCE, so a calendar replaces the event it holds instead of adding a second one.
    /// </summary>
    public int ScheduleRevision { get; set; }

    /// <summary>The lottery: the published phrase, its SHA-256 (the seed) and when it was drawn.</summary>
    public string? LotterySeedPhrase { get; set; }
    public string? LotterySeed { get; set; }
    public DateTimeOffset? DrawnUtc { get; set; }

    public DateTimeOffset? ParticipantsPublishedUtc { get; set; }
    public DateTimeOffset? MaterialsReleasedUtc { get; set; }
    public List<HearingMaterial> Materials { get; set; } = [];

    public string RecordMarkdown { get; set; } = "";
    public string RecordHtml { get; set; } = "";
    public List<HearingStatementEntry> Statements { get; set; } = [];
    public DateTimeOffset? RecordPublishedUtc { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ModifiedUtc { get; set; }

    public HearingStatus StatusAt(DateTimeOffset now) => State switch
    {
        HearingState.Draft => HearingStatus.Draft,
        HearingState.Cancelled => HearingStatus.Cancelled,
        _ when now < RegistrationOpensUtc => HearingStatus.Announced,
        _ when now < RegistrationClosesUtc => HearingStatus.Open,
        _ when now < EndsUtc => HearingStatus.Closed,
        _ => HearingStatus.Held,
    };

    public bool IsPublic => State != HearingState.Draft;
}

/// <summary>A file sent to participants ahead of the hearing (stored by the shared attachment store).</summary>
public sealed record HearingMaterial(string Title, string FileName, string StoredName, string ContentType, long Size);

public sealed class Registration
{
    public long Id { get; set; }
    public int HearingId { get; set; }
    public Hearing? Hearing { get; set; }

    /// <summary><c>TZ-7K3M-Q9PA</c>: what the participant shows at check-in.</summary>
    public string Code { get; set; } = "";

    /// <summary>Secret in the confirmation and cancellation links (no account needed).</summary>
    public string CancelToken { get; set; } = "";

    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? Affiliation { get; set; }
    public string? Category { get; set; }
    public bool WantsToSpeak { get; set; }
    public string? StatementSummary { get; set; }
    public string? AccessibilityNeeds { get; set; }

    /// <summary>Whether the name and affiliation may appear on the published participant list.</summary>
    public bool ConsentToList { get; set; }

    /// <summary>The language the person used, so that later messages reach them in it.</summary>
    public string Culture { get; set; } = "";

    public RegistrationStatus Status { get; set; }

    /// <summary>Order on the waitlist: 0 for first come (then by <see cref="Id"/>), the lottery rank after a draw.</summary>
    public int Rank { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? ConfirmedUtc { get; set; }
    public DateTimeOffset? CancelledUtc { get; set; }
    public DateTimeOffset? AttendedUtc { get; set; }
}
