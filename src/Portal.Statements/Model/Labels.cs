using Portal.Core.Localization;

namespace Portal.Statements.Model;

public static class StatementLabels
{
    public static string KindCode(StatementKind kind) => kind switch
    {
        StatementKind.PressRelease => "press-release",
        StatementKind.Statement => "statement",
        StatementKind.Transcript => "transcript",
        _ => "interpretation",
    };

    public static StatementKind? ParseKind(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "press-release" or "press_release" or "pressrelease" => StatementKind.PressRelease,
        "statement" => StatementKind.Statement,
        "transcript" => StatementKind.Transcript,
        "interpretation" => StatementKind.Interpretation,
        _ => null,
    };

    public static string KindLabel(TextCatalog text, StatementKind kind) => kind switch
    {
        StatementKind.PressRelease => text.Translate("Press release"),
        StatementKind.Statement => text.Translate("Statement"),
        StatementKind.Transcript => text.Translate("Press conference transcript"),
        _ => text.Translate("Policy interpretation"),
    };

    /// <summary>What the public sees: published, corrected or retracted.</summary>
    public static string PublicStatus(Statement s) => s.State == StatementState.Retracted ? "retracted" : s.RevisionCount > 1 ? "corrected" : "published";

    public static string PublicStatusLabel(TextCatalog text, string status) => status switch
    {
        "retracted" => text.Translate("Retracted"),
        "corrected" => text.Translate("Corrected"),
        _ => text.Translate("Released"),
    };

    public static string StateCode(StatementState state) => state switch
    {
        StatementState.Draft => "draft",
        StatementState.InReview => "in-review",
        StatementState.Approved => "approved",
        StatementState.Scheduled => "scheduled",
        StatementState.Published => "published",
        _ => "retracted",
    };

    public static string StateLabel(TextCatalog text, StatementState state) => state switch
    {
        StatementState.Draft => text.Translate("Draft"),
        StatementState.InReview => text.Translate("Awaiting review"),
        StatementState.Approved => text.Translate("Approved"),
        StatementState.Scheduled => text.Translate("Scheduled"),
        StatementState.Published => text.Translate("Public now"),
        _ => text.Translate("Retracted"),
    };

    public static string Url(string slug) => $"/statements/{slug}";

    public static string AttachmentUrl(string slug, StatementAttachment a) => $"/statements/{slug}/attachments/{a.Id}/{Uri.EscapeDataString(a.FileName)}";
}
