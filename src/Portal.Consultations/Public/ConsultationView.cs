using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Theming;

namespace Portal.Consultations.Public;

/// <summary>Builds the public page of a consultation: one page of comments, statistics by SQL, the outcome when final.</summary>
internal static class ConsultationView
{
    public static async Task<ConsultationPage> BuildAsync(
        PortalDb db, TextCatalog text, DateTimeOffset now, Consultation c, int page, AntiforgeryTokenSet tokens, FormValues? form,
        IReadOnlyList<FormError> errors, CancellationToken cancellationToken)
    {
        var status = c.StatusAt(now);
        var final = status is ConsultationStatus.Adopted or ConsultationStatus.Rejected or ConsultationStatus.Withdrawn;
        // One pass for every count on the page: by status, article and disposition (read from a covering index).
        var tallies = await ToListAsync(Queries.Tallies.For(db)(db, c.Id), cancellationToken);
        var perArticle = tallies.Where(t => t.Status == CommentStatus.Published).Select(t => new Tally(t.ArticleNumber, t.Disposition, t.Count)).ToList();
        var total = tallies.Sum(t => t.Count);
        var rejected = tallies.Where(t => t.Status == CommentStatus.Rejected).Sum(t => t.Count);
        var pages = Math.Max(1, (total + ConsultationPages.CommentsPerPage - 1) / ConsultationPages.CommentsPerPage);
        page = Math.Min(page, pages);
        // Only the columns the page shows, in submission order from the (consultation, time) index.
        var rows = await ToListAsync(Queries.Page.For(db)(db, c.Id, (page - 1) * ConsultationPages.CommentsPerPage, ConsultationPages.CommentsPerPage), cancellationToken);
        // Group sizes only for the near-duplicate groups shown on this page.
        var shownGroups = rows.Where(x => x.GroupId != null).Select(x => x.GroupId!.Value).Distinct().ToList();
        var groupSizes = new Dictionary<long, int>();
        if (shownGroups.Count > 0)
        {
            await foreach (var g in Queries.GroupSizes.For(db)(db, c.Id, shownGroups).WithCancellation(cancellationToken))
            {
                groupSizes[g.Group] = g.Count;
            }
        }

        var views = rows.Select(x => new CommentView(
            x.ReceiptNumber,
            Labels.Author(text, x.PublishName, x.Name),
            x.Status == CommentStatus.Published && x.PublishName ? x.Organization : null,
            x.ArticleNumber is { } n ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Translate("Article {0}"), n) : null,
            SiteClock.FormatDateTime(x.SubmittedUtc),
            x.Status == CommentStatus.Published && x.ConsentToPublish ? x.PublicBody : "",
            x.Status == CommentStatus.Rejected,
            x.Status == CommentStatus.Rejected ? Labels.RejectLabel(text, x.RejectReason) : null,
            x.Status == CommentStatus.Published && !x.ConsentToPublish,
            x.GroupId is { } g && groupSizes.TryGetValue(g, out var size) ? size : 1,
            final && x.Disposition != Disposition.None ? Labels.DispositionLabel(text, x.Disposition) : null,
            final && x.Disposition != Disposition.None ? Labels.DispositionCode(x.Disposition) : null,
            final ? x.ResponseReason : null,
            final && x.ResponseArticles.Length > 0 ? x.ResponseArticles : null,
            x.Channel == CommentChannel.Hearing ? x.HearingTitle : null,
            Labels.ChannelLabel(text, x.Channel) is { Length: > 0 } receivedBy ? receivedBy : null)).ToList();

        var articleCounts = perArticle.Where(x => x.ArticleNumber != null).GroupBy(x => x.ArticleNumber!.Value).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var articles = c.Articles.Select(a => new ArticleView(a.Number, new SafeHtml(a.SanitizedHtml), articleCounts.GetValueOrDefault(a.Number),
            $"/consultations/{c.Slug}?article={a.Number}#comment-form")).ToList();

