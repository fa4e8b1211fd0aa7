using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Text;
using Portal.Statements.Model;

namespace Portal.Statements;

/// <summary>
/// Statements as the search index, feeds, sitemap and subscriptions see them: only what is public now. A retracted
/// statement stays listed (its address still answers) with its reason instead of its text.
/// </summary>
internal sealed class StatementsSource(PortalDb db, TimeProvider clock) : IPublicContentSource
{
    public const string Name = "statements";

    public string Source => Name;

    public async IAsyncEnumerable<PublicItem> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = db.Set<Statement>().AsNoTracking().PublicAt(clock.GetUtcNow()).OrderByDescending(s => s.PublishUtc).ThenByDescending(s => s.Id);
        await foreach (var statement in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToItem(statement);
        }
    }

    public async Task<PublicItem?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var statement = await db.Set<Statement>().AsNoTracking().PublicAt(clock.GetUtcNow()).FirstOrDefaultAsync(s => s.Slug == key, cancellationToken);
        return statement is null ? null : ToItem(statement);
    }

    internal static PublicItem ToItem(Statement s)
    {
        var retracted = s.State == StatementState.Retracted;
        var body = retracted ? s.RetractionReason : StatementText.Plain("", s.Summary, RichText.MarkdownToPlainText(s.BodyMarkdown, int.MaxValue), s.Questions);
        return new PublicItem(Name, s.Slug, "statement", s.Title, body, StatementLabels.Url(s.Slug), s.PublishUtc!.Value, "statements", StatementLabels.PublicStatus(s))
        {
            Topics = ["statements"],
            Summary = retracted ? s.RetractionReason : s.Summary.Length > 0 ? s.Summary : RichText.MarkdownToPlainText(s.BodyMarkdown, 200),
            UpdatedUtc = s.RetractedUtc ?? s.CorrectedUtc,
        };
    }
}
