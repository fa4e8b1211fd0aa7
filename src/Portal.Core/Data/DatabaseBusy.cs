namespace Portal.Core.Data;

/// <summary>
/// Whether an exception means the database did not let a write in within its lock wait: another writer held it (a long
/// change such as finalizing a large decision, or another node) past <c>Portal:Database:LockWaitSeconds</c>, or
/// PostgreSQL gave up waiting for a lock or the statement. The transaction never began or was rolled back, so nothing
/// of the request was stored and it may simply be sent again. Each provider reports this its own way; the host
/// registers the implementation that knows them.
/// </summary>
public interface IDatabaseBusy
{
    bool IsBusy(Exception exception);
}

/// <summary>What a busy database's 503 says, the same from the group commit's refusal, the staff API and the error page.</summary>
public static class DatabaseBusyAnswer
{
    public const string Message = "The site is busy saving another change. What you sent was not stored; please send it again in a moment.";

    /// <summary>The <c>Retry-After</c> header's value.</summary>
    public const string RetryAfterSeconds = "5";
}

/// <summary>Until the host registers its own: no exception counts as busy.</summary>
internal sealed class NeverBusy : IDatabaseBusy
{
    public bool IsBusy(Exception exception) => false;
}
