using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Consultations.Public;

/// <summary>
/// Published comments (with consent to publish), shown on their consultation's page: only the masked public text and,
/// once the decision is final, the response. Never the name, email, phone or organisation. The URL points to the
/// comments page that holds the comment and to its anchor.
/// </summary>
internal sealed class CommentSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "comments";

    public string Source => Name;

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var section = await ConsultationSource.SectionSlugAsync(db, cancellationToken);
        var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.State != ConsultationState.Draft)
            .Select(c => new Parent(c.Id, c.Slug, c.Title, c.State, c.OpensUtc, c.ClosesUtc)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var position = 0;
        var current = 0;
        // Every shown comment (published or rejected placeholder) counts for the page number, in the page's order.
        await foreach (var x in db.Set<Comment>().AsNoTracking().Where(x => x.Status != CommentStatus.Pending)
                           .OrderBy(x => x.ConsultationId).ThenBy(x => x.SubmittedUtc).ThenBy(x => x.Id)
                           .Select(x => new Row(x.Id, x.ConsultationId, x.ReceiptNumber, x.Status, x.ConsentToPublish, x.PublicBody, x.SubmittedUtc, x.Disposition, x.ResponseReason))
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (x.ConsultationId != current)
            {
                current = x.ConsultationId;
                position = 0;
            }
            position++;
            if (consultations.TryGetValue(x.ConsultationId, out var parent) && IsPublic(x))
            {
                yield return ToItem(x, parent, position, now, section);
            }
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        // Runs for every comment published (the search index, feeds): compiled, and the position counted in the
        // (consultation, status, time) index alone.
        var x = await Queries.Row.For(db)(db, key, cancellationToken);
        if (x is null || !IsPublic(x))
        {
            return null;
        }
        var parent = await Queries.Parent.For(db)(db, x.ConsultationId, cancellationToken);
        if (parent is null)
        {
            return null;
        }
        var before = await Queries.EarlierShown.For(db)(db, x.ConsultationId, x.SubmittedUtc, cancellationToken)
            + await Queries.SameTimeShown.For(db)(db, x.ConsultationId, x.SubmittedUtc, x.Id, cancellationToken);
        return ToItem(x, parent, before + 1, clock.GetUtcNow(), await ConsultationSource.SectionSlugAsync(db, cancellationToken));
    }

    private static class Queries
    {
        public static readonly PerProvider<Func<PortalDb, string, CancellationToken, Task<Row?>>> Row = new(() => EF.CompileAsyncQuery((PortalDb db, string key, CancellationToken ct) =>
            db.Set<Comment>().AsNoTracking().Where(c => c.ReceiptNumber == key)
                .Select(x => new Row(x.Id, x.ConsultationId, x.ReceiptNumber, x.Status, x.ConsentToPublish, x.PublicBody, x.SubmittedUtc, x.Disposition, x.ResponseReason))
                .FirstOrDefault()));

        public static readonly PerProvider<Func<PortalDb, int, CancellationToken, Task<Parent?>>> Parent = new(() => EF.CompileAsyncQuery((PortalDb db, int id, CancellationToken ct) =>
            db.Set<Consultation>().AsNoTracking().Where(c => c.Id == id && c.State != ConsultationState.Draft)
                .Select(c => new Parent(c.Id, c.Slug, c.Title, c.State, c.OpensUtc, c.ClosesUtc)).FirstOrDefault()));

        // Shown means published or rejected (a placeholder): IN over the status column keeps both counts index ranges.
        public static readonly PerProvider<Func<PortalDb, int, DateTimeOffset, CancellationToken, Task<int>>> EarlierShown = new(() => EF.CompileAsyncQuery(
            (PortalDb db, int id, DateTimeOffset submitted, CancellationToken ct) => db.Set<Comment>().Count(c => c.ConsultationId == id
                && (c.Status == CommentStatus.Published || c.Status == CommentStatus.Rejected) && c.SubmittedUtc < submitted)));

        public static readonly PerProvider<Func<PortalDb, int, DateTimeOffset, long, CancellationToken, Task<int>>> SameTimeShown = new(() => EF.CompileAsyncQuery(
            (PortalDb db, int id, DateTimeOffset submitted, long commentId, CancellationToken ct) => db.Set<Comment>().Count(c => c.ConsultationId == id
                && (c.Status == CommentStatus.Published || c.Status == CommentStatus.Rejected) && c.SubmittedUtc == submitted && c.Id < commentId)));
    }

    private static bool IsPublic(Row x) => x.Status == CommentStatus.Published && x.ConsentToPublish && x.PublicBody.Length > 0;

    private static PublicItem ToItem(Row x, Parent parent, int position, DateTimeOffset now, string? section)
    {
        var final = parent.State is ConsultationState.Adopted or ConsultationState.Rejected or ConsultationState.Withdrawn;
        var answered = final && x.Disposition != Disposition.None;
        var body = answered && x.ResponseReason.Length > 0 ? x.PublicBody + "\n" + x.ResponseReason : x.PublicBody;
        var page = (position - 1) / ConsultationPages.CommentsPerPage + 1;
        var url = page > 1
            ? $"/consultations/{parent.Slug}?page={page.ToString(CultureInfo.InvariantCulture)}#{x.ReceiptNumber}"
            : $"/consultations/{parent.Slug}#{x.ReceiptNumber}";
        return new PublicItem(Name, x.ReceiptNumber, "comment", $"{parent.Title} · {x.ReceiptNumber}", body, url, x.SubmittedUtc, section,
            answered ? Labels.DispositionCode(x.Disposition) : null)
        {
            Topics = [$"consultation:{parent.Slug}"],
            HasOwnPage = false,
            PartOf = $"{ConsultationSource.Name}/{parent.Slug}",
        };
    }

    private sealed record Row(long Id, int ConsultationId, string ReceiptNumber, CommentStatus Status, bool ConsentToPublish, string PublicBody,
        DateTimeOffset SubmittedUtc, Disposition Disposition, string ResponseReason);

    private sealed record Parent(int Id, string Slug, string Title, ConsultationState State, DateTimeOffset OpensUtc, DateTimeOffset ClosesUtc);
}
