using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Notifications;
using Portal.Core.Text;
using Portal.Notifications.Model;
using Portal.Notifications.Outbox;

namespace Portal.Notifications.Subscriptions;

/// <summary>
/// Reads the content change log in id order and tells subscribers: a message at once, or an entry for their next
/// digest. Ids can commit out of order on PostgreSQL, so the feed keeps a low-water mark a window behind the last
/// id it handled and remembers which ids above it are done; a change is acted on only once it is due.
/// Runs on one node at a time (see <see cref="NotificationJobs"/>); the outbox's deduplication keys make a repeat harmless.
/// </summary>
public sealed class SubscriptionFeed(PortalDb db, TimeProvider clock, IEnumerable<IPublicContentSource> sources, DatabaseOutbox outbox, Topics topics,
    IOptions<NotificationOptions> options)
{
    public const string CursorName = "subscriptions";
    public const string UpdateTemplate = "subscription-update";
    public const string DigestTemplate = "subscription-digest";

    /// <summary>Handles the changes that are due; returns how many it handled.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var cursor = await db.Set<ChangeCursor>().FindAsync([CursorName], cancellationToken);
        if (cursor is null)
        {
            cursor = new ChangeCursor { Name = CursorName };
            db.Add(cursor);
        }
        var low = cursor.LowWaterId;
        var handled = (await db.Set<HandledChange>().Where(h => h.ChangeId > low).Select(h => h.ChangeId).ToListAsync(cancellationToken)).ToHashSet();
        var changes = await db.ContentChanges.AsNoTracking()
            .Where(c => c.Id > low && c.DueUtc <= now).OrderBy(c => c.Id).Take(1000).ToListAsync(cancellationToken);
        // With nobody subscribed (a new site importing its content) the changes are only marked handled: building each
        // item to find no reader for it was most of the notification jobs' work just after a first start.
        var anyReader = changes.Count > 0
            && await db.Set<Subscription>().AnyAsync(s => s.ConfirmedUtc != null && s.UnsubscribedUtc == null, cancellationToken);
        var count = 0;
        foreach (var change in changes.Where(c => !handled.Contains(c.Id)))
        {
            // A silent change (text masked again, say) is for the index and the cache: no follower hears of it.
            if (anyReader && !change.Silent)
            {
                await HandleAsync(change, cancellationToken);
            }
            db.Add(new HandledChange { ChangeId = change.Id, HandledUtc = now });
            handled.Add(change.Id);
            count++;
        }
        if (handled.Count > 0)
        {
            var newLow = handled.Max() - options.Value.TrailingWindow;
            var firstNotDue = await db.ContentChanges.Where(c => c.Id > low && c.DueUtc > now).MinAsync(c => (long?)c.Id, cancellationToken);
            if (firstNotDue is { } waiting && waiting - 1 < newLow)
            {
                newLow = waiting - 1;
            }
            if (newLow > low)
            {
                cursor.LowWaterId = newLow;
                await db.Set<HandledChange>().Where(h => h.ChangeId <= newLow).ExecuteDeleteAsync(cancellationToken);
                db.ChangeTracker.Entries<HandledChange>().Where(e => e.Entity.ChangeId <= newLow).ToList().ForEach(e => e.State = EntityState.Detached);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private async Task HandleAsync(ContentChange change, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Source == change.Source);
        if (source is null || await source.FindAsync(change.Key, cancellationToken) is not { } item || item.Topics.Count == 0)
        {
            return;
        }
        var itemTopics = item.Topics.ToList();
        // What was published before someone confirmed is not news to them (a site that imported its content, or whose
        // feed had not run for a while, would otherwise mail a new subscriber its whole history).
        var due = change.DueUtc;
        var subscribers = await db.Set<Subscription>()
            .Where(s => itemTopics.Contains(s.Topic) && s.ConfirmedUtc != null && s.ConfirmedUtc <= due && s.UnsubscribedUtc == null)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        foreach (var subscription in subscribers)
        {
            if (subscription.Frequency == DigestFrequency.Immediate)
            {
                outbox.Add(new OutgoingMessage(UpdateTemplate, subscription.Email, subscription.Culture, new Dictionary<string, string>
                {
                    ["topic_label"] = await topics.LabelAsync(subscription.Topic, subscription.Culture, cancellationToken) ?? subscription.Topic,
                    ["title"] = item.Title,
                    ["url"] = item.Url,
                    ["date"] = SiteClock.FormatDate(item.DateUtc),
                    ["summary"] = Summary(item),
                    ["updated"] = item.UpdatedUtc is not null && item.UpdatedUtc > item.DateUtc ? "yes" : "",
                }) { DeduplicationKey = UpdateKey(subscription.Id, change) }, subscription.Token);
                continue;
            }
            var entry = db.Set<DigestEntry>().Local.FirstOrDefault(d => d.SubscriptionId == subscription.Id && d.Source == item.Source && d.Key == item.Key)
                ?? await db.Set<DigestEntry>().FirstOrDefaultAsync(d => d.SubscriptionId == subscription.Id && d.Source == item.Source && d.Key == item.Key, cancellationToken);
            if (entry is null)
            {
                entry = new DigestEntry { SubscriptionId = subscription.Id, Source = item.Source, Key = item.Key };
                db.Add(entry);
            }
            entry.Title = Truncate(item.Title, 300);
            entry.Url = Truncate(item.Url, 400);
            entry.ChangedUtc = change.DueUtc;
        }
    }

    /// <summary>Sends each daily or weekly subscriber whose period has passed one message with what changed.</summary>
    public async Task<int> SendDigestsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.Set<Subscription>()
            .Where(s => s.Frequency != DigestFrequency.Immediate && s.ConfirmedUtc != null && s.UnsubscribedUtc == null
                && db.Set<DigestEntry>().Any(d => d.SubscriptionId == s.Id))
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var subscription in waiting)
        {
            var period = subscription.Frequency == DigestFrequency.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);
            var last = subscription.LastDigestUtc ?? subscription.ConfirmedUtc!.Value;
            if (now - last < period)
            {
                continue;
            }
            var entries = await db.Set<DigestEntry>().Where(d => d.SubscriptionId == subscription.Id).OrderByDescending(d => d.ChangedUtc).ToListAsync(cancellationToken);
            var items = entries.Take(100).Select(d => new MailItem(d.Title, d.Url, SiteClock.FormatDate(d.ChangedUtc), "")).ToList();
            outbox.Add(new OutgoingMessage(DigestTemplate, subscription.Email, subscription.Culture, new Dictionary<string, string>
            {
                ["topic_label"] = await topics.LabelAsync(subscription.Topic, subscription.Culture, cancellationToken) ?? subscription.Topic,
                ["frequency"] = subscription.Frequency == DigestFrequency.Daily ? "daily" : "weekly",
                ["count"] = entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["items"] = MailRenderer.ListValue(items),
            }) { DeduplicationKey = $"digest:{subscription.Id}:{now.UtcTicks}" }, subscription.Token);
            db.RemoveRange(entries);
            subscription.LastDigestUtc = now;
            sent++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    /// <summary>
    /// One message per subscriber, item and moment: an item can have several log rows due at the same instant (the
    /// close of a consultation is recorded at publication and again with each correction), and those are one event.
    /// </summary>
    internal static string UpdateKey(int subscriptionId, ContentChange change)
    {
        var item = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{change.Source}\n{change.Key}")))[..32];
        return $"update:{subscriptionId}:{item}:{change.DueUtc.UtcTicks}";
    }

    private static string Summary(PublicItem item)
    {
        var summary = item.Summary is { Length: > 0 } s ? s : item.Body;
        return summary.Length > 200 ? summary[..200] + "…" : summary;
    }

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}
