using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Audit;
using Portal.Audit.Model;
using Portal.Core.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The hash-chained audit trail: what is recorded, what is never recorded, and tampering found by <c>audit verify</c>.</summary>
public sealed class AuditTests
{
    private static async Task DoSomeWorkAsync(PortalFactory site)
    {
        var staff = site.ApiClient(await site.TokenForAsync("admin"));
        var now = DateTimeOffset.UtcNow;
        var created = await staff.PostAsJsonAsync("/api/v1/admin/consultations", new
        {
            title = "关于审计测试的决定（征求意见稿）", slug = "audited", kind = "ordinary", opensUtc = now, closesUtc = now.AddDays(8),
            plannedAdoptionDate = DateOnly.FromDateTime(now.AddDays(10).UtcDateTime), articles = new[] { "第一条 目的。" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync("/api/v1/admin/consultations/audited/publish", null)).StatusCode);
        var comment = await site.CreateClient().PostAsJsonAsync("/api/v1/consultations/audited/comments",
            new { name = "王五", email = "wangwu-private@example.com", phone = "13912345678", body = "请把第一条写得更具体。", publishName = true });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        var browser = site.CreateBrowserClient();
        await browser.SignInAsync("admin", "wrong-password");
    }

    private static async Task<T> WithChainAsync<T>(PortalFactory site, Func<AuditChain, PortalDb, Task<T>> action)
    {
        using var scope = site.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AuditChain>(), scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    private static async Task SealAllAsync(PortalFactory site)
    {
        while (await WithChainAsync(site, (chain, _) => chain.SealAsync(CancellationToken.None)) > 0)
        {
        }
    }

    [Fact]
    public async Task StaffActionsCitizenReceiptsAndFailedSignIns_AreRecorded_WithoutPrivateValues()
    {
        using var site = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        await DoSomeWorkAsync(site);
        await SealAllAsync(site);
        var entries = await site.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

        Assert.Contains(entries, e => e.Actor == "admin" && e.EntityType == "Consultation" && e.EntityKey == "audited" && e.Action == "create");
        Assert.Contains(entries, e => e.Actor == "admin" && e.EntityType == "Consultation" && e.Action == "update" && e.Summary.Contains("State: Draft → Published"));
        var receipt = Assert.Single(entries, e => e.EntityType == "Comment" && e.Action == "create");
        Assert.Equal("public", receipt.Actor);
        Assert.Matches("^YJ-\\d{4}-\\d{6}$", receipt.EntityKey);
        Assert.Contains("Email set", receipt.Summary);
        Assert.Contains(entries, e => e.Action == "sign-in-failed" && e.EntityKey == "admin");
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain("wangwu-private", e.Summary);
            Assert.DoesNotContain("13912345678", e.Summary);
            Assert.DoesNotContain("具体", e.Summary);
            Assert.DoesNotContain("?", e.Context);
        });
        Assert.All(entries, e => Assert.NotNull(e.Sequence));

        var verdict = await WithChainAsync(site, (chain, _) => chain.VerifyAsync(CancellationToken.None));
        Assert.True(verdict.Intact, verdict.Message);
        Assert.Equal(entries.Count, verdict.Entries);

        // The head is public, as a page and as JSON.
        var head = entries[^1];
        Assert.Contains(head.Hash, await site.CreateClient().GetStringAsync("/transparency/audit"));
        var json = await site.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/audit/checkpoints");
        Assert.Equal(head.Sequence, json.GetProperty("head").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task AuditVerifyVerb_OnSqlite_NamesAnEditedADeletedAndAnInsertedEntry()
    {
        var data = TempDirectory.Create("portal-audit");
        using (var site = new PortalFactory(dataDirectory: data, settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" }))
        {
            await DoSomeWorkAsync(site);
            await SealAllAsync(site);
        }
        var (ok, output, okError) = await VerbTests.RunAsync(data, "audit", "verify");
        Assert.True(ok == 0, okError + output);
        Assert.Contains("intact", output);

        await TamperAsync(data, "UPDATE \"AuditEntries\" SET \"Summary\" = 'nothing happened' WHERE \"Sequence\" = 5");
        var (edited, _, editedError) = await VerbTests.RunAsync(data, "audit", "verify");
        Assert.Equal(1, edited);
        Assert.Contains("Entry 5 ", editedError);
        Assert.Contains("altered", editedError);
        await RestoreAsync(data);

        await TamperAsync(data, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 7");
        var (deleted, _, deletedError) = await VerbTests.RunAsync(data, "audit", "verify");
        Assert.Equal(1, deleted);
        Assert.Contains("Entry 7 was removed", deletedError);
        await RestoreAsync(data);

        await TamperAsync(data, InsertAtFour);
        var (inserted, _, insertedError) = await VerbTests.RunAsync(data, "audit", "verify");
        Assert.Equal(1, inserted);
        Assert.Contains("Entry 4 ", insertedError);
    }

    [Fact]
    public async Task AuditVerify_OnPostgres_NamesAnEditedADeletedAndAnInsertedEntry()
    {
        await using var database = new PostgresDatabase();
        using var site = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Portal:Recipe"] = "setup", ["Portal:Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = database.ConnectionString,
        });
        await DoSomeWorkAsync(site);
        await SealAllAsync(site);
        async Task<AuditChain.Verdict> VerifyAsync() => await WithChainAsync(site, (chain, _) => chain.VerifyAsync(CancellationToken.None));
        async Task SqlAsync(string sql) => await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        Assert.True((await VerifyAsync()).Intact);

        var original = await site.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Sequence == 5));
        await SqlAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'someone-else' WHERE \"Sequence\" = 5");
        var edited = await VerifyAsync();
        Assert.False(edited.Intact);
        Assert.Equal(5, edited.FirstBadSequence);
        Assert.Contains("altered", edited.Message);
        await SqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = '{original.Actor}' WHERE \"Sequence\" = 5");
        Assert.True((await VerifyAsync()).Intact);

