namespace Portal.Search.Query;

/// <summary>
/// How people ask compared with how the bureau writes, applied to queries only (the index is left as written, so a
/// change here needs no reindex). <see cref="Synonyms"/> adds the official wording beside what was typed: 个体户 also
/// searches 个体工商户. <see cref="QuestionWords"/> are dropped from a question so 健身房跑路了怎么办 searches 健身房跑路.
/// Keep both short and certain: every entry widens every search that contains it.
/// </summary>
public static class CitizenWording
{
    /// <summary>Everyday wording → the words documents and service guides use; each replacement is searched as an alternative.</summary>
    public static readonly IReadOnlyList<(string[] Said, string[] Written)> Synonyms =
    [
        (["个体户"], ["个体工商户"]),
        (["开公司", "注册公司", "办公司", "成立公司", "开办公司"], ["设立登记", "企业开办"]),
        (["执照"], ["营业执照"]),
        (["举报电话", "投诉电话", "投诉热线", "举报热线"], ["投诉举报", "12315"]),
        (["停车费"], ["停车收费"]),
        (["年报"], ["年度报告"]),
        (["健身卡", "会员卡", "储值卡", "充值卡", "购物卡"], ["预付卡", "预付式消费"]),
        (["退钱"], ["退款"]),
        (["假货"], ["假冒"]),
        (["开店"], ["个体工商户", "设立登记"]),
    ];

    /// <summary>Question words and particles that carry no topic; a Han run is cut where they stand.</summary>
    public static readonly IReadOnlyList<string> QuestionWords =
    [
        "怎么办", "怎么样", "怎么", "怎样", "如何", "为什么", "什么", "哪里", "哪儿", "哪些", "在哪", "多少钱", "是否", "能否", "能不能",
        "可不可以", "可以吗", "请问", "我想", "我要",
    ];

    /// <summary>Single characters dropped from either end of what remains (了 in 跑路了, 吗 in 要钱吗).</summary>
    public static readonly string Particles = "了吗呢吧啊呀么的";

    /// <summary>
    /// The part with each synonym put in place of the everyday words it contains, once per replacement; never the
    /// part itself, and never a replacement the part already holds (执照 in 营业执照). At most <paramref name="limit"/>.
    /// </summary>
    public static IEnumerable<string> Rewrites(string part, int limit = 6)
    {
        var count = 0;
        foreach (var (said, written) in Synonyms)
        {
            foreach (var word in said.OrderByDescending(w => w.Length))
            {
                var at = part.IndexOf(word, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }
                foreach (var replacement in written.Where(r => !part.Contains(r, StringComparison.Ordinal)))
                {
                    if (count++ == limit)
                    {
                        yield break;
                    }
                    yield return string.Concat(part.AsSpan(0, at), replacement, part.AsSpan(at + word.Length));
                }
                break;
            }
        }
    }

    /// <summary>
    /// The topic words of a question: question words cut it into segments, particles are trimmed from their ends and
    /// one-character leftovers dropped. A part that is nothing but such words is returned as it was.
    /// </summary>
    public static IReadOnlyList<string> Topics(string part)
    {
        var segments = new List<string> { part };
        foreach (var word in QuestionWords)
        {
            segments = segments.SelectMany(s => s.Split(word, StringSplitOptions.RemoveEmptyEntries)).ToList();
        }
        var topics = segments.Select(s => s.Trim(Particles.ToCharArray())).Where(s => s.Length > 1 || (s.Length == 1 && !UserQuery.IsHan(s[0]))).ToList();
        return topics.Count == 0 ? [part] : topics;
    }
}
