namespace Portal.Theming;

[LiquidModel]
public sealed record SiteModel(
    string Name, string IdCode, string Domain, string Organizer, string Address, string Phone, string Email,
    string IcpRecord, string PoliceRecord);

[LiquidModel]
public sealed record LanguageLink(string Culture, string Label, string Url, bool Active);

/// <summary>Everything the layout template reads besides the page body.</summary>
[LiquidModel]
public sealed record LayoutModel(
    SiteModel Site, PageMeta Page, IReadOnlyList<NavLink> Nav, ThemeInfo Theme, string Culture, string HtmlLang,
    IReadOnlyList<LanguageLink> Languages, string Path, string Year, string Query, bool IsStaff);

/// <summary>A block of the home page. Later modules (consultations, hearings, statements) fill their slots.</summary>
[LiquidModel]
public sealed record HomeSlot(string Key, string Title, string MoreUrl, IReadOnlyList<HomeSlotItem> Items, int Order);

[LiquidModel]
public sealed record HomeSlotItem(string Title, string Url, string Date, string? Badge = null);

public interface IHomeSlotProvider
{
    Task<IReadOnlyList<HomeSlot>> GetSlotsAsync(string culture, CancellationToken cancellationToken);
}
