using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Disclosure.Model;
using Portal.Web.Data;

namespace Portal.Tests.Integration;

public sealed class MigrationTests
{
    [Fact]
    public async Task Upgrade_FromTheFirstMigrationWithData_LosesNothing()
    {
        var file = Path.Combine(Support.TempDirectory.Create("portal-migrate"), "portal.db");
        var options = new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(DatabaseSetup.SqliteConnectionString(file)).Options;
        await using (var db = new SqlitePortalDb(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            Assert.True(migrations.Count >= 2, "an upgrade test needs at least two migrations");
            await db.GetService<IMigrator>().MigrateAsync(migrations[0]);
        }
        await using (var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(file)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Sections (Slug, NameZh, NameEn, DescriptionZh, DescriptionEn, "Order", Kind) VALUES ('news', '工作动态', 'News', '', '', 1, 0);
                INSERT INTO Documents (Slug, SectionId, IndexNumber, Title, IssuingBody, Validity, Topics, Summary, BodyMarkdown, BodySanitizedHtml, State, PublishedUtc, CreatedUtc, ModifiedUtc, RevisionCount)
                VALUES ('old-news', 1, 'X/2025-00001', '升级前的新闻', '局', 0, '|旧|', '摘要', '正文', '<p>正文</p>', 1, 638000000000000000, 638000000000000000, 638000000000000000, 1);
                INSERT INTO SiteSettings (Key, Value) VALUES ('SiteName', '升级前的站名');
                """;
            await command.ExecuteNonQueryAsync();
        }
        await using (var db = new SqlitePortalDb(options))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var document = await db.Set<Document>().Include(d => d.Section).SingleAsync();
            Assert.Equal("升级前的新闻", document.Title);
            Assert.Equal("|旧|", document.Topics);
            Assert.Equal(new DateTimeOffset(638000000000000000, TimeSpan.Zero), document.PublishedUtc);
            Assert.True(document.Section!.ShowOnHome);
            Assert.Equal("升级前的站名", await db.Settings.Where(s => s.Key == "SiteName").Select(s => s.Value).SingleAsync());
        }
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrations()
    {
        static List<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]).ToList();
        using var sqlite = new SqliteDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignFactory().CreateDbContext([]);
        Assert.Equal(Names(sqlite), Names(postgres));
        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite model has changes without a migration");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL model has changes without a migration");
    }
}
