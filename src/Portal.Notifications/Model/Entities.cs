namespace Portal.Notifications.Model;

public enum OutboxStatus
{
    Queued = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>Not sent because the subscriber left before it went out.</summary>
    Cancelled = 3,
}

/// <summary>
/// One email waiting in the outbox, written in the same transaction as the change that caused it. The dispatcher
/// renders it from its template when it sends it; a node sends a row only while it holds the row's lease.
/// </summary>
[Portal.Core.Audit.NotAudited]
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The RFC 5322 Message-Id, fixed when the row is written so a resend is recognisably the same message.</summary>
    public string MessageId { get; set; } = "";

    public string Template { get; set; } = "";
    public string To { get; set; } = "";
    public string Culture { get; set; } = "zh-CN";

    /// <summary>The template's values as a JSON object of strings.</summary>
    public string ValuesJson { get; set; } = "{}";

    public string? DeduplicationKey { get; set; }

    /// <summary>Set when the message concerns a subscription: List-Unsubscribe points at it.</summary>
    public string? UnsubscribeToken { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset NextAttemptUtc { get; set; }
    public DateTimeOffset? SentUtc { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresUtc { get; set; }
    public string LastError { get; set; } = "";

    public List<OutboxAttachment> Attachments { get; set; } = [];
}

[Portal.Core.Audit.NotAudited]
public sealed class OutboxAttachment
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

public enum DigestFrequency
{
    Immediate = 0,
    Daily = 1,
    Weekly = 2,
}

/// <summary>A person following a topic by email, without an account. Nothing is sent before the address is confirmed.</summary>
public sealed class Subscription
{
    public int Id { get; set; }
    public string Email { get; set; } = "";

    /// <summary><c>section:{slug}</c>, <c>consultation:{slug}</c>, <c>hearings</c> or <c>statements</c>.</summary>
    public string Topic { get; set; } = "";

    public DigestFrequency Frequency { get; set; }
    public string Culture { get; set; } = "zh-CN";

    /// <summary>Secret in the confirmation and unsubscribe links.</summary>
    public string Token { get; set; } = "";

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? ConfirmedUtc { get; set; }
    public DateTimeOffset? UnsubscribedUtc { get; set; }
    public DateTimeOffset? LastDigestUtc { get; set; }

    public bool IsActive => ConfirmedUtc is not null && UnsubscribedUtc is null;
}

/// <summary>An item waiting for a subscriber's next daily or weekly digest; one row per item, however often it changed.</summary>
[Portal.Core.Audit.NotAudited]
public sealed class DigestEntry
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public string Source { get; set; } = "";
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string Url { get; set; } = "";
    public DateTimeOffset ChangedUtc { get; set; }
}

/// <summary>How far this site's subscription feed has read the content change log.</summary>
[Portal.Core.Audit.NotAudited]
public sealed class ChangeCursor
{
    public string Name { get; set; } = "";

    /// <summary>Every change with an id at or below this is handled; above it, <see cref="HandledChange"/> rows say which are.</summary>
    public long LowWaterId { get; set; }
}

/// <summary>A change above the low-water mark that was handled already (ids can commit out of order on PostgreSQL).</summary>
[Portal.Core.Audit.NotAudited]
public sealed class HandledChange
{
    public long ChangeId { get; set; }
    public DateTimeOffset HandledUtc { get; set; }
}

/// <summary>A named job that only one node runs at a time (the subscription feed, digests, staff alerts).</summary>
[Portal.Core.Audit.NotAudited]
public sealed class JobLease
{
    public string Name { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTimeOffset ExpiresUtc { get; set; }
}
