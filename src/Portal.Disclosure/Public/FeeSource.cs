using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

/// <summary>Published fee items; they are rows of the fee schedule page, so they have no page of their own.</summary>
internal sealed class FeeSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "fees";

    public string Source => Name;

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var section = await SectionSlugAsync(cancellationToken);
        await foreach (var fee in db.Set<FeeItem>().AsNoTracking().PublicAt(clock.GetUtcNow()).OrderBy(f => f.Order).ThenBy(f => f.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(fee, section);
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var fee = await db.Set<FeeItem>().AsNoTracking().PublicAt(clock.GetUtcNow()).FirstOrDefaultAsync(f => f.Slug == key, cancellationToken);
        return fee is null ? null : ToItem(fee, await SectionSlugAsync(cancellationToken));
    }

    private Task<string?> SectionSlugAsync(CancellationToken cancellationToken) =>
        db.Set<Section>().AsNoTracking().Where(s => s.Kind == SectionKind.Fees).OrderBy(s => s.Order).Select(s => s.Slug).FirstOrDefaultAsync(cancellationToken);

    private static PublicItem ToItem(FeeItem f, string? section)
    {
        var body = string.Join('\n', new[] { $"{f.Standard} {f.Unit}", f.Code, f.Basis, f.Department, f.Note }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new PublicItem(Name, f.Slug, "fee", f.Name, body, section is null ? "/" : $"/sections/{section}", f.PublishedUtc!.Value, section)
        {
            Topics = section is null ? [] : [$"section:{section}"],
            HasOwnPage = false,
        };
    }
}
