using System.Globalization;
using Npgsql;

namespace Portal.Web.Operations;

/// <summary>
/// The rule of <see cref="SiteLock"/> across machines, for nodes sharing one PostgreSQL database: every running site
/// holds a shared session-level advisory lock in that database, on a connection of its own for its whole life, and
/// <c>restore</c> takes the same lock exclusively. The file lock only sees processes on one machine; this one sees every
/// node, wherever it runs. PostgreSQL releases a session's advisory locks when its connection ends, so a node that
/// crashes (or a machine that goes away) never leaves the database locked. The connection names its holder
/// (<c>application_name</c>: "Portal site on HOST, process N"), so a refusal can say which nodes are still running.
/// </summary>
internal sealed class PostgresSiteLock : IAsyncDisposable
{
    // pg_advisory_lock(int4, int4): "Port", "al" 1. Advisory locks are per database, so one key serves every site.
    private const int KeyHigh = 0x506F7274;
    private const int KeyLow = 0x616C0001;

    private readonly NpgsqlConnectionStringBuilder settings;
    private readonly CancellationTokenSource stopping = new();
    private NpgsqlConnection connection;
    private Task? watching;

    private PostgresSiteLock(NpgsqlConnectionStringBuilder settings, NpgsqlConnection connection)
    {
        this.settings = settings;
        this.connection = connection;
    }

    /// <summary>
    /// A site's start: on PostgreSQL, the shared lock, watched for the site's life; nothing on SQLite (the data directory's
    /// file lock covers it). A refusal says why the site must not start: a restore is running, or the database cannot be
    /// reached.
    /// </summary>
    public static async Task<(PostgresSiteLock? Lock, string? Refusal)> TryForSiteAsync(WebApplication app)
    {
        if (!Data.DatabaseSetup.IsPostgres(app.Configuration))
        {
            return (null, null);
        }
        var connectionString = app.Configuration.GetConnectionString("Portal")!;
        try
        {
            var (held, refusal) = await TryTakeAsync(connectionString, "site", exclusive: false, app.Lifetime.ApplicationStopping);
            held?.Watch(app.Logger, app.Lifetime, TimeSpan.FromSeconds(app.Configuration.GetValue("Portal:Database:SiteLockCheckSeconds", 10.0)));
            return (held, refusal);
        }
        catch (NpgsqlException e)
        {
            return (null, Unreachable(connectionString, e));
        }
    }

    /// <summary>
    /// <c>restore</c> (exclusive) and <c>backup</c> (shared) on PostgreSQL, held until the verb has finished; nothing on
    /// SQLite. A restore is refused while any node or backup holds the database, a backup while a restore does (so it
    /// never copies a database half-way through being replaced): <see cref="BackupException"/> says who holds it.
    /// </summary>
    public static async Task<PostgresSiteLock?> TryForVerbAsync(IConfiguration configuration, bool restore)
    {
        if (!Data.DatabaseSetup.IsPostgres(configuration))
        {
            return null;
        }
        var connectionString = configuration.GetConnectionString("Portal")!;
        try
        {
            var (held, refusal) = await TryTakeAsync(connectionString, restore ? "restore" : "backup", exclusive: restore, CancellationToken.None);
            return held ?? throw new BackupException(refusal!);
        }
        catch (NpgsqlException e)
        {
            throw new BackupException(Unreachable(connectionString, e));
        }
    }

