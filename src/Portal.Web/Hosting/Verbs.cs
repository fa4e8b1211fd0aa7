using Microsoft.AspNetCore.Identity;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Identity.Tokens;

namespace Portal.Web.Hosting;

/// <summary>
/// Commands the same binary runs instead of serving: <c>recipe &lt;name&gt;</c>, <c>token create --user &lt;name&gt;</c>,
/// <c>reindex</c>, <c>audit verify</c> (exit code 0 only for an intact chain), <c>backup &lt;file&gt;</c> and
/// <c>restore &lt;file&gt; [--force]</c>. (<c>export</c> is run by <see cref="ExportVerb"/> before any of the site is
/// built: it needs the database only.)
/// </summary>
internal static class Verbs
{
    private static readonly string[] Known = ["recipe", "token", "reindex", "audit", "backup", "restore"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Known.Contains(args[0]);

    /// <summary>Arguments meant for configuration (<c>--Portal:DataDirectory x</c>), without the verb's own.</summary>
    public static string[] ConfigurationArgs(string[] args) => IsVerb(args) ? args.Where((a, i) => i > 0 && !IsVerbOption(args, i)).ToArray() : args;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        try
        {
            var initializer = services.GetRequiredService<SiteInitializer>();
            switch (args)
            {
                case ["recipe", var name, ..]:
                    await initializer.InitializeAsync(CancellationToken.None, name);
                    Console.WriteLine($"Recipe '{name}' applied.");
                    return 0;
                case ["token", "create", ..]:
                    await initializer.InitializeAsync(CancellationToken.None);
                    var userName = Option(args, "--user");
                    if (userName is null)
                    {
                        Console.Error.WriteLine("Usage: token create --user <name> [--name <label>] [--days <n>]");
                        return 2;
                    }
                    var user = await services.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName);
                    if (user is null)
                    {
                        Console.Error.WriteLine($"No staff user named '{userName}'.");
                        return 1;
                    }
                    var days = int.TryParse(Option(args, "--days"), out var d) ? d : 90;
                    var (_, secret) = await services.GetRequiredService<ApiTokens>().CreateAsync(
                        user.Id, Option(args, "--name") ?? "cli", days > 0 ? TimeSpan.FromDays(days) : null, CancellationToken.None);
                    Console.WriteLine(secret);
                    return 0;
                case ["reindex", ..]:
                    await initializer.InitializeAsync(CancellationToken.None);
                    return await SearchVerb.ReindexAsync(services);
                case ["audit", "verify", ..]:
                    await initializer.InitializeAsync(CancellationToken.None);
                    var verdict = await services.GetRequiredService<Portal.Audit.AuditChain>().VerifyAsync(CancellationToken.None);
                    (verdict.Intact ? Console.Out : Console.Error).WriteLine(verdict.Message);
                    return verdict.Intact ? 0 : 1;
                case ["backup", var file, ..]:
                    return await Operations.BackupVerb.BackupAsync(services, file, CancellationToken.None);
                case ["restore", var file, ..] when file != "--force":
                {
                    // Not through SiteInitializer: an empty target must stay empty (no recipe) until the backup is in.
                    using var exclusive = Operations.SiteLock.TryExclusive(services.GetRequiredService<PortalPaths>(), out var refusal)
                        ?? throw new Operations.BackupException(refusal!);
                    return await Operations.BackupVerb.RestoreAsync(services, file, args.Contains("--force"), CancellationToken.None);
                }
                default:
                    Console.Error.WriteLine("Usage: recipe <name> | token create --user <name> | reindex | audit verify | backup <file> | restore <file> [--force]");
                    return 2;
            }
        }
        catch (Operations.BackupException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && args[0] is "backup" or "restore")
        {
            Console.Error.WriteLine($"{args[0]} failed: {e.Message}");
            return 1;
        }
        catch (RecipeException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("Nothing was changed: the recipe runs in one transaction.");
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static bool IsVerbOption(string[] args, int i) =>
        args[0] switch
        {
            "recipe" => i == 1,
            "audit" => i == 1,
            "reindex" => false,
            "backup" => i == 1,
            "restore" => i == 1 || args[i] == "--force",
            "token" => i == 1 || args[i] is "--user" or "--name" or "--days" || (i > 0 && args[i - 1] is "--user" or "--name" or "--days"),
            _ => false,
        };
}
