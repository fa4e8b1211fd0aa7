using System.Security.Cryptography;
using System.Text;

namespace Portal.Hearings.Model;

/// <summary>
/// The public lottery, written so anyone can recompute it from what the hearing page publishes:
/// <list type="number">
/// <item>seed = SHA-256 of the published seed phrase (UTF-8), as 64 lower-case hex digits;</item>
/// <item>each registration's key = SHA-256 of <c>seed + ":" + code</c> (UTF-8), hex; registrations are ranked by key, ascending;</item>
/// <item>for each category with a quota, in the published order, the best-ranked registrations of that category take its seats;</item>
/// <item>the remaining seats go to the best-ranked of everyone not yet selected; the rest form the waitlist in rank order.</item>
/// </list>
/// </summary>
public static class Lottery
{
    public sealed record Entry(string Code, string? Category);

    public sealed record Outcome(string Code, int Rank, bool Selected);

    public static string Seed(string phrase) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(phrase)));

    public static string Key(string seed, string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed + ":" + code)));

    public static IReadOnlyList<Outcome> Draw(string seed, IEnumerable<Entry> entries, int seats, IReadOnlyList<CategoryQuota> quotas)
    {
        var ranked = entries.Select(e => (Entry: e, Key: Key(seed, e.Code))).OrderBy(x => x.Key, StringComparer.Ordinal).ThenBy(x => x.Entry.Code, StringComparer.Ordinal).ToList();
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quota in quotas)
        {
            foreach (var x in ranked.Where(x => x.Entry.Category == quota.Key).Take(Math.Min(quota.Seats, seats - selected.Count)))
            {
                selected.Add(x.Entry.Code);
            }
        }
        foreach (var x in ranked.Where(x => !selected.Contains(x.Entry.Code)).Take(Math.Max(0, seats - selected.Count)).ToList())
        {
            selected.Add(x.Entry.Code);
        }
        return ranked.Select((x, i) => new Outcome(x.Entry.Code, i + 1, selected.Contains(x.Entry.Code))).ToList();
    }
}