        var last = await site.WithDbAsync(db => db.Set<AuditEntry>().MaxAsync(e => e.Sequence!.Value));
        await SqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {last}");
        var truncated = await VerifyAsync();
        Assert.False(truncated.Intact);
        Assert.Contains("removed", truncated.Message);
        Assert.Equal(last, truncated.FirstBadSequence);

        await SqlAsync(InsertAtFour);
        var forged = await VerifyAsync();
        Assert.False(forged.Intact);
        Assert.Equal(4, forged.FirstBadSequence);
    }

    /// <summary>A forged entry 4 slipped into the chain: later entries are renumbered to make room, as a careful forger would.</summary>
    private const string InsertAtFour = """
        UPDATE "AuditEntries" SET "Sequence" = "Sequence" + 100000 WHERE "Sequence" >= 4;
        UPDATE "AuditEntries" SET "Sequence" = "Sequence" - 99999 WHERE "Sequence" >= 100004;
        INSERT INTO "AuditEntries" ("Sequence", "OccurredUtc", "Actor", "Action", "EntityType", "EntityKey", "Summary", "Context", "PreviousHash", "Hash")
        SELECT 4, "OccurredUtc", 'admin', 'delete', 'Comment', 'YJ-2026-000001', 'removed', '', "Hash", "Hash" FROM "AuditEntries" WHERE "Sequence" = 3;
        """;

    /// <summary>Changes the SQLite file behind the site's back, keeping a copy to restore (the WAL is folded in first).</summary>
    private static async Task TamperAsync(string data, string sql)
    {
        var file = Path.Combine(data, "portal.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        File.Copy(file, file + ".intact", overwrite: true);
        await using var command = connection.CreateCommand();
        command.CommandText = sql + "; PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync();
    }

    private static Task RestoreAsync(string data)
    {
        var file = Path.Combine(data, "portal.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file + "-wal");
        File.Delete(file + "-shm");
        File.Copy(file + ".intact", file, overwrite: true);
        return Task.CompletedTask;
    }
}
