using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

/// <summary>Public service guides as plain text. The office phone is left out: search carries no phone numbers.</summary>
internal sealed class GuideSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "guides";

    public string Source => Name;

    public static void Record(PortalDb db, ServiceGuide guide, DateTimeOffset now)
    {
        db.RecordChange(Name, guide.Slug, now);
        var original = db.Entry(guide).Property(g => g.Slug).OriginalValue;
        if (!string.IsNullOrEmpty(original) && original != guide.Slug)
        {
            db.RecordChange(Name, original, now);
        }
    }

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var section = await SectionSlugAsync(cancellationToken);
        await foreach (var guide in db.Set<ServiceGuide>().AsNoTracking().PublicAt(clock.GetUtcNow()).OrderBy(g => g.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(guide, section);
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var guide = await db.Set<ServiceGuide>().AsNoTracking().PublicAt(clock.GetUtcNow()).FirstOrDefaultAsync(g => g.Slug == key, cancellationToken);
        return guide is null ? null : ToItem(guide, await SectionSlugAsync(cancellationToken));
    }

    private Task<string?> SectionSlugAsync(CancellationToken cancellationToken) =>
        db.Set<Section>().AsNoTracking().Where(s => s.Kind == SectionKind.ServiceGuides).OrderBy(s => s.Order).Select(s => s.Slug).FirstOrDefaultAsync(cancellationToken);

    private static PublicItem ToItem(ServiceGuide g, string? section)
    {
        var parts = new List<string?> { g.Summary, g.ItemCode, g.Department, g.Category, g.Where, g.Hours, g.Online };
        parts.AddRange(g.LegalBasis);
        parts.AddRange(g.Conditions);
        parts.AddRange(g.Materials.Select(m => $"{m.Name} {m.Note}"));
        parts.AddRange(g.Steps.Select(s => $"{s.Name} {s.Actor} {s.Description}"));
        parts.AddRange(g.Fees.Select(f => $"{f.Item} {f.Standard} {f.Basis}"));
        parts.AddRange(g.Faq.Select(q => $"{q.Q} {q.A}"));
        var body = string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new PublicItem(Name, g.Slug, "guide", g.ItemName, body, $"/guides/{g.Slug}", g.PublishedUtc!.Value, section)
        {
            Topics = section is null ? [] : [$"section:{section}"],
            Summary = g.Summary.Length > 0 ? g.Summary : null,
            UpdatedUtc = g.UpdatedUtc,
        };
    }
}
