using Portal.Core.Settings;

namespace Portal.Consultations;

/// <summary><c>Portal:Consultations</c> in configuration.</summary>
public sealed class ConsultationOptions
{
    /// <summary>The site minimum comment period in days (7 by the one-week-ahead rule).</summary>
    public int MinimumDays { get; set; } = 7;

    /// <summary>Major administrative decisions normally get at least 30 days.</summary>
    public int MajorMinimumDays { get; set; } = 30;

    /// <summary>
    /// Pre-moderation by default: comments are public only after a moderator publishes them. This is the default of the
    /// site setting <see cref="ModerationSetting"/>, which an administrator changes on the settings screen.
    /// </summary>
    public bool PostModeration { get; set; }

    public const string ModerationKey = "Consultations.Moderation";

    public static SiteSettingChoice ModerationSetting(bool postByDefault) => new(
        ModerationKey,
        "Comment moderation",
        "Pre-moderation keeps each comment private until a moderator publishes it; with post-moderation comments appear at once and moderators can still reject them.",
        [new SiteSettingOption("pre", "Pre-moderation: publish after review"), new SiteSettingOption("post", "Post-moderation: publish at once, review afterwards")],
        postByDefault ? "post" : "pre");

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
