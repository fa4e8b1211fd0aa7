namespace Portal.Consultations;

/// <summary><c>Portal:Consultations</c> in configuration.</summary>
public sealed class ConsultationOptions
{
    /// <summary>The site minimum comment period in days (7 by the one-week-ahead rule).</summary>
    public int MinimumDays { get; set; } = 7;

    /// <summary>Major administrative decisions normally get at least 30 days.</summary>
    public int MajorMinimumDays { get; set; } = 30;

    /// <summary>Pre-moderation by default: comments are public only after a moderator publishes them.</summary>
    public bool PostModeration { get; set; }

    /// <summary>Comment submissions per IP address per minute.</summary>
    public int CommentsPerIpPerMinute { get; set; } = 10;

    /// <summary>Comments per email address per consultation per hour.</summary>
    public int CommentsPerEmailPerHour { get; set; } = 5;
}

public sealed record CommentSubmitted(int ConsultationId, string ReceiptNumber, string Email, string AccessToken);

public sealed record CommentPublished(int ConsultationId, string ReceiptNumber);

public sealed record CommentRejected(int ConsultationId, string ReceiptNumber, string Reason);

public sealed record DecisionPublished(int ConsultationId, string Slug, int Version);

public sealed record DecisionFinalized(int ConsultationId, string Slug, string Outcome);
