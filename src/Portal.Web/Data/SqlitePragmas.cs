using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Web.Data;

/// <summary>
/// Every SQLite connection: write-ahead log (readers never block the writer), a busy timeout instead of instant
/// "database is locked" errors (past it the request gets a 503, see <c>PortalPipeline.DatabaseBusy</c>), FULL sync so an acknowledged commit survives a power cut, and foreign keys on.
/// These are settings of the underlying connection, which the pool keeps open and hands out again: they are applied
/// once per physical connection, not on every open (EF opens the connection for each query, and running the four
/// statements each time was a third of a page's time).
/// </summary>
/// <param name="lockWaitSeconds">How long a write waits for another writer's lock (<c>Portal:Database:LockWaitSeconds</c>).</param>
internal sealed class SqlitePragmas(int lockWaitSeconds) : DbConnectionInterceptor
{
    private readonly string Pragmas =
        $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={lockWaitSeconds * 1000}; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
    private static readonly ConditionalWeakTable<object, object> Prepared = [];
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsPrepared(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkPrepared(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsPrepared(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkPrepared(connection);
    }

    private static bool IsPrepared(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Prepared.TryGetValue(handle, out _);

    private static void MarkPrepared(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Prepared.AddOrUpdate(handle, Done);
        }
    }
}
