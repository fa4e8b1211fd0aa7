using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Settings;

namespace Portal.Core.Recipes;

/// <summary>
/// Applies <c>recipes/{name}.recipe.json</c>: every step in order, inside one transaction, so a broken
/// recipe leaves the database exactly as it was.
/// </summary>
public sealed class RecipeExecutor(
    IServiceScopeFactory scopes, PortalPaths paths, TimeProvider clock, ILogger<RecipeExecutor> logger)
{
    public async Task ApplyAsync(string recipeName, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDb>();
        var steps = services.GetServices<IRecipeStep>().ToDictionary(s => s.Name, StringComparer.Ordinal);
        var importUtc = clock.GetUtcNow();

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RunAsync(recipeName, db, services, steps, importUtc, depth: 0, cancellationToken);
            await SiteSettings.SetInAsync(db, new Dictionary<string, string>
            {
                [SiteSettingKeys.RecipeApplied] = $"{recipeName} {importUtc:O}",
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        (services.GetService<ISiteSettings>() as SiteSettings)?.Invalidate();
        logger.LogInformation("Recipe {Recipe} applied", recipeName);
    }

    public string RecipeFile(string recipeName)
    {
        if (recipeName.Length == 0 || recipeName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new RecipeException(recipeName, "-", -1, "name", "a recipe name holds only letters, digits, '-' and '_'");
        }
        return Path.Combine(paths.Recipes, recipeName + ".recipe.json");
    }

    private async Task RunAsync(
        string recipeName, PortalDb db, IServiceProvider services, IReadOnlyDictionary<string, IRecipeStep> steps,
        DateTimeOffset importUtc, int depth, CancellationToken cancellationToken)
    {
        var file = RecipeFile(recipeName);
        var display = Path.GetRelativePath(paths.ContentRoot, file);
        if (!File.Exists(file))
        {
            throw new RecipeException(display, "-", -1, "name", $"no recipe named '{recipeName}' in {paths.Recipes}");
        }
        if (depth > 4)
        {
            throw new RecipeException(display, "recipe", -1, "recipe", "recipes include each other too deeply (a cycle?)");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(await File.ReadAllTextAsync(file, cancellationToken), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException e)
        {
            throw new RecipeException(display, "-", -1, "(json)", $"not valid JSON at line {e.LineNumber + 1}: {e.Message}");
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("steps", out var stepArray) || stepArray.ValueKind != JsonValueKind.Array)
            {
                throw new RecipeException(display, "-", -1, "steps", "a recipe needs a 'steps' array");
            }
            var index = 0;
            foreach (var step in stepArray.EnumerateArray())
            {
                var name = step.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                var context = new RecipeStepContext(db, services, paths, display, name, index, step, importUtc);
                if (name == "recipe")
                {
                    await RunAsync(context.RequiredString("recipe"), db, services, steps, importUtc, depth + 1, cancellationToken);
                }
                else if (steps.TryGetValue(name, out var handler))
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    await handler.ExecuteAsync(context, cancellationToken);
                    // Saved and no longer tracked, like each item (see ItemDoneAsync).
                    await context.ItemDoneAsync(cancellationToken);
                    logger.LogInformation("Recipe {Recipe} step {Index} '{Step}' took {Elapsed} ms", recipeName, index + 1, name, watch.ElapsedMilliseconds);
                }
                else
                {
                    var known = string.Join(", ", steps.Keys.Append("recipe").Order(StringComparer.Ordinal));
                    throw context.Error("name", $"unknown step '{name}' (known steps: {known}; is its module switched off?)");
                }
                index++;
            }
        }
    }
}
