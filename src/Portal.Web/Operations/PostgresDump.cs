using System.Diagnostics;
using Npgsql;

namespace Portal.Web.Operations;

/// <summary>
/// PostgreSQL: <c>pg_dump --format=custom</c> (one consistent snapshot while the site runs) and <c>pg_restore</c> in
/// one transaction. The connection goes to the tools through PG* environment variables, so the password never
/// appears in a process list. The tools are found in <c>Portal:Backup:PostgresBin</c>, on the PATH, or under
/// <c>/usr/lib/postgresql/*/bin</c> (newest first).
/// </summary>
internal sealed class PostgresDump(string connectionString, string? binDirectory) : IDatabaseDump
{
    private readonly NpgsqlConnectionStringBuilder connection = new(connectionString);

    public string Provider => "Postgres";

    public string FileName => "portal.pgdump";

    private string Database => connection.Database ?? throw new BackupException("ConnectionStrings:Portal names no Database.");

    public async Task DumpAsync(string target, CancellationToken cancellationToken) =>
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", target, "--dbname", Database], cancellationToken);

    public async Task<string?> DescribeContentsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", db);
            var tables = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return tables > 0 ? $"the database '{Database}' on {connection.Host} has {tables} tables" : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return null;
        }
    }

    public async Task RestoreAsync(string source, CancellationToken cancellationToken)
    {
        if (await DescribeContentsAsync(cancellationToken) is null)
        {
            await CreateDatabaseIfMissingAsync(connection.ConnectionString, cancellationToken);
        }
        else
        {
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var clear = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", db);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", Database, source], cancellationToken);
    }

    /// <summary>
    /// Creates the database the connection string names when it does not exist (connected to the <c>postgres</c>
    /// maintenance database); another process creating it at the same moment is not an error.
    /// </summary>
    internal static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new BackupException("ConnectionStrings:Portal names no Database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var db = new NpgsqlConnection(maintenance.ConnectionString);
        await db.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", db);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", db);
            try
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Created by another node or verb in the meantime (two CREATE DATABASE at once fail with either code).
            }
        }
    }

    private async Task RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PGHOST"] = connection.Host ?? "localhost";
        info.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = connection.Username ?? Environment.UserName;
        info.Environment["PGDATABASE"] = Database;
        if (connection.Password is { Length: > 0 } password)
        {
            info.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(info) ?? throw new BackupException($"{tool} did not start.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {(await error).Trim()} {(await output).Trim()}".TrimEnd());
        }
    }

    private string FindTool(string tool)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(binDirectory))
        {
            candidates.Add(Path.Combine(binDirectory, tool));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, tool)));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", tool)));
        }
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new BackupException($"{tool} was not found (set Portal:Backup:PostgresBin to the folder holding PostgreSQL's client tools; Debian: apt-get install postgresql-client).");
    }
}