        IReadOnlyList<DispositionTotal> totals = [];
        IReadOnlyList<ArticleTotal> byArticle = [];
        IReadOnlyList<RedlineView> redline = [];
        if (final)
        {
            totals = new[] { Disposition.Adopted, Disposition.PartlyAdopted, Disposition.NotAdopted, Disposition.OutOfScope }
                .Select(d => new DispositionTotal(Labels.DispositionCode(d), Labels.DispositionLabel(text, d), perArticle.Where(x => x.Disposition == d).Sum(x => x.Count)))
                .ToList();
            byArticle = perArticle.GroupBy(x => x.ArticleNumber).OrderBy(g => g.Key ?? 0)
                .Select(g => new ArticleTotal(
                    g.Key is { } n ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Translate("Article {0}"), n) : text.Translate("The whole draft"),
                    g.Sum(x => x.Count), Sum(g, Disposition.Adopted), Sum(g, Disposition.PartlyAdopted), Sum(g, Disposition.NotAdopted), Sum(g, Disposition.OutOfScope)))
                .ToList();
            if (c.State == ConsultationState.Adopted)
            {
                var before = string.Join("\n", c.Articles.Select(a => a.Markdown));
                var after = string.Join("\n", c.FinalArticles.Select(a => a.Markdown));
                redline = Redline.Compare(before, after).Select(r => new RedlineView(r.Kind, r.Text)).ToList();
            }
        }

        string? Url(int p) => p < 1 || p > pages ? null : $"/consultations/{c.Slug}?page={p}#comments";
        return new ConsultationPage(
            c.Slug, c.Title, c.Summary, c.Department, c.Kind == DecisionKind.Major ? text.Translate("Major decision") : text.Translate("Ordinary decision"),
            c.Kind == DecisionKind.Major, c.ShortPeriodReason, c.Contact, Labels.Status(status), Labels.StatusLabel(text, status),
            SiteClock.FormatDateTime(c.OpensUtc), SiteClock.FormatDateTime(c.ClosesUtc), c.ClosesUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            SiteClock.FormatDate(c.PlannedAdoptionDate), status == ConsultationStatus.Open ? ConsultationPages.Remaining(c.ClosesUtc - now, text) : null,
            status == ConsultationStatus.Open, articles, c.CommentCount, total - rejected, rejected, views, new PagerView(page, pages, Url(page - 1), Url(page + 1)),
            final, final ? Labels.StatusLabel(text, status) : null, final ? c.OutcomeReason : null,
            c.FinalizedUtc is { } f ? SiteClock.FormatDateTime(f) : null,
            c.FinalArticles.Select(a => new FinalArticleView(a.Number, new SafeHtml(a.SanitizedHtml))).ToList(),
            totals, byArticle, redline,
            c.Versions.OrderByDescending(v => v.Number).Select(v => new VersionView(v.Number, SiteClock.FormatDateTime(v.PublishedUtc), v.ChangeNote)).ToList(),
            tokens.FormFieldName, tokens.RequestToken ?? "",
            form ?? new FormValues("", "", "", "", "", "", true, true), errors,
            errors.Count > 0 ? errors[0].Message : null,
            final ? await Queries.HearingOpinions.For(db)(db, c.Id, cancellationToken) : 0)
        {
            Attachments = (await ToListAsync(Queries.Attachments.For(db)(db, c.Id), cancellationToken))
                .Select(Portal.Disclosure.Public.ReadDocument.ToView).ToList(),
        };
    }

    private static int Sum(IEnumerable<Tally> rows, Disposition d) => rows.Where(r => r.Disposition == d).Sum(r => r.Count);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }
        return list;
    }

    private sealed record Tally(int? ArticleNumber, Disposition Disposition, int Count);

    internal sealed record TallyRow(CommentStatus Status, int? ArticleNumber, Disposition Disposition, int Count);

    internal sealed record GroupSize(long Group, int Count);

    /// <summary>The columns of a comment the public page shows: never the contact details, token or fingerprint.</summary>
    internal sealed record CommentRow(
        string ReceiptNumber, string Name, bool PublishName, string? Organization, int? ArticleNumber, DateTimeOffset SubmittedUtc,
        string PublicBody, CommentStatus Status, RejectReason RejectReason, bool ConsentToPublish, long? GroupId,
        Disposition Disposition, string ResponseReason, string ResponseArticles, CommentChannel Channel, string? HearingTitle);

    /// <summary>
    /// The page's queries, compiled once: EF then skips translating the expression tree on every request (EF recompiles
    /// one by itself if it meets a different model, e.g. the other database provider).
    /// </summary>
    private static class Queries
    {
        public static readonly PerProvider<Func<PortalDb, int, IAsyncEnumerable<TallyRow>>> Tallies = new(() => EF.CompileAsyncQuery((PortalDb db, int id) =>
            db.Set<Comment>().Where(x => x.ConsultationId == id && x.Status != CommentStatus.Pending)
                .GroupBy(x => new { x.Status, x.ArticleNumber, x.Disposition })
                .Select(g => new TallyRow(g.Key.Status, g.Key.ArticleNumber, g.Key.Disposition, g.Count()))));

        public static readonly PerProvider<Func<PortalDb, int, int, int, IAsyncEnumerable<CommentRow>>> Page = new(() => EF.CompileAsyncQuery((PortalDb db, int id, int skip, int take) =>
            db.Set<Comment>().Where(x => x.ConsultationId == id && x.Status != CommentStatus.Pending)
                .OrderBy(x => x.SubmittedUtc).ThenBy(x => x.Id).Skip(skip).Take(take)
                .Select(x => new CommentRow(x.ReceiptNumber, x.Name, x.PublishName, x.Organization, x.ArticleNumber, x.SubmittedUtc,
                    x.PublicBody, x.Status, x.RejectReason, x.ConsentToPublish, x.GroupId, x.Disposition, x.ResponseReason,
                    x.ResponseArticles, x.Channel, x.HearingTitle))));

        public static readonly PerProvider<Func<PortalDb, int, List<long>, IAsyncEnumerable<GroupSize>>> GroupSizes = new(() => EF.CompileAsyncQuery((PortalDb db, int id, List<long> groups) =>
            db.Set<Comment>().Where(x => x.ConsultationId == id && x.Status == CommentStatus.Published && x.GroupId != null && groups.Contains(x.GroupId.Value))
                .GroupBy(x => x.GroupId!.Value).Select(g => new GroupSize(g.Key, g.Count()))));

        public static readonly PerProvider<Func<PortalDb, int, IAsyncEnumerable<Portal.Disclosure.Model.Attachment>>> Attachments = new(() => EF.CompileAsyncQuery((PortalDb db, int id) =>
            db.Set<Portal.Disclosure.Model.Attachment>().AsNoTracking().Where(a => a.OwnerKind == Admin.DecisionDrafts.AttachmentKind && a.OwnerId == id)
                .OrderBy(a => a.Order).ThenBy(a => a.Id).AsQueryable()));

        public static readonly PerProvider<Func<PortalDb, int, CancellationToken, Task<int>>> HearingOpinions = new(() => EF.CompileAsyncQuery((PortalDb db, int id, CancellationToken ct) =>
            db.Set<Comment>().Count(x => x.ConsultationId == id && x.Channel == CommentChannel.Hearing && x.Status == CommentStatus.Published)));
    }
}
