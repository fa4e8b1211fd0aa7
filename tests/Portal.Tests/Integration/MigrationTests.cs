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
    public async Task PendingMigrations_OnSqlite_AreSeenFromTheHistoryTable()
    {
        var file = Path.Combine(Support.TempDirectory.Create("portal-pending"), "portal.db");
        await using var db = new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(DatabaseSetup.SqliteConnectionString(file)).Options);
        await AssertPendingMigrationsSeenAsync(db);
    }

    [Fact]
    public async Task PendingMigrations_OnPostgres_AreSeenFromTheHistoryTable()
    {
        var database = "portal_test_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(PostgresTests.ServerConnectionString) { Database = database }.ToString();
        try
        {
            await using var db = new PostgresPortalDb(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql(connectionString).Options);
            await AssertPendingMigrationsSeenAsync(db);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(PostgresTests.ServerConnectionString);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The start-up check that lets a restart skip EF's migrator: new database, one migration behind, up to date.</summary>
    private static async Task AssertPendingMigrationsSeenAsync(Core.Data.PortalDb db)
    {
        Assert.True(await PendingMigrations.AnyAsync(db, CancellationToken.None), "no database yet");
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        Assert.True(await PendingMigrations.AnyAsync(db, CancellationToken.None), "the last migration is missing");
        await db.Database.MigrateAsync();
        Assert.False(await PendingMigrations.AnyAsync(db, CancellationToken.None), "every migration is applied");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
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
