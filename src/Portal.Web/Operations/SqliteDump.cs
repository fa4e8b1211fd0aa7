using Microsoft.Data.Sqlite;
using Portal.Core;

namespace Portal.Web.Operations;

/// <summary>
/// SQLite: SQLite's online backup API copies the database in one step under a read transaction, so the copy is one
/// consistent instant even while the site keeps writing (WAL: readers never block the writer).
/// </summary>
internal sealed class SqliteDump(PortalPaths paths) : IDatabaseDump
{
    public string Provider => "Sqlite";

    public string FileName => "portal.db";

    public async Task DumpAsync(string target, CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.SqliteFile))
        {
            throw new BackupException($"Nothing to back up: there is no database at {paths.SqliteFile}.");
        }
        await using (var source = Open(paths.SqliteFile, SqliteOpenMode.ReadWrite))
        await using (var copy = Open(target, SqliteOpenMode.ReadWriteCreate))
        {
            await source.OpenAsync(cancellationToken);
            await Execute(source, "PRAGMA busy_timeout=10000;", cancellationToken);
            await copy.OpenAsync(cancellationToken);
            source.BackupDatabase(copy);
            // Checked before it goes into the archive; closing the last connection folds its -wal into the file.
            var check = await Execute(copy, "PRAGMA integrity_check;", cancellationToken);
            if (check != "ok")
            {
                throw new BackupException($"The database copy failed SQLite's integrity check: {check}");
            }
        }
    }

    public Task<string?> DescribeContentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(paths.SqliteFile) && new FileInfo(paths.SqliteFile).Length > 0 ? $"the database {paths.SqliteFile} exists" : null);

    public async Task RestoreAsync(string source, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        var staged = paths.SqliteFile + ".restoring";
        File.Copy(source, staged, overwrite: true);
        await using (var copy = Open(staged, SqliteOpenMode.ReadWrite))
        {
            await copy.OpenAsync(cancellationToken);
            // The site opens read-only connections too, and those cannot switch a file into WAL.
            await Execute(copy, "PRAGMA journal_mode=WAL;", cancellationToken);
            var check = await Execute(copy, "PRAGMA integrity_check;", cancellationToken);
            if (check != "ok")
            {
                throw new BackupException($"The database in the backup fails SQLite's integrity check: {check}");
            }
        }
        // A stale write-ahead log beside the new file would be replayed into it.
        File.Delete(paths.SqliteFile + "-wal");
        File.Delete(paths.SqliteFile + "-shm");
        File.Move(staged, paths.SqliteFile, overwrite: true);
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());

    private static async Task<string?> Execute(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
    }
}
