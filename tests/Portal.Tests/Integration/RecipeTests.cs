using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core;
using Portal.Core.Recipes;
using Portal.Disclosure.Model;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

public sealed class RecipeTests
{
    [Fact]
    public async Task DemoRecipe_AppliedTwice_UpsertsBySlugAndDuplicatesNothing()
    {
        using var factory = new PortalFactory();
        var before = await CountsAsync(factory);
        await factory.Services.GetRequiredService<RecipeExecutor>().ApplyAsync("demo");
        var after = await CountsAsync(factory);
        Assert.Equal(before, after);
        Assert.Equal(9, before.Sections);
        Assert.True(before.Documents >= 45, $"{before.Documents} documents");
        Assert.True(before.Guides >= 6);
        Assert.True(before.Fees >= 10);
    }

    [Fact]
    public async Task BrokenRecipe_StopsWithFileStepAndField_AndChangesNothing()
    {
        var contentRoot = TempDirectory.Create("portal-recipes");
        var repo = FindRepository();
        CopyDirectory(Path.Combine(repo, "recipes"), Path.Combine(contentRoot, "recipes"));
        CopyDirectory(Path.Combine(repo, "themes"), Path.Combine(contentRoot, "themes"));
        CopyDirectory(Path.Combine(repo, "content-seed"), Path.Combine(contentRoot, "content-seed"));
        var news = Path.Combine(contentRoot, "content-seed", "documents", "news");
        var victim = Directory.GetFiles(news, "*.md").Order().First();
        File.WriteAllText(victim, File.ReadAllText(victim).Replace("published: ", "published: -3x #", StringComparison.Ordinal));

        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:ContentRoot"] = contentRoot, ["Portal:Recipe"] = "setup" });
        var before = await CountsAsync(factory);
        var executor = factory.Services.GetRequiredService<RecipeExecutor>();
        var error = await Assert.ThrowsAsync<RecipeException>(() => executor.ApplyAsync("demo"));
        Assert.Equal("documents", error.Step);
        Assert.Equal("published", error.Field);
        Assert.Contains(Path.GetFileName(victim), error.File);
        Assert.Contains("-3x", error.Message);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task UnknownStep_IsNamedInTheError()
    {
        var contentRoot = TempDirectory.Create("portal-recipes");
        CopyDirectory(Path.Combine(FindRepository(), "recipes"), Path.Combine(contentRoot, "recipes"));
        File.WriteAllText(Path.Combine(contentRoot, "recipes", "bad.recipe.json"), """{ "steps": [ { "name": "settings", "values": { "SiteName": "X" } }, { "name": "nosuchstep" } ] }""");
        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:ContentRoot"] = contentRoot, ["Portal:Recipe"] = "setup" });
        var error = await Assert.ThrowsAsync<RecipeException>(() => factory.Services.GetRequiredService<RecipeExecutor>().ApplyAsync("bad"));
        Assert.Equal(1, error.StepIndex);
        Assert.Contains("nosuchstep", error.Message);
        var siteName = await factory.WithDbAsync(db => db.Settings.Where(s => s.Key == "SiteName").Select(s => s.Value).SingleAsync());
        Assert.Equal("锦城市市场监督管理局", siteName);
    }

    [Fact]
    public async Task SetupRecipe_GivesNineEmptySections()
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Portal:Recipe"] = "setup" });
        var counts = await CountsAsync(factory);
        Assert.Equal(9, counts.Sections);
        Assert.Equal(0, counts.Documents);
        var home = await factory.CreateClient().GetStringAsync("/");
        Assert.Contains("暂无内容", home);
    }

    internal sealed record Counts(int Sections, int Documents, int Guides, int Fees, int Attachments, int Users);

    internal static Task<Counts> CountsAsync(PortalFactory factory) => factory.WithDbAsync(async db => new Counts(
        await db.Set<Section>().CountAsync(), await db.Set<Document>().CountAsync(), await db.Set<ServiceGuide>().CountAsync(),
        await db.Set<FeeItem>().CountAsync(), await db.Set<Attachment>().CountAsync(), await db.Users.CountAsync()));

    internal static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Portal.sln not found above the test assembly");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
