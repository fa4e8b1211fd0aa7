using System.Globalization;
using Portal.Core.Localization;

namespace Portal.Core.Text;

/// <summary>
/// Reads an enum value from one of its names, ignoring case. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// also takes numbers ("5", defined or not) and comma lists ("adopted,rejected", which OR the values into another one),
/// so a form field or an API body could choose an outcome or a kind nobody offered.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        var name = text?.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// The refusal of a value that is none of <paramref name="allowed"/>, in the request's language, naming the field and
    /// the values as clients write them: "outcome must be adopted, rejected or withdrawn." (outcome 须为 adopted、rejected 或 withdrawn。).
    /// </summary>
    /// <param name="name">The field as clients write it (<c>reasonCode</c>); the refusal's field is the same name in PascalCase.</param>
    public static Refusal NotOneOf(TextCatalog text, string name, IReadOnlyList<string> allowed, int status = 422)
    {
        var list = allowed.Count == 1 ? allowed[0] : string.Format(CultureInfo.CurrentCulture, text.Translate("{0} or {1}"),
            allowed.Take(allowed.Count - 1).Aggregate((a, b) => string.Format(CultureInfo.CurrentCulture, text.Translate("{0}, {1}"), a, b)), allowed[^1]);
        return new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("{0} must be {1}."), name, list),
            char.ToUpperInvariant(name[0]) + name[1..], status);
    }
}
