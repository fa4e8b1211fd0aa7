namespace Portal.Statements.Model;

public static class StatementVisibility
{
    /// <summary>
    /// The one embargo rule: public once its time has come. A scheduled row counts as soon as
    /// <c>PublishUtc &lt;= now</c>, so nothing depends on when the background publisher runs; and a row is never
    /// public before its time, whatever its state says.
    /// </summary>
    public static IQueryable<Statement> PublicAt(this IQueryable<Statement> statements, DateTimeOffset now) =>
        statements.Where(s => (s.State == StatementState.Scheduled || s.State == StatementState.Published || s.State == StatementState.Retracted)
            && s.PublishUtc != null && s.PublishUtc <= now);

    public static bool IsPublicAt(this Statement s, DateTimeOffset now) =>
        s.State is StatementState.Scheduled or StatementState.Published or StatementState.Retracted && s.PublishUtc is { } at && at <= now;
}
