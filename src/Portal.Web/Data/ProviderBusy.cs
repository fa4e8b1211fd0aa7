using Portal.Core.Data;

namespace Portal.Web.Data;

/// <summary>
/// How the two providers say a write could not get the database in time: SQLite busy or locked (5, 6) past the lock
/// wait; PostgreSQL <c>55P03</c> (lock not available), <c>57014</c> (statement cancelled by its timeout), or a command
/// timeout. Looked for anywhere in the exception's chain (EF wraps them).
/// </summary>
internal sealed class ProviderBusy : IDatabaseBusy
{
    public bool IsBusy(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                || e is Npgsql.PostgresException { SqlState: "55P03" or "57014" }
                || e is Npgsql.NpgsqlException { InnerException: TimeoutException })
            {
                return true;
            }
        }
        return false;
    }
}
