namespace Portal.Consultations.Model;

public enum DecisionKind
{
    Ordinary = 0,
    Major = 1,
}

/// <summary>Draft until published; then the dates decide scheduled/open/closed until an outcome is recorded.</summary>
public enum ConsultationState
{
    Draft = 0,
    Published = 1,
    Adopted = 2,
    Rejected = 3,
    Withdrawn = 4,
}

/// <summary>What the public sees, derived from the state and the clock (see <see cref="Consultation.StatusAt"/>).</summary>
public enum ConsultationStatus
{
    Draft,
    Scheduled,
    Open,
    Closed,
    Adopted,
    Rejected,
    Withdrawn,
}

public sealed record DraftArticle(int Number, string Markdown, string SanitizedHtml);

public sealed class Consultation
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Department { get; set; } = "";
    public DecisionKind Kind { get; set; }

    /// <summary>Why a major decision has fewer than 30 days of comment; shown on the public page.</summary>
    public string ShortPeriodReason { get; set; } = "";

    /// <summary>How to send comments by post or email.</summary>
    public string Contact { get; set; } = "";

    public DateTimeOffset OpensUtc { get; set; }
    public DateTimeOffset ClosesUtc { get; set; }
    public DateOnly PlannedAdoptionDate { get; set; }
    public List<DraftArticle> Articles { get; set; } = [];
    public ConsultationState State { get; set; }
    public DateTimeOffset? PublishedUtc { get; set; }
    public int VersionCount { get; set; }

    public List<DraftArticle> FinalArticles { get; set; } = [];
    public string OutcomeReason { get; set; } = "";
    public DateTimeOffset? FinalizedUtc { get; set; }
    public string FinalizedBy { get; set; } = "";

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ModifiedUtc { get; set; }

    /// <summary>Comments issued so far; the receipt sequence is per site and year (see <see cref="ReceiptCounter"/>).</summary>
    public int CommentCount { get; set; }

    public List<ConsultationVersion> Versions { get; set; } = [];

    public ConsultationStatus StatusAt(DateTimeOffset now) => State switch
    {
        ConsultationState.Draft => ConsultationStatus.Draft,
        ConsultationState.Adopted => ConsultationStatus.Adopted,
        ConsultationState.Rejected => ConsultationStatus.Rejected,
        ConsultationState.Withdrawn => ConsultationStatus.Withdrawn,
        _ when now < OpensUtc => ConsultationStatus.Scheduled,
        _ when now < ClosesUtc => ConsultationStatus.Open,
        _ => ConsultationStatus.Closed,
    };

    public bool IsPublic => State != ConsultationState.Draft;
}

/// <summary>A published version of the draft: the first publication, then every public correction with its note.</summary>
public sealed class ConsultationVersion
{
    public int Id { get; set; }
    public int ConsultationId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public List<DraftArticle> Articles { get; set; } = [];
    public string ChangeNote { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset PublishedUtc { get; set; }
}

public enum CommentStatus
{
    Pending = 0,
    Published = 1,
    Rejected = 2,
}

public enum RejectReason
{
    None = 0,
    Spam = 1,
    Abusive = 2,
    PersonalData = 3,
    OffTopic = 4,
    Duplicate = 5,
}

public enum Disposition
{
    None = 0,
    Adopted = 1,
    PartlyAdopted = 2,
    NotAdopted = 3,
    OutOfScope = 4,
}

public sealed partial class Comment
{
    public long Id { get; set; }
    public int ConsultationId { get; set; }
    public Consultation? Consultation { get; set; }

    /// <summary><c>YJ-2026-000123</c>: what the commenter keeps and quotes.</summary>
    public string ReceiptNumber { get; set; } = "";

    /// <summary>Secret in the status link, so only the commenter sees a pending comment's status.</summary>
    public string AccessToken { get; set; } = "";

    public int? ArticleNumber { get; set; }
    public string Name { get; set; } = "";
    public bool PublishName { get; set; }
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? Organization { get; set; }

    /// <summary>Exactly what the citizen wrote; staff only.</summary>
    public string Body { get; set; } = "";

    /// <summary>The text as published: phone, ID-card numbers and email addresses masked.</summary>
    public string PublicBody { get; set; } = "";

    public CommentStatus Status { get; set; }
    public RejectReason RejectReason { get; set; }
    public DateTimeOffset SubmittedUtc { get; set; }
    public DateTimeOffset? ModeratedUtc { get; set; }
    public string ModeratedBy { get; set; } = "";

    /// <summary>Near-identical comments (a campaign) share a group and can be answered once.</summary>
    public long? GroupId { get; set; }

    /// <summary>SimHash of the normalized text's character bigrams.</summary>
    public long Fingerprint { get; set; }

    /// <summary>
    /// The fingerprint's eight 8-bit bands. Two fingerprints within 7 bits of each other share at least one band,
    /// so near-duplicate candidates come from an index lookup instead of a scan of every comment.
    /// </summary>
    public int Band0 { get; set; }
    public int Band1 { get; set; }
    public int Band2 { get; set; }
    public int Band3 { get; set; }
    public int Band4 { get; set; }
    public int Band5 { get; set; }
    public int Band6 { get; set; }
    public int Band7 { get; set; }

    public void SetFingerprint(long fingerprint)
    {
        Fingerprint = fingerprint;
        Band0 = CommentText.Band(fingerprint, 0);
        Band1 = CommentText.Band(fingerprint, 1);
        Band2 = CommentText.Band(fingerprint, 2);
        Band3 = CommentText.Band(fingerprint, 3);
        Band4 = CommentText.Band(fingerprint, 4);
        Band5 = CommentText.Band(fingerprint, 5);
        Band6 = CommentText.Band(fingerprint, 6);
        Band7 = CommentText.Band(fingerprint, 7);
    }

    /// <summary>Whether the commenter agreed to publication of the text; without it the comment is answered but not shown.</summary>
    public bool ConsentToPublish { get; set; }

    public Disposition Disposition { get; set; }
    public string ResponseReason { get; set; } = "";
    public string ResponseArticles { get; set; } = "";
    public DateTimeOffset? RespondedUtc { get; set; }
    public string RespondedBy { get; set; } = "";

    /// <summary>Hash of the sender's IP, for rate limits without keeping the address.</summary>
    public string SourceHash { get; set; } = "";
}

/// <summary>Issues receipt numbers: one row per year, incremented inside the comment's own transaction.</summary>
[Portal.Core.Audit.NotAudited]
public sealed class ReceiptCounter
{
    public int Year { get; set; }
    public int Value { get; set; }
}
