using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

/// <summary>Published fee items; they are rows of the fee schedule page, so they have no page of their own: each links to its row.</summary>
internal sealed class FeeSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "fees";

    public string Source => Name;

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var section = await SectionSlugAsync(cancellationToken);
        var anchors = new FeeSchedule.Anchors();
        await foreach (var fee in db.Set<FeeItem>().AsNoTracking().PublicAt(clock.GetUtcNow()).OrderBy(f => f.Order).ThenBy(f => f.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(fee, section, anchors.Next(fee.Code, fee.Slug));
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fee = await db.Set<FeeItem>().AsNoTracking().PublicAt(now).FirstOrDefaultAsync(f => f.Slug == key, cancellationToken);
        if (fee is null)
        {
            return null;
        }
        // The same id the row has on the page, where an earlier row with the same code keeps the code.
        var codeTaken = await db.Set<FeeItem>().PublicAt(now)
            .AnyAsync(f => f.Code == fee.Code && (f.Order < fee.Order || (f.Order == fee.Order && f.Id < fee.Id)), cancellationToken);
        return ToItem(fee, await SectionSlugAsync(cancellationToken), FeeSchedule.Anchor(fee.Code, fee.Slug, codeTaken));
    }

    private Task<string?> SectionSlugAsync(CancellationToken cancellationToken) =>
        db.Set<Section>().AsNoTracking().Where(s => s.Kind == SectionKind.Fees).OrderBy(s => s.Order).Select(s => s.Slug).FirstOrDefaultAsync(cancellationToken);

    private static PublicItem ToItem(FeeItem f, string? section, string anchor)
    {
        var body = string.Join('\n', new[] { $"{f.Standard} {f.Unit}", f.Code, f.Basis, f.Department, f.Note }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new PublicItem(Name, f.Slug, "fee", f.Name, body, section is null ? "/" : $"/sections/{section}#{anchor}", f.PublishedUtc!.Value, section)
        {
            Topics = section is null ? [] : [$"section:{section}"],
            HasOwnPage = false,
        };
    }
}
