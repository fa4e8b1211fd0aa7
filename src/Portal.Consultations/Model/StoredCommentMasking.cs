using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Public;
using Portal.Core.Content;
using Portal.Core.Data;

namespace Portal.Consultations.Model;

/// <summary>
/// Masks the stored public copies of comments again when <see cref="CommentText.Mask"/> has learnt to hide more
/// (<see cref="CommentText.RulesVersion"/>): a copy stored before it knew full-width digits still shows a mobile written
/// that way. Only the public copy is read and written (masking a masked text changes nothing), so the original stays
/// as given and what a moderator saw is untouched. Each changed comment is noted silently in the change log, so every
/// node's search index and page cache take the new text and no follower of the consultation is mailed.
/// </summary>
internal sealed class StoredCommentMasking(TimeProvider clock) : IDataUpgrade
{
    private const int BatchSize = 1000;

    public string Name => "comment-masking";

    public int Version => CommentText.RulesVersion;

    public async Task<int> RunAsync(PortalDb db, CancellationToken cancellationToken)
    {
        var changed = 0;
        var last = 0L;
        while (true)
        {
            var batch = await db.Set<Comment>().AsNoTracking().Where(c => c.Id > last).OrderBy(c => c.Id).Take(BatchSize)
                .Select(c => new { c.Id, c.PublicBody }).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return changed;
            }
            last = batch[^1].Id;
            var masked = new Dictionary<long, string>();
            foreach (var row in batch)
            {
                var copy = StaffEnteredComments.PublicCopy(row.PublicBody);
                if (copy != row.PublicBody)
                {
                    masked[row.Id] = copy;
                }
            }
            if (masked.Count == 0)
            {
                continue;
            }
            var ids = masked.Keys.ToList();
            var now = clock.GetUtcNow();
            foreach (var comment in await db.Set<Comment>().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                comment.PublicBody = masked[comment.Id];
                db.RecordSilentChange(CommentSource.Name, comment.ReceiptNumber, now);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            changed += masked.Count;
        }
    }
}
