using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Admin;

public sealed record GuideInput(
    string ItemName, string? Slug, string? ItemCode, string? Department, string? Category, string? Summary,
    IReadOnlyList<string> LegalBasis, IReadOnlyList<string> Conditions, IReadOnlyList<GuideMaterial> Materials, IReadOnlyList<GuideStep> Steps,
    int PromisedDays, int StatutoryDays, IReadOnlyList<GuideFee> Fees, IReadOnlyList<GuideQuestion> Faq,
    string? Where, string? Hours, string? Phone, string? Online)
{
    /// <summary>The input that saves <paramref name="guide"/> unchanged (publishing what is stored).</summary>
    public static GuideInput From(ServiceGuide guide) => new(
        guide.ItemName, guide.Slug, guide.ItemCode, guide.Department, guide.Category, guide.Summary, guide.LegalBasis, guide.Conditions,
        guide.Materials, guide.Steps, guide.PromisedDays, guide.StatutoryDays, guide.Fees, guide.Faq, guide.Where, guide.Hours, guide.Phone, guide.Online);

    /// <summary>
    /// Lists as JSON may send them: a missing list is empty, a null entry is dropped, a missing text is empty and every
    /// text is trimmed (the form already sends it so).
    /// </summary>
    internal GuideInput Normalized()
    {
        static string T(string? value) => value?.Trim() ?? "";
        static List<TItem> Items<TItem>(IReadOnlyList<TItem>? list, Func<TItem, TItem> clean) where TItem : class =>
            [.. (list ?? []).Where(x => x is not null).Select(clean)];
        return this with
        {
            LegalBasis = [.. (LegalBasis ?? []).Select(T).Where(x => x.Length > 0)],
            Conditions = [.. (Conditions ?? []).Select(T).Where(x => x.Length > 0)],
            Materials = Items(Materials, m => m with { Name = T(m.Name), Note = T(m.Note) }),
            Steps = Items(Steps, x => x with { Name = T(x.Name), Actor = T(x.Actor), Description = T(x.Description) }),
            Fees = Items(Fees, f => f with { Item = T(f.Item), Standard = T(f.Standard), Basis = T(f.Basis) }),
            Faq = Items(Faq, q => q with { Q = T(q.Q), A = T(q.A) }),
        };
    }

    /// <summary>Every text in the lists, for the length limits.</summary>
    internal IEnumerable<string> ListTexts() =>
        LegalBasis.Concat(Conditions)
            .Concat(Materials.SelectMany(m => new[] { m.Name, m.Note }))
            .Concat(Steps.SelectMany(x => new[] { x.Name, x.Actor, x.Description }))
            .Concat(Fees.SelectMany(f => new[] { f.Item, f.Standard, f.Basis }))
            .Concat(Faq.SelectMany(q => new[] { q.Q, q.A }));
}

/// <summary>
/// Writing, publishing and unpublishing service guides. Unlike a document, a guide keeps no revisions: a saved
/// change to a public guide goes out at once and the public page shows it as "updated on".
/// </summary>
public sealed partial class GuideCommands(PortalDb db, TimeProvider clock, TextCatalog text)
{
    public const int MaxNumber = 999;

    public const int MaxListEntries = 100;

    public const int MaxListText = 2000;

    /// <summary>Saves a draft, or the changes to a guide that is already published (which stays published).</summary>
    public async Task<Result<ServiceGuide>> SaveAsync(int? id, GuideInput input, CancellationToken cancellationToken)
    {
        var (existing, missing) = await FindAsync(id, cancellationToken);
        if (missing is not null)
        {
            return missing;
        }
        var applied = await ApplyAsync(existing, input, cancellationToken);
        if (!applied.Succeeded)
        {
            return applied;
        }
        var guide = applied.Value!;
        var now = clock.GetUtcNow();
        if (guide.State == PublicationState.Published && guide.PublishedUtc <= now)
        {
            guide.UpdatedUtc = now;
        }
        Public.GuideSource.Record(db, guide, now);
        await db.SaveChangesAsync(cancellationToken);
        return guide;
    }

    /// <summary>Applies <paramref name="input"/> and makes the guide public now, in one write.</summary>
    public async Task<Result<ServiceGuide>> PublishAsync(int? id, GuideInput input, CancellationToken cancellationToken)
    {
        var (existing, missing) = await FindAsync(id, cancellationToken);
        if (missing is not null)
        {
            return missing;
        }
        var applied = await ApplyAsync(existing, input, cancellationToken);
        if (!applied.Succeeded)
        {
            return applied;
        }
        var guide = applied.Value!;
        var now = clock.GetUtcNow();
        if (guide.State == PublicationState.Published && guide.PublishedUtc <= now)
        {
            guide.UpdatedUtc = now;
        }
        else
        {
            guide.PublishedUtc = now;
            guide.UpdatedUtc = null;
        }
        guide.State = PublicationState.Published;
        Public.GuideSource.Record(db, guide, now);
        await db.SaveChangesAsync(cancellationToken);
        return guide;
    }

