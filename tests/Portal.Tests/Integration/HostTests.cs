using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Settings;
using Portal.Disclosure.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public sealed class HostTests
{
    [Fact]
    public async Task Restart_KeepsAStaffEdit_AndDoesNotApplyTheRecipeAgain()
    {
        var data = TempDirectory.Create("portal-restart");
        string appliedBefore;
        using (var first = new PortalFactory(data))
        {
            var client = first.ApiClient(await first.TokenForAsync("editor"));
            var created = await client.PostAsJsonAsync("/api/v1/admin/documents", new
            {
                sectionSlug = "news", title = "重启后仍在的新闻", slug = "survives-restart", issuingBody = "锦城市市场监督管理局",
                validity = "InForce", bodyMarkdown = "正文",
            });
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            await client.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { });
            await first.WithDbAsync(async db =>
            {
                var news = await db.Set<Document>().FirstAsync(d => d.Slug == "bureau-functions");
                news.Title = "职能（员工修改过的标题）";
                await db.SaveChangesAsync();
            });
            appliedBefore = await first.WithDbAsync(db => db.Settings.Where(s => s.Key == SiteSettingKeys.RecipeApplied).Select(s => s.Value).SingleAsync());
        }
        using var second = new PortalFactory(data);
        var reader = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/documents/survives-restart")).StatusCode);
        Assert.Contains("职能（员工修改过的标题）", await reader.GetStringAsync("/documents/bureau-functions"));
        var appliedAfter = await second.WithDbAsync(db => db.Settings.Where(s => s.Key == SiteSettingKeys.RecipeApplied).Select(s => s.Value).SingleAsync());
        Assert.Equal(appliedBefore, appliedAfter);
        Assert.True(File.Exists(Path.Combine(data, "portal.db")));
    }

    [Fact]
    public async Task Sqlite_RunsInWalWithForeignKeys()
    {
        using var factory = new PortalFactory();
        var (journal, foreignKeys) = await factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var mode = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA foreign_keys";
            var fk = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            return (mode, fk);
        });
        Assert.Equal("wal", journal);
        Assert.Equal(1, foreignKeys);
    }

    [Fact]
    public async Task DisclosureModuleSwitchedOff_LeavesTheRestWorking()
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Portal:Modules:Disclosure:Enabled"] = "false",
            ["Portal:Recipe"] = "bare",
            ["Portal:ContentRoot"] = BareContentRoot(),
        });
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sections/policies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var signIn = await client.SignInAsync("admin", PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var dashboard = await client.GetStringAsync("/admin");
        Assert.DoesNotContain("/admin/documents", dashboard);
    }

    /// <summary>A recipe without Disclosure steps, as a site that switched the module off would use.</summary>
    private static string BareContentRoot()
    {
        var root = TempDirectory.Create("portal-bare");
        var repo = RecipeTests.FindRepository();
        Directory.CreateDirectory(Path.Combine(root, "recipes"));
        File.WriteAllText(Path.Combine(root, "recipes", "bare.recipe.json"), """{ "steps": [ { "name": "settings", "values": { "SiteName": "无公开模块的站点" } }, { "name": "roles" } ] }""");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repo, "themes"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, "themes", Path.GetRelativePath(Path.Combine(repo, "themes"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return root;
    }
}
