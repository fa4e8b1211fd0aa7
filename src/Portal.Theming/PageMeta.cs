namespace Portal.Theming;

/// <summary>
/// What the layout needs to know about a page: its title and the standard government-website meta tags
/// (SiteName, SiteDomain, SiteIDCode, ColumnName, ArticleTitle, PubDate, ContentSource).
/// </summary>
[LiquidModel]
public sealed record PageMeta(string Title)
{
    public string? ColumnName { get; init; }
    public string? ColumnSlug { get; init; }
    public string? ArticleTitle { get; init; }
    public string? PubDate { get; init; }
    public string? ContentSource { get; init; }
    public string? Description { get; init; }
    public string? Keywords { get; init; }
    public IReadOnlyList<Breadcrumb> Breadcrumbs { get; init; } = [];
}

[LiquidModel]
public sealed record Breadcrumb(string Title, string? Url);

/// <summary>One entry of the main navigation (the disclosure sections), contributed by modules.</summary>
[LiquidModel]
public sealed record NavLink(string Title, string Url, string Slug, int Order);

public interface INavigationProvider
{
    Task<IReadOnlyList<NavLink>> GetLinksAsync(string culture, CancellationToken cancellationToken);
}
