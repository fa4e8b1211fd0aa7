using Portal.Theming;

namespace Portal.Statements.Public;

[LiquidModel]
public sealed record StatementListItem(string Title, string Url, string Kind, string KindLabel, string Date, string Status, string StatusLabel, string Summary, string Speaker);

[LiquidModel]
public sealed record KindFilter(string Url, string Label, bool Selected);

[LiquidModel]
public sealed record StatementPager(int Page, int Pages, int Total, string? PreviousUrl, string? NextUrl, IReadOnlyList<StatementPagerLink> Links);

[LiquidModel]
public sealed record StatementPagerLink(int Number, string Url, bool Current);

[LiquidModel]
public sealed record StatementListPage(string Title, string Intro, IReadOnlyList<StatementListItem> Items, IReadOnlyList<KindFilter> Kinds, StatementPager Pager, string FeedUrl);

[LiquidModel]
public sealed record QaView(int Number, string Questioner, string Outlet, string Question, string Answerer, string Answer);

[LiquidModel]
public sealed record StatementAttachmentView(string Title, string Url, string FileName, string Type, string Size);

[LiquidModel]
public sealed record CorrectionView(string Date, string Note);

[LiquidModel]
public sealed record StatementPage(
    string Slug, string Title, string Kind, string KindLabel, string Summary, string Speaker, string Published, string PublishedIso,
    string Status, string StatusLabel, SafeHtml Body, IReadOnlyList<QaView> Questions, RelatedLink? Explains, string? ExplainsKind,
    IReadOnlyList<StatementAttachmentView> Attachments, IReadOnlyList<CorrectionView> Corrections, string RevisionsUrl, int RevisionCount,
    bool IsRetracted, string? RetractedAt, string? RetractionReason, string ListUrl);

[LiquidModel]
public sealed record RevisionItem(int Number, string Date, string Note, string Url, bool Current);

[LiquidModel]
public sealed record RevisionsPage(string Slug, string Title, string Url, IReadOnlyList<RevisionItem> Revisions);

[LiquidModel]
public sealed record DiffView(string Kind, string Text);

[LiquidModel]
public sealed record RevisionPage(
    string Title, string StatementUrl, string HistoryUrl, int Number, int Count, string Date, string Note, string Summary, SafeHtml Body,
    IReadOnlyList<QaView> Questions, int? PreviousNumber, IReadOnlyList<DiffView> Diff, string? PreviousUrl, string? NextUrl);
