using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Recipes;
using Portal.Core.Settings;
using Portal.Identity;
using Portal.Web.Data;

namespace Portal.Web.Hosting;

/// <summary>
/// At start: apply migrations, run the data upgrades a site with content has not run yet (<see cref="IDataUpgrade"/>),
/// apply the configured recipe to an empty site (never again after that), and create the first administrator, printing
/// a generated password once.
/// </summary>
internal sealed class SiteInitializer(
    PortalDb db, RecipeExecutor recipes, DataUpgrades upgrades, StaffBootstrap staff, IConfiguration configuration, ILogger<SiteInitializer> logger)
{
    /// <param name="recipe">A recipe to apply now whatever the site holds (the <c>recipe</c> verb).</param>
    public async Task InitializeAsync(CancellationToken cancellationToken, string? recipe = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        if (await PendingMigrations.AnyAsync(db, cancellationToken) && !await NewDatabase.TryCreateAsync(db, cancellationToken))
        {
            if (!db.Database.IsSqlite())
            {
                await PendingMigrations.CreateDatabaseAndHistoryTableAsync(db, cancellationToken);
            }
            await db.Database.MigrateAsync(cancellationToken);
        }
        logger.LogInformation("Database ready in {Elapsed} ms", watch.ElapsedMilliseconds);
        var applied = await db.Settings.AsNoTracking().AnyAsync(s => s.Key == SiteSettingKeys.RecipeApplied, cancellationToken);
        if (applied)
        {
            await upgrades.RunPendingAsync(db, cancellationToken);
        }
        if (recipe is not null)
        {
            await recipes.ApplyAsync(recipe, cancellationToken);
        }
        else if (!applied)
        {
            var initial = configuration["Portal:Recipe"] ?? "demo";
            logger.LogInformation("Empty site: applying recipe {Recipe}", initial);
            watch.Restart();
            await recipes.ApplyAsync(initial, cancellationToken);
            await upgrades.RecordAllAsync(db, cancellationToken);
            logger.LogInformation("Recipe {Recipe} applied in {Elapsed} ms", initial, watch.ElapsedMilliseconds);
        }
        watch.Restart();
        var admin = await staff.EnsureAdministratorAsync(configuration["Portal:Admin:UserName"], configuration["Portal:Admin:Password"], configuration["Portal:Admin:Email"]);
        logger.LogInformation("Staff checked in {Elapsed} ms", watch.ElapsedMilliseconds);
        if (admin is { } created)
        {
            // Printed to the console once, deliberately not through the logger, so the secret never reaches log storage.
            Console.WriteLine();
            Console.WriteLine("  Portal administrator created");
            Console.WriteLine($"    user name: {created.UserName}");
            Console.WriteLine(created.GeneratedPassword is { } password
                ? $"    password:  {password}   (shown only now; change it at /admin/users)"
                : "    password:  as configured in Portal:Admin:Password");
            Console.WriteLine();
        }
    }
}
