using System.Text.Json;
using Portal.Core.Settings;

namespace Portal.Core.Recipes;

/// <summary><c>{ "name": "settings", "values": { "SiteName": "…" } }</c>: site settings, upserted by key.</summary>
internal sealed class SettingsStep : IRecipeStep
{
    public string Name => "settings";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (!context.Step.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw context.Error("values", "is required and must be an object of setting names and texts");
        }
        var changes = new Dictionary<string, string>();
        foreach (var property in values.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw context.Error($"values.{property.Name}", "must be a string");
            }
            changes[property.Name] = property.Value.GetString()!;
        }
        await SiteSettings.SetInAsync(context.Db, changes, cancellationToken);
    }
}
