using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Notifications;
using Portal.Notifications.Model;

namespace Portal.Notifications.Outbox;

/// <summary>
/// Adds the message as a row of the caller's unit of work: it commits or rolls back with the change that caused it.
/// A message whose <see cref="OutgoingMessage.DeduplicationKey"/> was queued before is dropped.
/// </summary>
public sealed class DatabaseOutbox(PortalDb db, TimeProvider clock) : INotificationOutbox
{
    public void Enqueue(OutgoingMessage message) => Add(message, null);

    public OutboxMessage? Add(OutgoingMessage message, string? unsubscribeToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(message.Template);
        ArgumentException.ThrowIfNullOrEmpty(message.To);
        if (message.DeduplicationKey is { } key && IsQueued(key))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var row = new OutboxMessage
        {
            MessageId = $"{RandomNumberGenerator.GetHexString(24, lowercase: true)}@portal.notifications",
            Template = message.Template,
            To = message.To.Trim(),
            Culture = message.Culture is "en" ? "en" : "zh-CN",
            ValuesJson = JsonSerializer.Serialize(message.Values),
            DeduplicationKey = message.DeduplicationKey,
            UnsubscribeToken = unsubscribeToken,
            Status = OutboxStatus.Queued,
            CreatedUtc = now,
            NextAttemptUtc = now,
            Attachments = message.Attachments.Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content }).ToList(),
        };
        db.Add(row);
        if (row.DeduplicationKey is { } addedKey)
        {
            added[addedKey] = row;
        }
        return row;
    }

    /// <summary>The rows this unit of work added, by key: a lookup instead of a scan of the tracker per message.</summary>
    private readonly Dictionary<string, OutboxMessage> added = new(StringComparer.Ordinal);

    /// <summary>
    /// Queued before, in this unit of work (a row added here and still tracked: a cleared tracker drops it, and so
    /// does this check) or in the database.
    /// </summary>
    private bool IsQueued(string key) =>
        (added.TryGetValue(key, out var row) && db.Entry(row).State != EntityState.Detached)
        || Queued.For(db)(db, key);

    private static readonly PerProvider<Func<PortalDb, string, bool>> Queued = new(() => EF.CompileQuery((PortalDb db, string key) =>
        db.Set<OutboxMessage>().Any(m => m.DeduplicationKey == key)));
}
