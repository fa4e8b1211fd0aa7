namespace Portal.Notifications;

public enum SmtpSecurity
{
    Auto,
    StartTls,
    SslOnConnect,
    None,
}

/// <summary><c>Portal:Smtp</c>: without a host, messages are written as .eml files to <c>&lt;DataDirectory&gt;/mail-pickup</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Portal <noreply@localhost>";
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary><c>Portal:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    /// <summary>Absolute address of the public site used in links; defaults to <c>https://{SiteDomain}</c>.</summary>
    public string? BaseUrl { get; set; }

    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long an idle dispatcher waits before looking at the outbox again.</summary>
    public double PollSeconds { get; set; } = 5;

    public int BatchSize { get; set; } = 50;
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; each further retry doubles it, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 60;

    public double RetryMaxSeconds { get; set; } = 6 * 3600;

    /// <summary>How long a node owns the rows it took; another node may take them after that (a crashed node).</summary>
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>Subscription feed, digests and staff alerts run this often (one node at a time).</summary>
    public double JobSeconds { get; set; } = 60;

    public bool JobsEnabled { get; set; } = true;

    /// <summary>Alert moderators when a comment has waited longer than this.</summary>
    public double ModerationAlertHours { get; set; } = 24;

    /// <summary>Alert decision officers this many days before a planned adoption that still has unanswered comments.</summary>
    public int AdoptionAlertDays { get; set; } = 3;

    /// <summary>Confirmed hearing participants are reminded this long before the hearing starts.</summary>
    public double HearingReminderHours { get; set; } = 24;

    /// <summary>Subscription requests per IP address per minute.</summary>
    public int SubscribesPerIpPerMinute { get; set; } = 5;

    /// <summary>Confirmation mails to one address per hour (whatever the topics).</summary>
    /// <remarks>Enough for one person to follow several topics in a sitting; few enough that the form cannot flood someone else's mailbox.</remarks>
    public int ConfirmationsPerEmailPerHour { get; set; } = 10;

    /// <summary>Change-log ids re-read behind the last handled one, for rows that commit out of id order.</summary>
    public int TrailingWindow { get; set; } = 500;
}
