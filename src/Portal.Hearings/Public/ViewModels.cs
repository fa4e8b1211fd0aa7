using Portal.Theming;

namespace Portal.Hearings.Public;

[LiquidModel]
public sealed record HearingListItem(string Title, string Url, string Status, string StatusLabel, string Starts, string Venue, string Selection, int SeatsLeft, bool Open, bool IsLottery);

[LiquidModel]
public sealed record HearingListPage(IReadOnlyList<HearingListItem> Upcoming, IReadOnlyList<HearingListItem> Past);

[LiquidModel]
public sealed record CategoryView(string Key, string Label, int Seats);

[LiquidModel]
public sealed record ParticipantView(string Name, string Affiliation, string Category, bool Speaker);

[LiquidModel]
public sealed record DrawEntryView(string Code, string Category, int Rank, string Result);

[LiquidModel]
public sealed record MaterialView(string Title, string Url, string Size);

[LiquidModel]
public sealed record StatementView(string Speaker, string Affiliation, string Text, string? CommentUrl);

[LiquidModel]
public sealed record SignUpValues(string Name, string Email, string Phone, string Affiliation, string Category, bool WantsToSpeak, string StatementSummary, string AccessibilityNeeds, bool ConsentToList);

[LiquidModel]
public sealed record HearingPage(
    string Slug, string Title, SafeHtml Matters, string LegalBasis, string Organizer, string Status, string StatusLabel,
    string Starts, string Ends, string StartsIso, string VenueName, string VenueAddress, string Directions, string Accessibility, string OnlineOption,
    int Seats, int SeatsTaken, int SeatsLeft, int Waitlisted, int Registered, int SpeakerSlots, string RegistrationOpens, string RegistrationCloses,
    bool IsOpen, bool IsLottery, string Selection, string SelectionRules, IReadOnlyList<CategoryView> Categories,
    bool Drawn, string? SeedPhrase, string? Seed, string? DrawnAt, IReadOnlyList<DrawEntryView> DrawEntries,
    bool ParticipantsPublished, IReadOnlyList<ParticipantView> Participants,
    bool MaterialsReleased, IReadOnlyList<MaterialView> Materials,
    bool RecordPublished, SafeHtml Record, IReadOnlyList<StatementView> Statements, string? RecordPublishedAt,
    string? ConsultationTitle, string? ConsultationUrl,
    string AntiforgeryField, string AntiforgeryToken, SignUpValues Form, string? ErrorField, string? ErrorSummary,
    string? CancelledAt, string? CancellationReason);

[LiquidModel]
public sealed record RegistrationPage(
    string Code, string Status, string StatusLabel, string HearingTitle, string HearingUrl, string Starts, string Venue, string Name,
    int? WaitlistPosition, bool JustSignedUp, bool Cancelled, SafeHtml QrSvg, string IcsUrl, string CancelUrl, bool CanCancel,
    string? HearingCancelledAt, string? HearingCancellationReason);

[LiquidModel]
public sealed record CancelPage(
    string Code, string HearingTitle, string HearingUrl, string StatusLabel, bool Done, string AntiforgeryField, string AntiforgeryToken, string PostUrl, string Token, string? Error);
