namespace Portal.Statements.Model;

public enum StatementKind
{
    PressRelease = 0,
    Statement = 1,
    Transcript = 2,
    Interpretation = 3,
}

/// <summary>
/// Draft → (in review → approved) → scheduled → published → retracted. A correction keeps the state
/// <see cref="Published"/> and adds a revision. A scheduled statement is public from <see cref="Statement.PublishUtc"/>
/// on even before the background publisher flips its state, because every public query compares with the clock.
/// </summary>
public enum StatementState
{
    Draft = 0,
    InReview = 1,
    Approved = 2,
    Scheduled = 3,
    Published = 4,
    Retracted = 5,
}

/// <summary>One question and its answer at a press conference.</summary>
public sealed record QaBlock(string Questioner, string Outlet, string Question, string Answerer, string Answer);

public sealed class Statement
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public StatementKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";

    /// <summary>Who speaks (发布人): the spokesperson or the official explaining a policy.</summary>
    public string Speaker { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";
    public string BodySanitizedHtml { get; set; } = "";
    public List<QaBlock> Questions { get; set; } = [];

    /// <summary>For an interpretation: <c>documents</c> or <c>consultations</c>, with the slug of what it explains.</summary>
    public string? RelatedSource { get; set; }

    public string? RelatedSlug { get; set; }

    public StatementState State { get; set; }

    /// <summary>The embargo: the statement is public from this instant (set when it is scheduled or published).</summary>
    public DateTimeOffset? PublishUtc { get; set; }

    public string Author { get; set; } = "";
    public string ReviewedBy { get; set; } = "";
    public DateTimeOffset? ReviewedUtc { get; set; }
    public string PublishedBy { get; set; } = "";
    public DateTimeOffset? CorrectedUtc { get; set; }
    public string CorrectionNote { get; set; } = "";
    public DateTimeOffset? RetractedUtc { get; set; }
    public string RetractionReason { get; set; } = "";
    public int RevisionCount { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ModifiedUtc { get; set; }
    public List<StatementRevision> Revisions { get; set; } = [];
    public List<StatementAttachment> Attachments { get; set; } = [];
}

/// <summary>A version the public saw: revision 1 at publication, one more per correction. Never changed afterwards.</summary>
public sealed class StatementRevision
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string BodySanitizedHtml { get; set; } = "";
    public List<QaBlock> Questions { get; set; } = [];
    public string Note { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset PublishedUtc { get; set; }
}

/// <summary>A file attached to a statement, stored by Disclosure's <c>AttachmentStore</c> like a document's.</summary>
public sealed class StatementAttachment
{
    public int Id { get; set; }
    public int StatementId { get; set; }
    public string Title { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string StoredName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public int Order { get; set; }
}
