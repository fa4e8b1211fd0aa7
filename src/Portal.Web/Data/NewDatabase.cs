using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Data;

/// <summary>
/// Creates a new SQLite database from <c>Data/Schema/sqlite.sql</c>: every migration of this build as the SQL EF's
/// migrator would run (<c>dotnet ef migrations script</c>, written by <c>Data/Compiled/regenerate.sh</c>). EF's
/// migrator builds each migration's target model to generate that SQL, most of a first start's 0.7–0.8 s "database
/// ready"; the script is the same statements, history rows included, with none of that work. A database that already
/// has tables (an upgrade, or a half-created one) goes through <c>MigrateAsync</c> as before.
/// <c>NewDatabaseTests</c> fails when the script is not what the migrator generates now, and compares the schema the
/// two paths create.
/// </summary>
public static class NewDatabase
{
    public const string ScriptResource = "Portal.Web.Data.Schema.sqlite.sql";

    /// <summary>
    /// The table EF's migrator creates on SQLite to keep two processes from migrating at once (not part of the script):
    /// created here too, with EF's very text (its line ends included), so a database made from the script is the same as
    /// one the migrator made, table for table.
    /// </summary>
    private const string MigrationLockTable =
        "\nCREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\r\n"
        + "    \"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY,\r\n"
        + "    \"Timestamp\" TEXT NOT NULL\r\n"
        + ");\n";

    public static string Script()
    {
        using var stream = typeof(NewDatabase).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"{ScriptResource} is not embedded in Portal.Web");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the schema if this is an empty SQLite database; false (nothing done) otherwise.</summary>
    public static async Task<bool> TryCreateAsync(PortalDb db, CancellationToken cancellationToken)
    {
        if (!db.IsSqlite)
        {
            return false;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT COUNT(*) FROM sqlite_master";
                if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 0)
                {
                    return false;
                }
            }
            await using var create = connection.CreateCommand();
            create.CommandText = Script() + MigrationLockTable;
            await create.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
