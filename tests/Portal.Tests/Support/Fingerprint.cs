using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Tests.Support;

/// <summary>
/// A content hash of every table (every row, every column, rows in a canonical order) and of every file in a
/// folder, to prove that two databases or two folders hold the same data.
/// </summary>
public static class Fingerprint
{
    /// <summary>
    /// Columns that are not content: <c>AuditHead.Version</c> is the sealer's lock counter, bumped by every seal
    /// attempt (twice a second on each node) even when nothing is sealed.
    /// </summary>
    private static readonly HashSet<string> Ignored = ["AuditHead.Version"];

    public static async Task<SortedDictionary<string, string>> SqliteAsync(string file)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        return await TablesAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    }

    public static async Task<SortedDictionary<string, string>> PostgresAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        return await TablesAsync(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name");
    }

    /// <summary>Relative path → SHA-256 of every file under <paramref name="directory"/>.</summary>
    public static SortedDictionary<string, string> Files(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private static async Task<SortedDictionary<string, string>> TablesAsync(DbConnection db, string listTables)
    {
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = db.CreateCommand())
        {
            list.CommandText = listTables;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var rows = new List<string>();
            await using var select = db.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (Ignored.Contains(table + "." + reader.GetName(i)))
                    {
                        continue;
                    }
                    row.Append(reader.GetName(i)).Append('=').Append(Text(reader.IsDBNull(i) ? null : reader.GetValue(i))).Append('\u001f');
                }
                rows.Add(row.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))));
            result[table] = $"{rows.Count} rows, sha256 {hash}";
        }
        return result;
    }

    private static string Text(object? value) => value switch
    {
        null => "\u2205",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
