using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Recipes;
using Portal.Disclosure.Model;
using Portal.Core.Text;

namespace Portal.Disclosure.Seed;

/// <summary><c>{ "name": "sections", "sections": [{ "slug", "nameZh", "nameEn", "descriptionZh", "descriptionEn", "kind" }] }</c></summary>
internal sealed class SectionsStep : IRecipeStep
{
    public string Name => "sections";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var set = context.Db.Set<Section>();
        var order = 0;
        foreach (var item in context.RequiredArray("sections").EnumerateArray())
        {
            order++;
            string Str(string field, bool required = false)
            {
                var value = item.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : "";
                if (required && value.Length == 0)
                {
                    throw context.Error($"sections[{order - 1}].{field}", "is required");
                }
                return value;
            }
            var slug = Str("slug", required: true);
            if (!ContentFiles.IsValidSlug(slug))
            {
                throw context.Error($"sections[{order - 1}].slug", $"'{slug}' is not a slug (lowercase letters, digits and '-')");
            }
            var kindText = Str("kind");
            if (!EnumNames.TryParse<SectionKind>(kindText.Length == 0 ? "Documents" : kindText, out var kind))
            {
                throw context.Error($"sections[{order - 1}].kind", $"'{kindText}' is not one of {string.Join(", ", Enum.GetNames<SectionKind>())}");
            }
            var section = await set.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken) ?? set.Add(new Section { Slug = slug }).Entity;
            section.NameZh = Str("nameZh", required: true);
            section.NameEn = Str("nameEn", required: true);
            section.DescriptionZh = Str("descriptionZh");
            section.DescriptionEn = Str("descriptionEn");
            section.Kind = kind;
            section.Order = order;
        }
    }
}
