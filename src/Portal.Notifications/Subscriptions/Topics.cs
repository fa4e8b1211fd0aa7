using Microsoft.EntityFrameworkCore;
using Portal.Consultations.Model;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Disclosure.Model;

namespace Portal.Notifications.Subscriptions;

public sealed record TopicOption(string Topic, string Label);

/// <summary>
/// What can be followed: <c>section:{slug}</c>, <c>consultation:{slug}</c>, <c>hearings</c>, <c>statements</c> —
/// the same names public items carry in <see cref="Portal.Core.Content.PublicItem.Topics"/>.
/// </summary>
public sealed class Topics(PortalDb db, TextCatalog text)
{
    public const string Hearings = "hearings";
    public const string Statements = "statements";

    /// <summary>The topic's name in <paramref name="culture"/>, or null when there is no such topic.</summary>
    public async Task<string?> LabelAsync(string? topic, string culture, CancellationToken cancellationToken)
    {
        var info = System.Globalization.CultureInfo.GetCultureInfo(culture);
        switch (topic)
        {
            case null or "":
                return null;
            case Hearings:
                return text.Translate("Hearings", info);
            case Statements:
                return text.Translate("Spokesperson statements", info);
        }
        if (topic.StartsWith("section:", StringComparison.Ordinal))
        {
            var slug = topic["section:".Length..];
            var section = await db.Set<Section>().AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
            return section?.Name(culture);
        }
        if (topic.StartsWith("consultation:", StringComparison.Ordinal))
        {
            var slug = topic["consultation:".Length..];
            return await db.Set<Consultation>().AsNoTracking().Where(c => c.Slug == slug && c.State != ConsultationState.Draft)
                .Select(c => c.Title).FirstOrDefaultAsync(cancellationToken);
        }
        return null;
    }

    /// <summary>The choices of the subscribe form: the topic asked for first, then every section, hearings and statements.</summary>
    public async Task<IReadOnlyList<TopicOption>> OptionsAsync(string? requested, string culture, CancellationToken cancellationToken)
    {
        var options = new List<TopicOption>();
        if (requested is { Length: > 0 } && await LabelAsync(requested, culture, cancellationToken) is { } label)
        {
            options.Add(new TopicOption(requested, label));
        }
        var sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        options.AddRange(sections.Select(s => new TopicOption($"section:{s.Slug}", s.Name(culture))));
        var info = System.Globalization.CultureInfo.GetCultureInfo(culture);
        options.Add(new TopicOption(Hearings, text.Translate("Hearings", info)));
        options.Add(new TopicOption(Statements, text.Translate("Spokesperson statements", info)));
        return options.DistinctBy(o => o.Topic).ToList();
    }
}
