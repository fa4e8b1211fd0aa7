using System.Data.Common;

namespace Portal.Tests.Support;

/// <summary>Plain SQL against a site's database, for tests that check what is stored without the site's code.</summary>
public static class SqlQueries
{
    /// <summary>The first column's value of the first row, as text (null when there is no row or it is NULL).</summary>
    public static async Task<string?> ScalarAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row, as text.</summary>
    public static async Task<List<string>> ColumnAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
