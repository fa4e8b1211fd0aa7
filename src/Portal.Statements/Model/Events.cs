namespace Portal.Statements.Model;

/// <summary>A statement became public (at its scheduled time or at once). Raised inside the unit of work.</summary>
public sealed record StatementPublished(int StatementId, string Slug, DateTimeOffset PublishUtc);

/// <summary>A statement was scheduled for release at <paramref name="PublishUtc"/>; it is not public yet.</summary>
public sealed record StatementScheduled(int StatementId, string Slug, DateTimeOffset PublishUtc);

public sealed record StatementCorrected(int StatementId, string Slug, int Revision, string Note);

public sealed record StatementRetracted(int StatementId, string Slug, string Reason);
