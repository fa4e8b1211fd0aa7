using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Disclosure.Model;
using Portal.Tests.Support;
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
    public async Task NewDatabaseScript_IsWhatTheMigratorGeneratesNow()
    {
        var file = Path.Combine(Support.TempDirectory.Create("portal-script"), "portal.db");
        await using var db = new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(DatabaseSetup.SqliteConnectionString(file)).Options);
        static string Normal(string sql) => sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var generated = Normal(db.GetService<IMigrator>().GenerateScript());
        Assert.True(generated == Normal(NewDatabase.Script()),
            "src/Portal.Web/Data/Schema/sqlite.sql is stale: run src/Portal.Web/Data/Compiled/regenerate.sh after adding a migration.");
    }

    [Fact]
    public async Task NewDatabaseScript_CreatesTheSameSchemaAndHistoryAsTheMigrations()
    {
        var directory = Support.TempDirectory.Create("portal-schema");
        async Task<List<string>> SchemaAsync(string name, Func<SqlitePortalDb, Task> create)
        {
            var options = new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(DatabaseSetup.SqliteConnectionString(Path.Combine(directory, name))).Options;
            await using (var db = new SqlitePortalDb(options))
            {
                await create(db);
            }
            await using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(Path.Combine(directory, name)));
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Every table, EF's migration lock table included (a restore runs the migrator, and compares every table).
            command.CommandText = """
                SELECT type || ' ' || name || ' ' || tbl_name || ' ' || IFNULL(sql, '') FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%'
                UNION ALL SELECT 'history ' || MigrationId || ' ' || ProductVersion FROM __EFMigrationsHistory
                ORDER BY 1
                """;
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
            return rows;
        }

        var scripted = await SchemaAsync("scripted.db", async db => Assert.True(await NewDatabase.TryCreateAsync(db, CancellationToken.None)));
        var migrated = await SchemaAsync("migrated.db", db => db.Database.MigrateAsync());
        Assert.Contains(scripted, r => r.StartsWith("table Comments ", StringComparison.Ordinal));
        Assert.Contains(scripted, r => r.StartsWith("index IX_Comments_", StringComparison.Ordinal));
        Assert.Equal(migrated.Count(r => r.StartsWith("history ", StringComparison.Ordinal)), new SqlitePortalDb(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite("Data Source=:memory:").Options).Database.GetMigrations().Count());
        Assert.Equal(migrated, scripted);

        // A database that has tables is never given the script again (an upgrade goes through the migrator).
        var options = new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite(DatabaseSetup.SqliteConnectionString(Path.Combine(directory, "scripted.db"))).Options;
        await using var again = new SqlitePortalDb(options);
        Assert.False(await NewDatabase.TryCreateAsync(again, CancellationToken.None));
        Assert.Empty(await again.Database.GetPendingMigrationsAsync());
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
        await using var database = new PostgresDatabase();
        await using var db = new PostgresPortalDb(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql(database.ConnectionString).Options);
        await AssertPendingMigrationsSeenAsync(db);
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
