using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Disclosure.Public;

/// <summary>A disclosure section: its documents filtered by year, topic and validity, paged; or its guides, or its fee table.</summary>
public static class BrowseSection
{
    public const int PageSize = 15;

    public sealed record Filters(int? Year, string? Topic, DocumentValidity? Validity, int Page);

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/sections/{slug}", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            if (ParseFilters(http.Request.Query, text) is { } error)
            {
                return await ErrorPages.RenderAsync(http, pages, StatusCodes.Status400BadRequest, error);
            }
            var filters = ReadFilters(http.Request.Query);
            var culture = CultureInfo.CurrentUICulture.Name;
            var sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order).ToListAsync(http.RequestAborted);
            var section = sections.FirstOrDefault(s => s.Slug == slug);
            if (section is null)
            {
                return await ErrorPages.RenderAsync(http, pages, StatusCodes.Status404NotFound, text.Translate("There is no section at this address."));
            }
            var model = await BuildAsync(db, text, clock.GetUtcNow(), section, sections, filters, culture, http.RequestAborted);
            var blocks = new List<SectionBlock>();
            foreach (var provider in http.RequestServices.GetServices<ISectionBlockProvider>())
            {
                if (await provider.GetBlockAsync(section.Kind, culture, http.RequestAborted) is { } block)
                {
                    blocks.Add(block);
                }
            }
            model = model with { Blocks = blocks };
            var meta = new PageMeta(model.Name)
            {
                ColumnName = model.Name,
                ColumnSlug = section.Slug,
                Description = model.Description,
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(model.Name, null)],
            };
            return await pages.PageAsync(http, "Disclosure/Section", model, meta);
        }).CachePublicPage("year", "topic", "status", "page");

    /// <summary>Returns a message a person can act on when a filter is malformed, or null when all are readable.</summary>
    internal static string? ParseFilters(IQueryCollection query, TextCatalog text)
    {
        if (query.Sum(q => q.Key.Length + q.Value.ToString().Length) > 2000)
        {
            return text.Translate("The address is too long. Remove some filters and try again.");
        }
        var year = query["year"].ToString();
        if (year.Length > 0 && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1949 || y > 2200))
        {
            return text.Translate("The year filter must be a four-digit year, such as 2026.");
        }
        if (query["topic"].ToString().Length > 50)
        {
            return text.Translate("The topic filter is too long.");
        }
        var status = query["status"].ToString();
        if (status.Length > 0 && status is not ("in-force" or "amended" or "abolished"))
        {
            return text.Translate("The status filter must be in-force, amended or abolished.");
        }
        return null;
    }

    internal static Filters ReadFilters(IQueryCollection query)
    {
        int? year = int.TryParse(query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null;
        var topic = query["topic"].ToString() is { Length: > 0 } t ? t : null;
        DocumentValidity? validity = query["status"].ToString() switch
        {
            "in-force" => DocumentValidity.InForce,
            "amended" => DocumentValidity.Amended,
            "abolished" => DocumentValidity.Abolished,
            _ => null,
        };
        // Paging outside the range is clamped later; an unreadable page number means the first page.
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? Math.Min(p, 100_000) : 1;
        return new Filters(year, topic, validity, page);
    }

    private static async Task<SectionPage> BuildAsync(
        PortalDb db, TextCatalog text, DateTimeOffset now, Section section, List<Section> sections, Filters filters, string culture,
        CancellationToken cancellationToken)
    {
        var links = sections.Select(s => new SectionLink(s.Slug, s.Name(culture), $"/sections/{s.Slug}", s.Id == section.Id)).ToList();
        var baseQuery = db.Set<Document>().AsNoTracking().Where(d => d.SectionId == section.Id).PublicAt(now);
        var facets = await baseQuery.Select(d => new { d.PublishedUtc, d.Topics }).ToListAsync(cancellationToken);

        var query = baseQuery;
        if (filters.Year is { } year)
        {
            var from = SiteClock.FromLocal(new DateTime(year, 1, 1));
            var to = SiteClock.FromLocal(new DateTime(year + 1, 1, 1));
            query = query.Where(d => d.PublishedUtc >= from && d.PublishedUtc < to);
        }
        if (filters.Topic is { } topic)
        {
            var token = "|" + topic + "|";
            query = query.Where(d => d.Topics.Contains(token));
        }
        if (filters.Validity is { } validity)
        {
            query = query.Where(d => d.Validity == validity);
        }
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Min(filters.Page, pages);
        var rows = await query.OrderByDescending(d => d.PublishedUtc).ThenByDescending(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(d => new { d.Title, d.Slug, d.PublishedUtc, d.DocNumber, d.Validity, d.IndexNumber })
            .ToListAsync(cancellationToken);
        var documents = rows.Select(d => new DocumentListItem(
            d.Title, $"/documents/{d.Slug}", SiteClock.FormatDate(d.PublishedUtc!.Value), d.DocNumber,
            Labels.Validity(d.Validity), Labels.ValidityLabel(text, d.Validity), d.IndexNumber)).ToList();

        string Url(int? y, string? t, DocumentValidity? v, int p)
        {
            var parts = new List<string>();
            if (y is not null) parts.Add($"year={y}");
            if (t is not null) parts.Add($"topic={Uri.EscapeDataString(t)}");
            if (v is not null) parts.Add($"status={Labels.Validity(v.Value)}");
            if (p > 1) parts.Add($"page={p}");
            return $"/sections/{section.Slug}" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
        }

        var years = facets.Select(f => SiteClock.LocalDate(f.PublishedUtc!.Value).Year).Distinct().OrderDescending()
            .Select(y => new FilterOption(Url(y, filters.Topic, filters.Validity, 1), y.ToString(CultureInfo.InvariantCulture), y == filters.Year)).ToList();
        var topics = facets.SelectMany(f => f.Topics.Split('|', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(20)
            .Select(g => new FilterOption(Url(filters.Year, g.Key, filters.Validity, 1), $"{g.Key} ({g.Count()})", g.Key == filters.Topic)).ToList();
        var statuses = Enum.GetValues<DocumentValidity>()
            .Select(v => new FilterOption(Url(filters.Year, filters.Topic, v, 1), Labels.ValidityLabel(text, v), v == filters.Validity)).ToList();

        var pagerLinks = Enumerable.Range(Math.Max(1, page - 3), Math.Min(pages, page + 3) - Math.Max(1, page - 3) + 1)
            .Select(n => new PagerLink(n, Url(filters.Year, filters.Topic, filters.Validity, n), n == page)).ToList();
        var pager = new PagerModel(page, pages, total,
            page > 1 ? Url(filters.Year, filters.Topic, filters.Validity, page - 1) : null,
            page < pages ? Url(filters.Year, filters.Topic, filters.Validity, page + 1) : null,
            pagerLinks);

        IReadOnlyList<GuideListItem> guides = [];
        if (section.Kind == SectionKind.ServiceGuides)
        {
            guides = (await db.Set<ServiceGuide>().AsNoTracking().PublicAt(now).OrderBy(g => g.Category).ThenBy(g => g.ItemName).ToListAsync(cancellationToken))
                .Select(g => new GuideListItem(g.ItemName, $"/guides/{g.Slug}", g.Category, g.Department,
                    g.PromisedDays, Labels.WorkingDaysUnit(text, g.PromisedDays), g.StatutoryDays, Labels.WorkingDaysUnit(text, g.StatutoryDays), g.Summary)).ToList();
        }
        IReadOnlyList<FeeRow> fees = [];
        FeeScheduleDates? feeDates = null;
        if (section.Kind == SectionKind.Fees)
        {
            (fees, feeDates) = await FeeSchedule.BuildAsync(db, now, cancellationToken);
        }
        var filtered = filters.Year is not null || filters.Topic is not null || filters.Validity is not null;
        return new SectionPage(
            section.Slug, section.Name(culture), section.Description(culture), section.Kind.ToString().ToLowerInvariant(), links,
            documents, guides, fees, years, topics, statuses, filtered, $"/sections/{section.Slug}", pager, "") { FeeDates = feeDates };
    }
}
