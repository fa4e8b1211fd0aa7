using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Core;
using Portal.Core.Data;

namespace Portal.Web.Data;

public static class DatabaseSetup
{
    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration["Portal:Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers <see cref="PortalDb"/> for the configured provider (SQLite under the data directory by default). Contexts
    /// are pooled: a fresh one per request built its options and EF's internal services each time (a twentieth of an
    /// uncached page). EF resets a returned context (tracker, transaction settings); the interceptors are singletons that
    /// keep no state past a save or transaction, so nothing carries from one lease to the next.
    /// </summary>
    /// <remarks>
    /// EF's thread-safety checks (which catch two operations running on one context at once) are on in Development and
    /// wherever <c>Portal:Database:ThreadSafetyChecks</c> is true (the integration tests), and off elsewhere: they set an
    /// async-local value around every row a query reads, about a tenth of an uncached consultation page's allocations by
    /// a trace.
    /// </remarks>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, PortalPaths paths, bool threadSafetyChecks)
    {
        services.AddSingleton<Portal.Core.Data.IDatabaseBusy, ProviderBusy>();
        if (IsPostgres(configuration))
        {
            var connectionString = PostgresConnectionString(configuration);
            StartLoadingModel(typeof(Compiled.Postgres.PostgresPortalDbModel));
            services.AddDbContextPool<PortalDb, PostgresPortalDb>((sp, o) => o.UseNpgsql(connectionString).ForStartup().EnableThreadSafetyChecks(threadSafetyChecks)
                .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
        }
        else
        {
            Directory.CreateDirectory(paths.DataDirectory);
            var lockWait = LockWaitSeconds(configuration);
            var connectionString = SqliteConnectionString(paths.SqliteFile, lockWait);
            StartLoadingModel(typeof(Compiled.Sqlite.SqlitePortalDbModel));
            services.AddDbContextPool<PortalDb, SqlitePortalDb>((sp, o) => o.UseSqlite(connectionString).ForStartup().EnableThreadSafetyChecks(threadSafetyChecks)
                .AddInterceptors(new SqlitePragmas(lockWait)).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
        }
        return services;
    }

    /// <summary>
    /// A context for a command that only reads (the <c>export</c> verb), built without the site's service container or
    /// interceptors.
    /// </summary>
    public static PortalDb CreateReader(IConfiguration configuration, PortalPaths paths)
    {
        if (IsPostgres(configuration))
        {
            return new PostgresPortalDb((DbContextOptions<PostgresPortalDb>)new DbContextOptionsBuilder<PostgresPortalDb>()
                .UseNpgsql(PostgresConnectionString(configuration)).ForStartup().Options);
        }
        return new SqlitePortalDb((DbContextOptions<SqlitePortalDb>)new DbContextOptionsBuilder<SqlitePortalDb>()
            .UseSqlite(SqliteConnectionString(paths.SqliteFile)).ForStartup().Options);
    }

    private static string PostgresConnectionString(IConfiguration configuration) => configuration.GetConnectionString("Portal")
        ?? throw new InvalidOperationException("Portal:Database:Provider is Postgres but ConnectionStrings:Portal is not set.");

    /// <summary>
    /// Runs the compiled model's generated code (its static constructor) on another thread while the host is still being
    /// built, so that it is ready, or nearly, when the first context needs it; a context that comes sooner waits for it.
    /// </summary>
    private static void StartLoadingModel(Type model) =>
        _ = Task.Run(() => System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(model.TypeHandle));

    /// <summary>
    /// The model is not built at start: EF finds the compiled model under <c>Data/Compiled/{Provider}</c> by its
    /// <c>[assembly: DbContextModel]</c> attribute (regenerate it with <c>Data/Compiled/regenerate.sh</c>;
    /// <c>CompiledModelTests</c> fails when it is stale). Nor is the model diffed against the migrations' snapshot
    /// on every start (EF's pending-model-changes check builds the whole model to do it):
    /// <c>MigrationTests.BothProviders_HaveTheSameMigrations</c> fails when a migration is missing.
    /// </summary>
    private static DbContextOptionsBuilder ForStartup(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>
    /// How long a write on SQLite waits for another writer (a long change such as finalizing a large decision, or another
    /// node) before the request is answered 503 with Retry-After: <c>Portal:Database:LockWaitSeconds</c>, 30 by default.
    /// It is both SQLite's busy timeout and Microsoft.Data.Sqlite's command timeout, which retries a busy statement.
    /// </summary>
    public static int LockWaitSeconds(IConfiguration configuration)
    {
        var seconds = configuration.GetValue<int?>("Portal:Database:LockWaitSeconds") ?? 30;
        return seconds is >= 1 and <= 600 ? seconds
            : throw new InvalidOperationException($"Portal:Database:LockWaitSeconds is {seconds}; give 1 to 600 seconds.");
    }

    public static string SqliteConnectionString(string file, int lockWaitSeconds = 30) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        ForeignKeys = true,
        DefaultTimeout = lockWaitSeconds,
        Pooling = true,
    }.ToString();
}

/// <summary>Used by <c>dotnet ef migrations add X --context SqlitePortalDb</c>.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqlitePortalDb>
{
    public SqlitePortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef migrations add X --context PostgresPortalDb</c>.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresPortalDb>
{
    public PostgresPortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql("Host=127.0.0.1;Database=portal_design").Options);
}
