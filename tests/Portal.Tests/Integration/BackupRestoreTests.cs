using System.Data.Common;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>
/// The <c>backup</c> and <c>restore</c> verbs as real processes: a running site with the demo content and new comments,
/// sign-ups and an upload is backed up, restored into a fresh data directory (and a fresh database), and every table
/// and every uploaded file is compared by content hash.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public Task Sqlite_BackupOfARunningSite_RestoresIntoAFreshDataDirectory_WithEveryTableAndFileIdentical() => RoundTripAsync(postgres: false);

    [Fact]
    public Task Postgres_BackupOfARunningSite_RestoresIntoAFreshDatabase_WithEveryTableAndFileIdentical() => RoundTripAsync(postgres: true);

    [Fact]
    public async Task Restore_RefusesAForeignFile_ADamagedFile_AndANonEmptySiteWithoutForce()
    {
        var source = SiteProcess.Settings(TempDirectory.Create("portal-backup-source"), new Dictionary<string, string?> { ["Portal__Recipe"] = "setup" });
        var archive = Path.Combine(TempDirectory.Create("portal-backups"), "site.tar.gz");
        Assert.Equal(0, (await SiteProcess.RunVerbAsync(source, "recipe", "setup")).ExitCode);
        var (backedUp, _, backupError) = await SiteProcess.RunVerbAsync(source, "backup", archive);
        Assert.True(backedUp == 0, backupError);

        var fresh = SiteProcess.Settings(TempDirectory.Create("portal-backup-target"));
        var garbage = Path.Combine(Path.GetDirectoryName(archive)!, "garbage.tar.gz");
        await File.WriteAllTextAsync(garbage, "this is not a backup");
        var (code, _, error) = await SiteProcess.RunVerbAsync(fresh, "restore", garbage);
        Assert.Equal(1, code);
        Assert.Contains("is not a Portal backup or is damaged", error);

        var missing = await SiteProcess.RunVerbAsync(fresh, "restore", garbage + ".nothing");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No such backup file", missing.Error);

        var damaged = Path.Combine(Path.GetDirectoryName(archive)!, "damaged.tar.gz");
        await RewriteAsync(archive, damaged, "database/portal.db", bytes => bytes[^1] ^= 0x5a);
        (code, _, error) = await SiteProcess.RunVerbAsync(fresh, "restore", damaged);
        Assert.Equal(1, code);
        Assert.Contains("database/portal.db does not match the SHA-256 in the manifest", error);
        Assert.False(File.Exists(Path.Combine(fresh["Portal__DataDirectory"]!, "portal.db")));

        var postgres = new Dictionary<string, string?>(fresh) { ["Portal__Database__Provider"] = "Postgres", ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Database=never_created" };
        (code, _, error) = await SiteProcess.RunVerbAsync(postgres, "restore", archive);
        Assert.Equal(1, code);
        Assert.Contains("is a backup of a Sqlite site, but this site is configured for Postgres", error);

        // The source still has its data: refused without --force, and nothing changed.
        var file = Path.Combine(source["Portal__DataDirectory"]!, "portal.db");
        var before = await Fingerprint.SqliteAsync(file);
        (code, _, error) = await SiteProcess.RunVerbAsync(source, "restore", archive);
        Assert.Equal(1, code);
        Assert.Contains("The site is not empty", error);
        Assert.Contains("--force", error);
        Assert.Equal(before, await Fingerprint.SqliteAsync(file));
        var (forced, forcedOut, forcedError) = await SiteProcess.RunVerbAsync(source, "restore", archive, "--force");
        Assert.True(forced == 0, forcedError + forcedOut);
        Assert.Equal(before, await Fingerprint.SqliteAsync(file));
    }

    [Fact]
    public async Task Restore_RefusesWhileASiteRunsOnTheDirectory_AndASiteDoesNotStartDuringARestore()
    {
        var settings = SiteProcess.Settings(TempDirectory.Create("portal-restore-running"), new Dictionary<string, string?> { ["Portal__Recipe"] = "setup" });
        var directory = settings["Portal__DataDirectory"]!;
        var archive = Path.Combine(TempDirectory.Create("portal-backups"), "running.tar.gz");
        Assert.Equal(0, (await SiteProcess.RunVerbAsync(settings, "recipe", "setup")).ExitCode);
        var (backedUp, _, backupError) = await SiteProcess.RunVerbAsync(settings, "backup", archive);
        Assert.True(backedUp == 0, backupError);

        await using (var site = await SiteProcess.StartAsync(settings))
        {
            var token = await SiteProcess.TokenAsync(settings, "admin");
            using var staff = new HttpClient { BaseAddress = new Uri(site.Url) };
            staff.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var draft = await staff.PostAsJsonAsync("/api/v1/admin/documents", new
            {
                sectionSlug = "policies", title = "运行中写入的文件", slug = "written-while-running", issuingBody = "锦城市市场监督管理局",
                validity = "InForce", topics = "计量", summary = "备份之后写入", bodyMarkdown = "第一条 本文件在备份之后写入。",
            });
            Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
            var id = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            // The site's own background work (sealing the audit trail, the search index) keeps writing other tables.
            var before = (await Fingerprint.SqliteAsync(Path.Combine(directory, "portal.db")))["Documents"];

            var (code, output, error) = await SiteProcess.RunVerbAsync(settings, "restore", archive, "--force");
            Assert.Equal(1, code);
            Assert.Contains($"Portal is running on the data directory {directory} (process {site.Pid})", error);
            Assert.Contains("stop every Portal process using this directory", error);
            Assert.DoesNotContain("Restored", output);
            // Nothing was replaced: the document written a moment ago is still there, and the site still answers.
            Assert.Equal(before, (await Fingerprint.SqliteAsync(Path.Combine(directory, "portal.db")))["Documents"]);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/admin/documents/{id}")).StatusCode);
        }

        // Stopped: the same restore goes through, and the document written after the backup is gone with it.
        var (restored, restoreOut, restoreError) = await SiteProcess.RunVerbAsync(settings, "restore", archive, "--force");
        Assert.True(restored == 0, restoreError + restoreOut);
        await using (var check = new SqliteConnection($"Data Source={Path.Combine(directory, "portal.db")};Pooling=false"))
        {
            await check.OpenAsync();
            await using var count = check.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM Documents WHERE Slug = 'written-while-running'";
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }

        // While a restore holds the directory (held here the way the verb holds it), a site refuses to start.
        using (new FileStream(Path.Combine(directory, "portal.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            await AssertRefusedDuringRestoreAsync(settings, archive,
                $"A restore is running on the data directory {directory}", $"A restore is running on the data directory {directory}; back up when it has finished");
        }
    }

    [Fact]
    public async Task Postgres_RestoreRefusesWhileANodeOnAnotherMachineRuns_AndNoNodeStartsDuringARestore()
    {
        await using var database = new PostgresDatabase();
        // Two data directories, as two machines have: the data directory's file lock cannot see from one to the other.
        var node = SiteProcess.Settings(TempDirectory.Create("portal-node-a"), new Dictionary<string, string?>(PostgresSettings(database)) { ["Portal__Recipe"] = "setup" });
        var elsewhere = SiteProcess.Settings(TempDirectory.Create("portal-node-b"), PostgresSettings(database));
        var archive = Path.Combine(TempDirectory.Create("portal-backups"), "pg.tar.gz");
        Assert.Equal(0, (await SiteProcess.RunVerbAsync(node, "recipe", "setup")).ExitCode);
        var (backedUp, _, backupError) = await SiteProcess.RunVerbAsync(node, "backup", archive);
        Assert.True(backedUp == 0, backupError);

        await using (var site = await SiteProcess.StartAsync(node))
        {
            var before = await Fingerprint.PostgresAsync(database.ConnectionString);
            var (code, output, error) = await SiteProcess.RunVerbAsync(elsewhere, "restore", archive, "--force");
            Assert.Equal(1, code);
            Assert.Contains($"Portal is running on the PostgreSQL database '{database.Name}' on 127.0.0.1", error);
            Assert.Contains($"Portal site on {Environment.MachineName}, process {site.Pid}", error);
            Assert.Contains("stop every Portal node using it", error);
            Assert.DoesNotContain("Restored", output);
            // Nothing was replaced, and the node still serves.
            Assert.Equal(before["Documents"], (await Fingerprint.PostgresAsync(database.ConnectionString))["Documents"]);
            using var client = new HttpClient { BaseAddress = new Uri(site.Url) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }

        // The node stopped (its lock went with its connection): the restore from the other machine goes through.
        var (restored, restoreOut, restoreError) = await SiteProcess.RunVerbAsync(elsewhere, "restore", archive, "--force");
        Assert.True(restored == 0, restoreError + restoreOut);

        // While a restore holds the database (held here the way the verb holds it), no node starts, on either machine.
        await using (var restore = new NpgsqlConnection(database.ConnectionString + ";Pooling=false;Application Name=Portal restore test"))
        {
            await restore.OpenAsync();
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(x'506F7274'::int, x'616C0001'::int)", restore);
            await take.ExecuteNonQueryAsync();
            var refusal = $"A restore is running on the PostgreSQL database '{database.Name}' on 127.0.0.1 (Portal restore test";
            foreach (var settings in new[] { node, elsewhere })
            {
                await AssertRefusedDuringRestoreAsync(settings, archive, refusal, refusal);
            }
        }
    }

    [Fact]
    public async Task Postgres_ANodeWhoseLockConnectionDrops_TakesItAgain_OrStopsIfARestoreTookIt()
    {
        await using var database = new PostgresDatabase();
        var node = SiteProcess.Settings(TempDirectory.Create("portal-node-lock"), new Dictionary<string, string?>(PostgresSettings(database))
        {
            ["Portal__Recipe"] = "setup", ["Portal__Database__SiteLockCheckSeconds"] = "1",
        });
        await using var admin = new NpgsqlConnection(database.ConnectionString + ";Pooling=false;Application Name=Portal restore test");
        await using var site = await SiteProcess.StartAsync(node);
        await admin.OpenAsync();
        var holder = $"Portal site on {Environment.MachineName}, process {site.Pid}";

        // The server ends the lock's session (as a server restart would): the node takes the lock again, on a new
        // session. It checks every second, so it may have done so before the next query here: compare sessions.
        var ended = Assert.Single(await SharedHolderPidsAsync(admin, holder));
        Assert.Equal(1, await TerminateAsync(admin, holder));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await SharedHolderPidsAsync(admin, holder)).Except([ended]).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Single((await SharedHolderPidsAsync(admin, holder)).Except([ended]));
        Assert.False(site.HasExited);

        // Ended again, and this time a restore takes the lock first: the node stops instead of writing under it.
        Assert.Equal(1, await TerminateAsync(admin, holder));
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(x'506F7274'::int, x'616C0001'::int)", admin))
        {
            await take.ExecuteNonQueryAsync();
        }
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (!site.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.True(site.HasExited, "the node kept running while a restore held the database");
        Assert.Contains("a restore holds the database now; the site stops", site.Output);
    }

    /// <summary>While a restore holds the site: neither a site starts nor a backup copies what is being replaced.</summary>
    private static async Task AssertRefusedDuringRestoreAsync(IDictionary<string, string?> settings, string archive, string startRefusal, string backupRefusal)
    {
        var (started, _, startError) = await SiteProcess.RunVerbAsync(settings, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, started);
        Assert.Contains(startRefusal, startError);
        var during = Path.Combine(Path.GetDirectoryName(archive)!, $"during-restore-{Guid.NewGuid():N}.tar.gz");
        var (backup, _, backupError) = await SiteProcess.RunVerbAsync(settings, "backup", during);
        Assert.Equal(1, backup);
        Assert.Contains(backupRefusal, backupError);
        Assert.False(File.Exists(during));
    }

    private static async Task<int> TerminateAsync(NpgsqlConnection admin, string applicationName)
    {
        await using var terminate = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", admin);
        terminate.Parameters.AddWithValue("name", applicationName);
        return Convert.ToInt32(await terminate.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The sessions of this application that hold the site's shared advisory lock.</summary>
    private static async Task<List<int>> SharedHolderPidsAsync(NpgsqlConnection admin, string applicationName)
    {
        await using var query = new NpgsqlCommand("""
            SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.mode = 'ShareLock' AND l.granted AND a.application_name = @name
            """, admin);
        query.Parameters.AddWithValue("name", applicationName);
        var pids = new List<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }
        return pids;
    }

    private static async Task RoundTripAsync(bool postgres)
    {
        await using var sourceDatabase = postgres ? new PostgresDatabase() : null;
        await using var targetDatabase = postgres ? new PostgresDatabase() : null;
        var source = SiteProcess.Settings(TempDirectory.Create("portal-backup-source"), sourceDatabase is null ? null : PostgresSettings(sourceDatabase));
        var target = SiteProcess.Settings(TempDirectory.Create("portal-backup-target"), targetDatabase is null ? null : PostgresSettings(targetDatabase));
        var archive = Path.Combine(TempDirectory.Create("portal-backups"), "site.tar.gz");
        var token = await SiteProcess.TokenAsync(source, "admin");
        SortedDictionary<string, string>? tables = null;
        await using (var site = await SiteProcess.StartAsync(source))
        {
            var staff = site.ApiClient(token);
            await LiveSite.CreateConsultationAsync(staff, "backup-drill", "备份演练决策草案");
            await LiveSite.CreateHearingAsync(staff, "backup-hearing", 5);
            for (var i = 0; i < 12; i++)
            {
                Assert.NotNull(await LiveSite.CommentAsync(site.Client, "backup-drill", $"drill-{i}@example.com", i));
            }
            for (var i = 0; i < 8; i++)
            {
                Assert.NotNull(await LiveSite.SignUpAsync(site.Client, "backup-hearing", $"drill-{i}@example.com"));
            }
            await UploadAsync(site, staff, Connection(source, postgres));

            // Online: the site keeps running. The comparison needs an instant in which nothing was written
            // (the audit sealer and the mail dispatcher work in the background), so it is retried until the
            // database is the same before and after the backup.
            for (var attempt = 0; attempt < 10 && tables is null; attempt++)
            {
                var before = await FingerprintAsync(source, postgres);
                var (code, output, error) = await SiteProcess.RunVerbAsync(source, "backup", archive);
                Assert.True(code == 0, error + output);
                Assert.Contains("Backed up the", output);
                if (before.SequenceEqual(await FingerprintAsync(source, postgres)))
                {
                    tables = before;
                }
                else
                {
                    await Task.Delay(1000);
                }
            }
            Assert.NotNull(tables);
        }
        var uploads = Fingerprint.Files(Path.Combine(source["Portal__DataDirectory"]!, "uploads"));
        Assert.Contains(tables, t => t.Key == "Comments" && int.Parse(t.Value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 12);
        Assert.Contains(tables, t => t.Key == "HearingRegistrations" && int.Parse(t.Value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 8);

        var (restored, restoreOut, restoreError) = await SiteProcess.RunVerbAsync(target, "restore", archive);
        Assert.True(restored == 0, restoreError + restoreOut);
        Assert.Contains("every file matched its SHA-256", restoreOut);
        Assert.Contains("Reindexed", restoreOut);
        Assert.Equal(tables, await FingerprintAsync(target, postgres));
        Assert.Equal(uploads, Fingerprint.Files(Path.Combine(target["Portal__DataDirectory"]!, "uploads")));
        Assert.Contains(uploads.Keys, k => k.EndsWith(".pdf", StringComparison.Ordinal));

        await using var copy = await SiteProcess.StartAsync(target);
        Assert.Equal(HttpStatusCode.OK, (await copy.Client.GetAsync("/consultations/backup-drill")).StatusCode);
        var found = await copy.Client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString("备份演练"));
        Assert.True(found.GetProperty("total").GetInt32() >= 1, found.ToString());
    }

    /// <summary>An editor signs in to the admin screens of the running site and attaches a PDF to a new document.</summary>
    private static async Task UploadAsync(SiteProcess site, HttpClient staff, DbConnection db)
    {
        await using (db)
        {
            await LiveSite.SetPasswordAsync(db, "editor", PortalFactory.AdminPassword);
        }
        var created = await staff.PostAsJsonAsync("/api/v1/admin/documents", new
        {
            sectionSlug = "news", title = "备份演练附件", slug = "backup-drill-attachment", issuingBody = "锦城市市场监督管理局", validity = "InForce", bodyMarkdown = "正文",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(site.Url) };
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("editor", PortalFactory.AdminPassword)).StatusCode);
        var page = await browser.GetStringAsync($"/admin/documents/edit?id={id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(StaffHelpers.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("演练附件"), "attachmentTitle" },
            { new ByteArrayContent("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray()), "file", "drill.pdf" },
        };
        var uploaded = await browser.PostAsync($"/admin/documents/edit?id={id}&handler=Upload", form);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Contains("drill.pdf", await browser.GetStringAsync($"/admin/documents/edit?id={id}"));
    }

    private static Dictionary<string, string?> PostgresSettings(PostgresDatabase database) => database.ProcessSettings();

    private static DbConnection Connection(Dictionary<string, string?> site, bool postgres) => postgres
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(site["ConnectionStrings__Portal"]) { Pooling = false }.ToString())
        : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(site["Portal__DataDirectory"]!, "portal.db"), Pooling = false, DefaultTimeout = 30 }.ToString());

    private static Task<SortedDictionary<string, string>> FingerprintAsync(Dictionary<string, string?> site, bool postgres) => postgres
        ? Fingerprint.PostgresAsync(site["ConnectionStrings__Portal"]!)
        : Fingerprint.SqliteAsync(Path.Combine(site["Portal__DataDirectory"]!, "portal.db"));

    /// <summary>A copy of a backup with one entry's bytes changed and the manifest left as it was.</summary>
    private static async Task RewriteAsync(string from, string to, string entryName, Action<byte[]> change)
    {
        await using var input = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.Name == entryName)
            {
                using var buffer = new MemoryStream();
                await entry.DataStream!.CopyToAsync(buffer);
                var bytes = buffer.ToArray();
                change(bytes);
                entry.DataStream = new MemoryStream(bytes);
            }
            await writer.WriteEntryAsync(entry);
        }
    }
}
