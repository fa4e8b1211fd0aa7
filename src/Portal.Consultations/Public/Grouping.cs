using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;

namespace Portal.Consultations.Public;

/// <summary>Puts a comment into the group of a near-identical earlier comment (a campaign), if there is one.</summary>
internal static class Grouping
{
    private const int Page = 50;

    /// <summary>
    /// The group of the first (lowest id) near-duplicate. A near-duplicate differs in at most 7 bits, so it shares at
    /// least one of the eight bands: the first near-duplicate found in each band's index, in id order, is a candidate,
    /// and the lowest of those is the answer. Each band is read a page at a time, in id order, only below the best id
    /// so far, and only until its first near-duplicate, so neither a campaign of thousands of identical comments nor
    /// thousands of unrelated ones are read in full (paging, because PostgreSQL sends a whole result set even when
    /// the reader stops early).
    /// </summary>
    public static async Task AssignAsync(PortalDb db, Comment comment, CancellationToken cancellationToken)
    {
        long? matchId = null;
        long? matchGroup = null;
        for (var band = 0; band < 8; band++)
        {
            var sharing = SharingBand(db.Set<Comment>().AsNoTracking().Where(c => c.ConsultationId == comment.ConsultationId), band, CommentText.Band(comment.Fingerprint, band));
            var after = 0L;
            var below = matchId ?? long.MaxValue;
            while (true)
            {
                var page = await sharing.Where(c => c.Id > after && c.Id < below).OrderBy(c => c.Id).Take(Page)
                    .Select(c => new { c.Id, c.Fingerprint, c.GroupId }).ToListAsync(cancellationToken);
                if (page.FirstOrDefault(c => CommentText.AreNearDuplicates(c.Fingerprint, comment.Fingerprint)) is { } found)
                {
                    (matchId, matchGroup) = (found.Id, found.GroupId);
                    break;
                }
                if (page.Count < Page)
                {
                    break;
                }
                after = page[^1].Id;
            }
        }
        if (matchId is not { } id)
        {
            return;
        }
        if (matchGroup is null && await db.Set<Comment>().FindAsync([id], cancellationToken) is { } first)
        {
            // The first of a new group becomes its root (tracked, so the change is saved and audited with the comment).
            first.GroupId ??= first.Id;
            matchGroup = first.GroupId;
        }
        comment.GroupId = matchGroup ?? id;
    }

    private static IQueryable<Comment> SharingBand(IQueryable<Comment> comments, int band, int value) => band switch
    {
        0 => comments.Where(c => c.Band0 == value),
        1 => comments.Where(c => c.Band1 == value),
        2 => comments.Where(c => c.Band2 == value),
        3 => comments.Where(c => c.Band3 == value),
        4 => comments.Where(c => c.Band4 == value),
        5 => comments.Where(c => c.Band5 == value),
        6 => comments.Where(c => c.Band6 == value),
        _ => comments.Where(c => c.Band7 == value),
    };
}
