using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Data;

namespace Portal.Tests.Integration;

/// <summary>
/// SQLite picks an index from the schema alone (no statistics are gathered), so adding an index can silently move a
/// hot query onto a worse one: the comment page's (consultation, time) index once took over the per-address hourly
/// limit, which then read every comment of the last hour for each new comment and halved intake. These pin the plans
/// of the queries that run for every submitted comment, on the migrated schema.
/// </summary>
public sealed class QueryPlanTests
{
    [Theory]
    // SubmitComment: the per-address hourly limit, inside the group commit's single writer.
    [InlineData("""SELECT COUNT(*) FROM "Comments" AS "c" WHERE "c"."ConsultationId" = @id AND "c"."Email" = @email AND "c"."SubmittedUtc" > @since""",
        "COVERING INDEX IX_Comments_ConsultationId_Email_SubmittedUtc (ConsultationId=? AND Email=? AND SubmittedUtc>?)")]
    // CommentSource: a published comment's position on its consultation's pages (search index, feeds).
    [InlineData("""SELECT COUNT(*) FROM "Comments" AS "c" WHERE "c"."ConsultationId" = @id AND "c"."Status" IN (1, 2) AND "c"."SubmittedUtc" < @since""",
        "COVERING INDEX IX_Comments_ConsultationId_Status_SubmittedUtc (ConsultationId=? AND Status=? AND SubmittedUtc<?)")]
    // Grouping: one band of the near-duplicate lookup.
    [InlineData("""SELECT "Id", "Fingerprint", "GroupId" FROM "Comments" WHERE "ConsultationId" = @id AND "Band3" = @band ORDER BY "Id" LIMIT 50""",
        "INDEX IX_Comments_ConsultationId_Band3 (ConsultationId=? AND Band3=?)")]
    public async Task EveryCommentsQueries_UseTheirOwnIndex(string sql, string expected)
    {
        var file = Path.Combine(Support.TempDirectory.Create("portal-plan"), "portal.db");
        await using (var db = new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(DatabaseSetup.SqliteConnectionString(file)).Options))
        {
            await db.Database.MigrateAsync();
        }
        await using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(file));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in new (string, object)[] { ("@id", 1), ("@email", "a@example.com"), ("@since", 638000000000000000L), ("@band", 7) })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value);
            }
        }
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }
        Assert.Contains(plan, step => step.Contains(expected, StringComparison.Ordinal));
    }
}
