using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Disclosure.Model;

namespace Portal.Consultations.Public;

/// <summary>
/// Public decision drafts as plain text: the draft, the adopted text and the outcome. The contact line is left out
/// (it may hold an email address); drafts that were never published are not public.
/// </summary>
internal sealed class ConsultationSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "consultations";

    public string Source => Name;

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var section = await SectionSlugAsync(db, cancellationToken);
        await foreach (var c in db.Set<Consultation>().AsNoTracking().Where(c => c.State != ConsultationState.Draft).OrderBy(c => c.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(c, now, section);
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var c = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Slug == key && c.State != ConsultationState.Draft, cancellationToken);
        return c is null ? null : ToItem(c, clock.GetUtcNow(), await SectionSlugAsync(db, cancellationToken));
    }

    internal static Task<string?> SectionSlugAsync(PortalDb db, CancellationToken cancellationToken) => SectionSlug.For(db)(db, cancellationToken);

    private static readonly PerProvider<Func<PortalDb, CancellationToken, Task<string?>>> SectionSlug = new(() => EF.CompileAsyncQuery((PortalDb db, CancellationToken ct) =>
        db.Set<Section>().AsNoTracking().Where(s => s.Kind == SectionKind.Consultations).OrderBy(s => s.Order).Select(s => s.Slug).FirstOrDefault()));

    private static PublicItem ToItem(Consultation c, DateTimeOffset now, string? section)
    {
        var parts = new List<string?> { c.Summary, c.Department, c.ShortPeriodReason, c.OutcomeReason };
        parts.AddRange(c.Articles.Select(a => RichText.MarkdownToPlainText(a.Markdown, 20_000)));
        parts.AddRange(c.FinalArticles.Select(a => RichText.MarkdownToPlainText(a.Markdown, 20_000)));
        var body = string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return new PublicItem(Name, c.Slug, "consultation", c.Title, body, $"/consultations/{c.Slug}", c.FinalizedUtc ?? c.PublishedUtc ?? c.OpensUtc,
            section, Labels.Status(c.StatusAt(now)))
        {
            Topics = [$"consultation:{c.Slug}", .. section is null ? Array.Empty<string>() : [$"section:{section}"]],
            Summary = c.Summary.Length > 0 ? c.Summary : null,
            UpdatedUtc = c.VersionCount > 1 ? c.ModifiedUtc : null,
        };
    }
}