    public async Task<Result<ServiceGuide>> UnpublishAsync(int id, CancellationToken cancellationToken)
    {
        var guide = await db.Set<ServiceGuide>().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (guide is null)
        {
            return new Refusal(text.Translate("This service guide does not exist."), Status: 404);
        }
        if (guide.State != PublicationState.Published)
        {
            return new Refusal(text.Translate("This service guide is not published."), Status: 409);
        }
        guide.State = PublicationState.Unpublished;
        guide.ModifiedUtc = clock.GetUtcNow();
        Public.GuideSource.Record(db, guide, guide.ModifiedUtc);
        await db.SaveChangesAsync(cancellationToken);
        return guide;
    }

    /// <summary>A change to the forms of a public guide is a change the public sees, so it is dated like one.</summary>
    public void Touch(ServiceGuide guide)
    {
        var now = clock.GetUtcNow();
        guide.ModifiedUtc = now;
        if (guide.State == PublicationState.Published && guide.PublishedUtc <= now)
        {
            guide.UpdatedUtc = now;
        }
    }

    private async Task<(ServiceGuide? Guide, Refusal? Missing)> FindAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return (null, null);
        }
        var guide = await db.Set<ServiceGuide>().FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        return guide is null ? (null, new Refusal(text.Translate("This service guide does not exist."), Status: 404)) : (guide, null);
    }

    private async Task<Result<ServiceGuide>> ApplyAsync(ServiceGuide? guide, GuideInput input, CancellationToken cancellationToken)
    {
        input = input.Normalized();
        if (new[] { input.LegalBasis.Count, input.Conditions.Count, input.Materials.Count, input.Steps.Count, input.Fees.Count, input.Faq.Count }.Any(n => n > MaxListEntries)
            || input.ListTexts().Any(t => t.Length > MaxListText))
        {
            return new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("Each list holds at most {0} entries, each text at most {1} characters."), MaxListEntries, MaxListText), "Materials");
        }
        if (string.IsNullOrWhiteSpace(input.ItemName) || input.ItemName.Trim().Length > 200)
        {
            return new Refusal(text.Translate("The item name is required (at most 200 characters)."), "ItemName");
        }
        foreach (var (field, label, value, max) in new[]
                 {
                     ("ItemCode", "Item code", input.ItemCode, 64), ("Department", "Department", input.Department, 200),
                     ("Category", "Category", input.Category, 100), ("Summary", "Summary", input.Summary, 1000),
                     ("Where", "Where to apply", input.Where, 300), ("Hours", "Hours", input.Hours, 200),
                     ("Phone", "Phone", input.Phone, 100), ("Online", "Online", input.Online, 300),
                 })
        {
            if ((value?.Trim().Length ?? 0) > max)
            {
                return new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("“{0}” holds at most {1} characters."), text.Translate(label), max), field);
            }
        }
        if (!InRange(input.PromisedDays) || !InRange(input.StatutoryDays))
        {
            return new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("Time limits are whole numbers of working days from 0 to {0}."), MaxNumber), "PromisedDays");
        }
        if (input.PromisedDays > input.StatutoryDays)
        {
            return new Refusal(text.Translate("The promised time limit cannot be longer than the statutory time limit."), "PromisedDays");
        }
        if (input.Materials.Any(m => !InRange(m.Original) || !InRange(m.Copies)) || input.Steps.Any(s => !InRange(s.Days)))
        {
            return new Refusal(string.Format(CultureInfo.CurrentCulture, text.Translate("Numbers in the lists must be from 0 to {0}."), MaxNumber), "Materials");
        }
        var now = clock.GetUtcNow();
        var slug = string.IsNullOrWhiteSpace(input.Slug)
            ? guide?.Slug ?? $"guide-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}"
            : input.Slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug) || slug.Length > 120)
        {
            return new Refusal(text.Translate("The address name may hold lowercase letters, digits and '-' only."), "Slug");
        }
        if (await db.Set<ServiceGuide>().AnyAsync(g => g.Slug == slug && (guide == null || g.Id != guide.Id), cancellationToken))
        {
            return new Refusal(text.Translate("Another service guide already uses this address name."), "Slug", 409);
        }
        if (guide is null)
        {
            guide = new ServiceGuide { State = PublicationState.Draft };
            db.Set<ServiceGuide>().Add(guide);
        }
        guide.Slug = slug;
        guide.ItemName = input.ItemName.Trim();
        guide.ItemCode = input.ItemCode?.Trim() ?? "";
        guide.Department = input.Department?.Trim() ?? "";
        guide.Category = input.Category?.Trim() ?? "";
        guide.Summary = input.Summary?.Trim() ?? "";
        guide.LegalBasis = [.. input.LegalBasis];
        guide.Conditions = [.. input.Conditions];
        guide.Materials = [.. input.Materials];
        guide.Steps = [.. input.Steps];
        guide.PromisedDays = input.PromisedDays;
        guide.StatutoryDays = input.StatutoryDays;
        guide.Fees = [.. input.Fees];
        guide.Faq = [.. input.Faq];
        guide.Where = input.Where?.Trim() ?? "";
        guide.Hours = input.Hours?.Trim() ?? "";
        guide.Phone = input.Phone?.Trim() ?? "";
        guide.Online = input.Online?.Trim() ?? "";
        guide.ModifiedUtc = now;
        return guide;
    }

    private static bool InRange(int value) => value is >= 0 and <= MaxNumber;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
