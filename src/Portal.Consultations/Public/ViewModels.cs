using Portal.Theming;

namespace Portal.Consultations.Public;

[LiquidModel]
public sealed record ConsultationListItem(string Title, string Url, string Status, string StatusLabel, string Kind, string Opens, string Closes, string PlannedAdoption, int CommentCount, string? Remaining);

[LiquidModel]
public sealed record ConsultationListPage(IReadOnlyList<ConsultationListItem> Open, IReadOnlyList<ConsultationListItem> Others);

[LiquidModel]
public sealed record ArticleView(int Number, SafeHtml Html, int CommentCount, string CommentUrl);

[LiquidModel]
public sealed record CommentView(
    string ReceiptNumber, string Author, string? Organization, string? Article, string Date, string Body, bool Rejected, string? RejectReason,
    bool Hidden, int GroupSize, string? Disposition, string? DispositionCode, string? ResponseReason, string? ResponseArticles, string? HearingTitle = null,
    string? ReceivedBy = null);

[LiquidModel]
public sealed record DispositionTotal(string Code, string Label, int Count);

[LiquidModel]
public sealed record ArticleTotal(string Article, int Comments, int Adopted, int PartlyAdopted, int NotAdopted, int OutOfScope);

[LiquidModel]
public sealed record RedlineView(string Kind, string Text);

[LiquidModel]
public sealed record FinalArticleView(int Number, SafeHtml Html);

[LiquidModel]
public sealed record VersionView(int Number, string Date, string Note);

[LiquidModel]
public sealed record FormValues(string Name, string Email, string Phone, string Organization, string Article, string Body, bool PublishName, bool Consent);

[LiquidModel]
public sealed record FormError(string Field, string Message);

[LiquidModel]
public sealed record PagerView(int Page, int Pages, string? PreviousUrl, string? NextUrl);

[LiquidModel]
public sealed record ConsultationPage(
    string Slug, string Title, string Summary, string Department, string Kind, bool IsMajor, string ShortPeriodReason, string Contact,
    string Status, string StatusLabel, string Opens, string Closes, string ClosesIso, string PlannedAdoption, string? Remaining, bool IsOpen,
    IReadOnlyList<ArticleView> Articles, int CommentCount, int PublishedCount, int RejectedCount, IReadOnlyList<CommentView> Comments, PagerView Pager,
    bool IsFinal, string? Outcome, string? OutcomeReason, string? FinalizedAt, IReadOnlyList<FinalArticleView> FinalArticles,
    IReadOnlyList<DispositionTotal> Totals, IReadOnlyList<ArticleTotal> PerArticle, IReadOnlyList<RedlineView> Redline,
    IReadOnlyList<VersionView> Versions, string AntiforgeryField, string AntiforgeryToken, FormValues Form, IReadOnlyList<FormError> Errors,
    string? ErrorSummary, int HearingOpinions = 0)
{
    public IReadOnlyList<Portal.Disclosure.Public.AttachmentView> Attachments { get; init; } = [];

    /// <summary>Policy interpretations of this decision (<see cref="IRelatedContentProvider"/>).</summary>
    public IReadOnlyList<RelatedLink> Interpretations { get; init; } = [];
}

[LiquidModel]
public sealed record ReceiptPage(
    string ReceiptNumber, string ConsultationTitle, string ConsultationUrl, string Submitted, string Status, string StatusLabel, string Body,
    string? RejectReason, string? Disposition, string? ResponseReason, bool JustSubmitted, bool Final);
