namespace Portal.Core.Notifications;

/// <summary>A file sent with a message (a hearing's ICS invitation, materials).</summary>
public sealed record MessageAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One email to one person, described by template and values rather than by text: the Notifications module
/// renders the theme's Liquid template (<c>mail/{Template}.liquid</c>) in <see cref="Culture"/>.
/// </summary>
/// <param name="Template">Template name, e.g. <c>comment-receipt</c>.</param>
/// <param name="To">Recipient address. Never logged in clear.</param>
/// <param name="Culture">zh-CN or en: the recipient's language when the message was caused.</param>
/// <param name="Values">Plain values the template may show (HTML-encoded when rendered).</param>
public sealed record OutgoingMessage(string Template, string To, string Culture, IReadOnlyDictionary<string, string> Values)
{
    public IReadOnlyList<MessageAttachment> Attachments { get; init; } = [];

    /// <summary>When set, a second message with the same key is not queued again (idempotent handlers).</summary>
    public string? DeduplicationKey { get; init; }
}

/// <summary>
/// Queues mail inside the caller's unit of work: <see cref="Enqueue"/> only adds rows to the scoped PortalDb,
/// so the message is committed (or rolled back) with the change that caused it. Event handlers call it;
/// modules raise events and never call the mailer. Without the Notifications module nothing is sent.
/// </summary>
public interface INotificationOutbox
{
    void Enqueue(OutgoingMessage message);
}

internal sealed class DiscardingOutbox : INotificationOutbox
{
    public void Enqueue(OutgoingMessage message)
    {
    }
}
