using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Core.Data;

namespace Portal.Web.Data;

/// <summary>
/// Whether the database lacks any of the migrations this build carries. Read straight from EF's history table:
/// <c>MigrateAsync</c> and EF's own <c>GetAppliedMigrationsAsync</c> first build a model of that table and the SQL to
/// create it, about half a second of a restart in which there is usually nothing to do.
/// </summary>
public static class PendingMigrations
{
    private const string DuplicateDatabase = "42P04";
    private const string UniqueViolation = "23505";
    private const string DuplicateTable = "42P07";

    public static async Task<bool> AnyAsync(PortalDb db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var applied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            // The raw connection, not EF's: EF would log a database that does not exist yet as an error.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" """;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            finally
            {
                await connection.CloseAsync();
            }
        }
        catch (DbException)
        {
            // No database or no history table yet: a new site. MigrateAsync creates both (or reports what is wrong).
            return true;
        }
        return known.Any(m => !applied.Contains(m));
    }

    /// <summary>
    /// Creates the database and EF's history table when they are missing, so that migrating a new PostgreSQL database
    /// does not log an error. Npgsql's migrator does not look for the table first: it reads it, and EF logs the failed
    /// read at Error level before creating the table (npgsql/efcore.pg#3407), which an operator reads as a failed start.
    /// </summary>
    public static async Task CreateDatabaseAndHistoryTableAsync(PortalDb db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync(cancellationToken))
            {
                await creator.CreateAsync(cancellationToken);
            }
        }
        catch (DbException e) when (e.SqlState == DuplicateDatabase)
        {
            // Another node starting on the same new database created it first.
        }
        try
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }
        catch (DbException e) when (e.SqlState is UniqueViolation or DuplicateTable)
        {
            // IF NOT EXISTS still races in PostgreSQL's catalog when two nodes create the table at once; it is there now.
        }
    }
}
