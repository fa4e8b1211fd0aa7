using Portal.Theming;

namespace Portal.Disclosure.Public;

[LiquidModel]
public sealed record SectionLink(string Slug, string Name, string Url, bool Active);

[LiquidModel]
public sealed record DocumentListItem(string Title, string Url, string Date, string? DocNumber, string Validity, string ValidityLabel, string IndexNumber);

[LiquidModel]
public sealed record FilterOption(string Value, string Label, bool Selected);

[LiquidModel]
public sealed record PagerModel(int Page, int Pages, int Total, string? PreviousUrl, string? NextUrl, IReadOnlyList<PagerLink> Links);

[LiquidModel]
public sealed record PagerLink(int Number, string Url, bool Current);

/// <summary>A guide on its section's page; the units are "working day(s)" agreeing with the numbers.</summary>
[LiquidModel]
public sealed record GuideListItem(
    string Title, string Url, string Category, string Department, int PromisedDays, string PromisedUnit, int StatutoryDays, string StatutoryUnit,
    string Summary);

/// <summary>
/// A row of the fee schedule. <paramref name="Anchor"/> is its id on the page (<c>/sections/fees#SF-01</c>);
/// <paramref name="Basis"/> is the legal basis in pieces, a piece naming a document published here linked to it.
/// </summary>
[LiquidModel]
public sealed record FeeRow(string Anchor, string Code, string Name, string Standard, string Unit, IReadOnlyList<TextPart> Basis, string Department, string Note);

/// <summary>The fee schedule's date line: the first publication and, when later, the last change of a row.</summary>
[LiquidModel]
public sealed record FeeScheduleDates(string PublishedOn, string? UpdatedOn);

/// <summary>A run of plain text, or a link when <paramref name="Url"/> is set.</summary>
[LiquidModel]
public sealed record TextPart(string Text, string? Url);

/// <summary>A block another module adds to a section page (the consultations of 重大决策公示, for instance).</summary>
[LiquidModel]
public sealed record SectionBlock(string Title, string MoreUrl, string MoreLabel, IReadOnlyList<SectionBlockItem> Items);

[LiquidModel]
public sealed record SectionBlockItem(string Title, string Url, string Meta, string? Badge, string? BadgeKind);

public interface ISectionBlockProvider
{
    /// <summary>Returns a block for sections of this kind, or null.</summary>
    Task<SectionBlock?> GetBlockAsync(Model.SectionKind kind, string culture, CancellationToken cancellationToken);
}

[LiquidModel]
public sealed record SectionPage(
    string Slug, string Name, string Description, string Kind, IReadOnlyList<SectionLink> Sections,
    IReadOnlyList<DocumentListItem> Documents, IReadOnlyList<GuideListItem> Guides, IReadOnlyList<FeeRow> Fees,
    IReadOnlyList<FilterOption> Years, IReadOnlyList<FilterOption> Topics, IReadOnlyList<FilterOption> Statuses,
    bool Filtered, string ClearUrl, PagerModel Pager, string FeedNote)
{
    public IReadOnlyList<SectionBlock> Blocks { get; init; } = [];

    /// <summary>Set on the fee schedule's section when it lists at least one row.</summary>
    public FeeScheduleDates? FeeDates { get; init; }
}

[LiquidModel]
public sealed record AttachmentView(string Title, string Url, string FileName, string Type, string Size);

[LiquidModel]
public sealed record TopicLink(string Name, string Url);

[LiquidModel]
public sealed record RevisionView(int Number, string Date, string Note);

[LiquidModel]
public sealed record DocumentPage(
    string Title, string SectionName, string SectionUrl, string IndexNumber, string? DocNumber, string IssuingBody,
    string? WrittenOn, string PublishedAt, string? EffectiveOn, string Validity, string ValidityLabel, string? AbolishedOn,
    string? UpdatedAt, IReadOnlyList<TopicLink> Topics, string Summary, SafeHtml Body, IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<RevisionView> Revisions, bool IsPreview)
{
    /// <summary>Policy interpretations and other public items about this document (<see cref="IRelatedContentProvider"/>).</summary>
    public IReadOnlyList<RelatedLink> Interpretations { get; init; } = [];
}

[LiquidModel]
public sealed record MaterialView(string Name, int Original, int Copies, string Note);

[LiquidModel]
public sealed record StepView(int Number, string Name, string Actor, string Description, string Days);

[LiquidModel]
public sealed record FeeView(string Item, string Standard, string Basis);

[LiquidModel]
public sealed record QuestionView(string Q, string A);

[LiquidModel]
public sealed record GuidePage(
    string Title, string ItemCode, string Department, string Category, string Summary, IReadOnlyList<string> LegalBasis,
    IReadOnlyList<string> Conditions, IReadOnlyList<MaterialView> Materials, IReadOnlyList<StepView> Steps,
    int PromisedDays, int StatutoryDays, IReadOnlyList<FeeView> Fees, IReadOnlyList<AttachmentView> Forms,
    IReadOnlyList<AttachmentView> Samples, string Where, string Hours, string Phone, IReadOnlyList<TextPart> Online,
    IReadOnlyList<QuestionView> Faq, string PublishedAt, string? UpdatedAt, string SectionUrl, string SectionName)
{
    /// <summary>"working day(s)" agreeing with <see cref="PromisedDays"/>.</summary>
    public string PromisedUnit { get; init; } = "";

    public string StatutoryUnit { get; init; } = "";

    /// <summary>No fees, or every fee waived (免收, 不收费…): the key facts say so instead of pointing below.</summary>
    public bool FreeOfCharge { get; init; }
}