    private static string Unreachable(string connectionString, NpgsqlException e)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL at {settings.Host}:{settings.Port} (database '{settings.Database}') cannot be reached: {e.Message}";
    }

    /// <summary>Shared for a site or a backup, exclusive for a restore; null, with the reason, when the other kind is held.</summary>
    private static async Task<(PostgresSiteLock?, string?)> TryTakeAsync(string connectionString, string holder, bool exclusive, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Its own physical connection: a pooled one would go back to the pool, lock and all, when closed.
            Pooling = false,
            Enlist = false,
            // This side notices a server that went away (the watch then takes the lock again).
            KeepAlive = 30,
            ApplicationName = string.Create(CultureInfo.InvariantCulture,
                $"Portal {holder} on {Environment.MachineName}, process {Environment.ProcessId}"),
        };
        // The server's side: TCP keepalives on this session, so that a node whose machine vanished without closing its
        // connection is noticed within about a minute (30 s idle, then 3 probes 10 s apart) and its lock released,
        // instead of after the operating system's default two hours.
        settings.Options = $"{settings.Options} -c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3".Trim();
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // Created here when missing (as the migrator would), so that the lock is held before anything touches
                // the schema.
                await connection.DisposeAsync();
                await PostgresDump.CreateDatabaseIfMissingAsync(settings.ConnectionString, cancellationToken);
                connection = new NpgsqlConnection(settings.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            if (await TakeAsync(connection, exclusive, cancellationToken))
            {
                return (new PostgresSiteLock(settings, connection), null);
            }
            var holders = await HoldersAsync(connection, cancellationToken);
            await connection.DisposeAsync();
            var where = $"the PostgreSQL database '{settings.Database}' on {settings.Host}";
            return (null, exclusive
                ? $"Portal is running on {where}{holders}. A restore replaces the database; stop every Portal node using it (and let a running backup finish), then run the restore again."
                : $"A restore is running on {where}{holders}; try again when it has finished.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TakeAsync(NpgsqlConnection connection, bool exclusive, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand(exclusive ? "SELECT pg_try_advisory_lock(@high, @low)" : "SELECT pg_try_advisory_lock_shared(@high, @low)", connection);
        take.Parameters.AddWithValue("high", KeyHigh);
        take.Parameters.AddWithValue("low", KeyLow);
        return (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>" (Portal site on web1, process 812 from 10.0.0.5; …)": who holds the lock now, as far as this role may see.</summary>
    private static async Task<string> HoldersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("""
            SELECT coalesce(a.application_name, ''), coalesce(host(a.client_addr), '')
            FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = @high AND l.objid::bigint = @low AND l.pid <> pg_backend_pid()
            ORDER BY a.backend_start
            """, connection);
        query.Parameters.AddWithValue("high", (long)KeyHigh);
        query.Parameters.AddWithValue("low", (long)KeyLow);
        var holders = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                var address = reader.GetString(1);
                holders.Add((name.Length > 0 ? name : "a session this role may not see") + (address.Length > 0 ? $" from {address}" : ""));
            }
        }
        return holders.Count == 0 ? "" : $" ({string.Join("; ", holders)})";
    }

    /// <summary>
    /// A site's lock lasts only as long as its connection. Should the connection drop (the server restarted), the lock is
    /// taken again; if a restore has taken it in the meantime, the site stops rather than write into a database being
    /// replaced.
    /// </summary>
    public void Watch(ILogger logger, IHostApplicationLifetime lifetime, TimeSpan interval) =>
        watching = Task.Run(() => WatchAsync(logger, lifetime, interval, stopping.Token));

    private async Task WatchAsync(ILogger logger, IHostApplicationLifetime lifetime, TimeSpan interval, CancellationToken cancellationToken)
    {
        var lost = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, cancellationToken);
                if (!lost)
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(cancellationToken);
                    continue;
                }
                var fresh = new NpgsqlConnection(settings.ConnectionString);
                await fresh.OpenAsync(cancellationToken);
                if (!await TakeAsync(fresh, exclusive: false, cancellationToken))
                {
                    await fresh.DisposeAsync();
                    logger.LogCritical("The connection holding this node's site lock in PostgreSQL was lost, and a restore holds the database now; the site stops.");
                    lifetime.StopApplication();
                    return;
                }
                await connection.DisposeAsync();
                connection = fresh;
                lost = false;
                logger.LogWarning("The site lock in PostgreSQL was taken again after its connection was lost.");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                if (!lost)
                {
                    logger.LogWarning("The connection holding this node's site lock in PostgreSQL was lost ({Message}); taking the lock again.", e.Message);
                }
                lost = true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (watching is not null)
        {
            await watching;
        }
        await connection.DisposeAsync();
        stopping.Dispose();
    }
}
