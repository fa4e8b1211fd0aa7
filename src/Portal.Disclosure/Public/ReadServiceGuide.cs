using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Text;
using Portal.Disclosure.Model;
using Portal.Theming;
using Portal.Core.Content;

namespace Portal.Disclosure.Public;

public static class ReadServiceGuide
{
    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/guides/{slug}", async (string slug, HttpContext http, PortalDb db, ThemedPages pages, TextCatalog text, TimeProvider clock) =>
        {
            var guide = await db.Set<ServiceGuide>().AsNoTracking().Include(g => g.Forms)
                .PublicAt(clock.GetUtcNow())
                .FirstOrDefaultAsync(g => g.Slug == slug, http.RequestAborted);
            if (guide is null)
            {
                return await ErrorPages.RenderAsync(http, pages, StatusCodes.Status404NotFound, text.Translate("This service guide does not exist or is no longer published."));
            }
            var section = await db.Set<Section>().AsNoTracking().Where(s => s.Kind == SectionKind.ServiceGuides).OrderBy(s => s.Order).FirstOrDefaultAsync(http.RequestAborted);
            var culture = CultureInfo.CurrentUICulture.Name;
            var sectionName = section?.Name(culture) ?? text.Translate("Service guides");
            var sectionUrl = section is null ? "/" : $"/sections/{section.Slug}";
            var model = new GuidePage(
                guide.ItemName, guide.ItemCode, guide.Department, guide.Category, guide.Summary, guide.LegalBasis, guide.Conditions,
                guide.Materials.Select(m => new MaterialView(m.Name, m.Original, m.Copies, m.Note)).ToList(),
                guide.Steps.Select((s, i) => new StepView(i + 1, s.Name, s.Actor, s.Description,
                    Labels.TimeLimit(text, s.Days))).ToList(),
                guide.PromisedDays, guide.StatutoryDays,
                guide.Fees.Select(f => new FeeView(f.Item, f.Standard, f.Basis)).ToList(),
                guide.Forms.Where(f => !f.IsSample).OrderBy(f => f.Order).Select(ReadDocument.ToView).ToList(),
                guide.Forms.Where(f => f.IsSample).OrderBy(f => f.Order).Select(ReadDocument.ToView).ToList(),
                guide.Where, guide.Hours, guide.Phone, Labels.LinkAddresses(guide.Online),
                guide.Faq.Select(q => new QuestionView(q.Q, q.A)).ToList(),
                SiteClock.FormatDateTime(guide.PublishedUtc!.Value),
                guide.UpdatedUtc is { } u && u > guide.PublishedUtc ? SiteClock.FormatDateTime(u) : null,
                sectionUrl, sectionName)
            {
                PromisedUnit = Labels.WorkingDaysUnit(text, guide.PromisedDays),
                StatutoryUnit = Labels.WorkingDaysUnit(text, guide.StatutoryDays),
                FreeOfCharge = guide.Fees.All(f => Labels.ChargesNothing(f.Standard)),
            };
            var meta = new PageMeta(guide.ItemName)
            {
                ColumnName = sectionName,
                ColumnSlug = section?.Slug,
                ArticleTitle = guide.ItemName,
                PubDate = model.PublishedAt,
                ContentSource = guide.Department,
                Description = guide.Summary,
                Breadcrumbs = [new Breadcrumb(text.Translate("Home"), "/"), new Breadcrumb(sectionName, sectionUrl), new Breadcrumb(guide.ItemName, null)],
            };
            return await pages.PageAsync(http, "Disclosure/Guide", model, meta);
        }).CachePublicPage();
}
