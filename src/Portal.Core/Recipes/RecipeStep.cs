using System.Text.Json;
using Portal.Core.Data;

namespace Portal.Core.Recipes;

/// <summary>A named step of a recipe, owned by one module. Steps upsert by slug so a recipe can run twice.</summary>
public interface IRecipeStep
{
    string Name { get; }

    Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken);
}

public sealed class RecipeStepContext(
    PortalDb db, IServiceProvider services, PortalPaths paths, string recipeFile, string stepName, int index, JsonElement step, DateTimeOffset importUtc)
{
    public PortalDb Db { get; } = db;
    public IServiceProvider Services { get; } = services;
    public PortalPaths Paths { get; } = paths;
    public string RecipeFile { get; } = recipeFile;
    public string StepName { get; } = stepName;
    public int Index { get; } = index;
    public JsonElement Step { get; } = step;

    /// <summary>The instant of import; relative dates in content (<c>-3d</c>) count from here.</summary>
    public DateTimeOffset ImportUtc { get; } = importUtc;

    /// <summary>
    /// Saves the item just imported (still inside the recipe's transaction) and stops tracking it. A step that saves
    /// as it goes would otherwise have every later save scan all the items before it: the audit recorder and EF each
    /// detect changes over everything tracked, which made long steps quadratic.
    /// </summary>
    public async Task ItemDoneAsync(CancellationToken cancellationToken)
    {
        await Db.SaveChangesAsync(cancellationToken);
        Db.ChangeTracker.Clear();
    }

    public RecipeException Error(string field, string message, string? file = null) =>
        new(file ?? RecipeFile, StepName, Index, field, message);

    public string RequiredString(string field)
    {
        if (!Step.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(field, "is required and must be a non-empty string");
        }
        return value.GetString()!;
    }

    public JsonElement RequiredArray(string field)
    {
        if (!Step.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw Error(field, "is required and must be an array");
        }
        return value;
    }

    /// <summary>Resolves a path given in a recipe relative to the repository-level content folders.</summary>
    public string ResolveContentPath(string field, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Paths.ContentRoot, relative));
        if (!full.StartsWith(Paths.ContentRoot, StringComparison.Ordinal))
        {
            throw Error(field, $"path '{relative}' leaves the content folder");
        }
        return full;
    }
}

public sealed class RecipeException(string file, string step, int index, string field, string message)
    : Exception($"Recipe error in {file}, step {index + 1} '{step}', field '{field}': {message}")
{
    public string File { get; } = file;
    public string Step { get; } = step;
    public int StepIndex { get; } = index;
    public string Field { get; } = field;
    public string Reason { get; } = message;
}
