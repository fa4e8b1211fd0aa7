using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Data;

/// <summary>
/// Whether the database lacks any of the migrations this build carries. Read straight from EF's history table:
/// <c>MigrateAsync</c> and EF's own <c>GetAppliedMigrationsAsync</c> first build a model of that table and the SQL to
/// create it, about half a second of a restart in which there is usually nothing to do.
/// </summary>
public static class PendingMigrations
{
    public static async Task<bool> AnyAsync(PortalDb db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToList();
        var applied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" """;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (DbException)
        {
            // No database or no history table yet: a new site. MigrateAsync creates both (or reports what is wrong).
            return true;
        }
        return known.Any(m => !applied.Contains(m));
    }
}
