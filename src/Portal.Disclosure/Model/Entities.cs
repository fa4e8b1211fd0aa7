namespace Portal.Disclosure.Model;

/// <summary>What a section lists. The nine sections are data (from the recipe); their kind is fixed behaviour.</summary>
public enum SectionKind
{
    Documents = 0,
    ServiceGuides = 1,
    Fees = 2,
    Consultations = 3,
    Statements = 4,
}

public sealed class Section
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string DescriptionZh { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public int Order { get; set; }
    public SectionKind Kind { get; set; }

    /// <summary>Whether the home page shows this section's latest items (added in the second migration).</summary>
    public bool ShowOnHome { get; set; } = true;

    public string Name(string culture) => culture == "en" && NameEn.Length > 0 ? NameEn : NameZh;

    public string Description(string culture) => culture == "en" && DescriptionEn.Length > 0 ? DescriptionEn : DescriptionZh;
}

public enum DocumentValidity
{
    InForce = 0,
    Amended = 1,
    Abolished = 2,
}

/// <summary>
/// Draft until published. A published item with a future <see cref="Document.PublishedUtc"/> is scheduled: it
/// becomes public at that instant without any job running, because every public query compares with the clock.
/// </summary>
public enum PublicationState
{
    Draft = 0,
    Published = 1,
    Unpublished = 2,
}

public sealed class Document
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public int SectionId { get; set; }
    public Section? Section { get; set; }
    public string IndexNumber { get; set; } = "";
    public string Title { get; set; } = "";
    public string? DocNumber { get; set; }
    public string IssuingBody { get; set; } = "";
    public DateOnly? WrittenOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public DocumentValidity Validity { get; set; }
    public DateOnly? AbolishedOn { get; set; }

    /// <summary>Topics as <c>|a|b|</c> so a filter is one indexed-free LIKE that both providers run the same way.</summary>
    public string Topics { get; set; } = "";

    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string BodySanitizedHtml { get; set; } = "";
    public PublicationState State { get; set; }
    public DateTimeOffset? PublishedUtc { get; set; }

    /// <summary>When the public last saw a change (a correction after first publication).</summary>
    public DateTimeOffset? UpdatedUtc { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ModifiedUtc { get; set; }
    public int RevisionCount { get; set; }
    public List<Attachment> Attachments { get; set; } = [];
    public List<DocumentRevision> Revisions { get; set; } = [];

    public IReadOnlyList<string> TopicList => Topics.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinTopics(IEnumerable<string> topics)
    {
        var clean = topics.Select(t => t.Trim().Replace("|", "", StringComparison.Ordinal)).Where(t => t.Length > 0).Distinct().ToList();
        return clean.Count == 0 ? "" : "|" + string.Join('|', clean) + "|";
    }
}

/// <summary>A published version of a document, kept so the public can see what changed and when.</summary>
public sealed class DocumentRevision
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string BodySanitizedHtml { get; set; } = "";
    public string ChangeNote { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset PublishedUtc { get; set; }
}

public sealed class Attachment
{
    public int Id { get; set; }
    public int? DocumentId { get; set; }
    public int? ServiceGuideId { get; set; }

    /// <summary>
    /// For attachments of other modules' content (a decision draft): the owner's kind, answered by the
    /// <see cref="IAttachmentOwner"/> registered for it, and its id.
    /// </summary>
    public string? OwnerKind { get; set; }

    public int? OwnerId { get; set; }

    public string Title { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }

    /// <summary>Random name under the data directory's uploads folder; never derived from user input.</summary>
    public string StoredName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    /// <summary>For service-guide forms: a filled-in sample rather than the blank form.</summary>
    public bool IsSample { get; set; }

    public int Order { get; set; }
}

public sealed class ServiceGuide
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string ItemName { get; set; } = "";
    public string ItemCode { get; set; } = "";
    public string Department { get; set; } = "";
    public string Category { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<string> LegalBasis { get; set; } = [];
    public List<string> Conditions { get; set; } = [];
    public List<GuideMaterial> Materials { get; set; } = [];
    public List<GuideStep> Steps { get; set; } = [];
    public int PromisedDays { get; set; }
    public int StatutoryDays { get; set; }
    public List<GuideFee> Fees { get; set; } = [];
    public List<GuideQuestion> Faq { get; set; } = [];
    public string Where { get; set; } = "";
    public string Hours { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Online { get; set; } = "";
    public PublicationState State { get; set; }
    public DateTimeOffset? PublishedUtc { get; set; }
    public DateTimeOffset? UpdatedUtc { get; set; }
    public DateTimeOffset ModifiedUtc { get; set; }
    public List<Attachment> Forms { get; set; } = [];
}

public sealed record GuideMaterial(string Name, int Original, int Copies, string Note);

public sealed record GuideStep(string Name, string Actor, string Description, int Days);

public sealed record GuideFee(string Item, string Standard, string Basis);

public sealed record GuideQuestion(string Q, string A);

public sealed class FeeItem
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Standard { get; set; } = "";
    public string Unit { get; set; } = "";
    public string Basis { get; set; } = "";
    public string Department { get; set; } = "";
    public string Note { get; set; } = "";
    public int Order { get; set; }
    public PublicationState State { get; set; }
    public DateTimeOffset? PublishedUtc { get; set; }
    public DateTimeOffset ModifiedUtc { get; set; }
}
