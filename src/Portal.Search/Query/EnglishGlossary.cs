namespace Portal.Search.Query;

/// <summary>
/// English words for what the bureau writes in Chinese, applied to queries only, as <see cref="CitizenWording"/> is:
/// the content is Chinese in both languages, so "business license" on the English pages also searches 营业执照. A
/// phrase of several words is matched before its words (business license before license); the words typed are still
/// searched as they are, the Chinese beside them at the rewrite weight. Words are compared in lower case and without a
/// plural s, so licenses, Licence and license all match. Keep it to the vocabulary of the content (content-seed/).
/// </summary>
public static class EnglishGlossary
{
    /// <summary>English wording → the Chinese terms documents, guides and notices use; each is searched as an alternative.</summary>
    public static readonly IReadOnlyList<(string[] Said, string[] Written)> Entries =
    [
        (["business license", "business licence", "trading license", "trading licence"], ["营业执照"]),
        (["license", "licence", "permit", "licensing", "administrative licensing"], ["行政许可", "许可", "营业执照"]),
        (["food business license", "food business licence", "food license", "food licence", "food permit"], ["食品经营许可"]),
        (["food safety"], ["食品安全"]),
        (["food"], ["食品"]),
        (["food poisoning", "poisoning"], ["中毒"]),
        (["rice noodle", "rice noodles"], ["米粉"]),
        (["prepaid card", "pre-paid card", "stored value card", "gift card", "membership card", "gym membership", "gym card"], ["预付卡", "预付式消费"]),
        (["complaint", "complain", "report a violation", "whistleblowing"], ["投诉举报", "投诉"]),
        (["hotline", "complaint hotline"], ["12315", "热线"]),
        (["consumer rights", "consumer protection", "consumer"], ["消费者权益", "消费维权"]),
        (["refund"], ["退款"]),
        (["return", "return goods", "seven-day return", "no-reason return"], ["退货"]),
        (["online shopping", "e-commerce"], ["网购", "电子商务"]),
        (["fee", "charge", "charging"], ["收费"]),
        (["fee standard", "fee schedule", "fee list", "price list"], ["收费标准", "收费清单"]),
        (["free of charge", "no fee", "fee waiver", "waived"], ["免收", "不收费", "免费"]),
        (["price", "pricing"], ["价格"]),
        (["hearing", "public hearing"], ["听证"]),
        (["public comment", "consultation", "draft for comment", "comment"], ["征求意见"]),
        (["decision", "major decision"], ["决策", "决定"]),
        (["annual report", "annual reporting"], ["年度报告", "年报"]),
        (["company registration", "register a company", "set up a company", "start a business", "incorporation", "incorporate"], ["设立登记", "企业开办"]),
        (["registration", "register"], ["登记"]),
        (["company", "enterprise", "firm"], ["企业", "公司"]),
        (["business"], ["企业", "经营"]),
        (["sole proprietor", "self-employed", "individual business", "small business"], ["个体工商户"]),
        (["deregistration", "deregister", "close a company", "simplified deregistration"], ["注销"]),
        (["change registration", "change of address", "change of registration"], ["变更登记"]),
        (["legal representative"], ["法定代表人"]),
        (["company name", "business name", "name registration", "name declaration"], ["企业名称", "名称申报"]),
        (["special equipment"], ["特种设备"]),
        (["elevator", "lift"], ["电梯"]),
        (["boiler"], ["锅炉"]),
        (["pressure vessel"], ["压力容器"]),
        (["gas cylinder"], ["气瓶"]),
        (["inspection", "inspect"], ["检验", "检查"]),
        (["random inspection", "spot check", "random check"], ["双随机", "抽查"]),
        (["penalty", "fine", "administrative penalty", "punishment"], ["行政处罚", "处罚"]),
        (["market", "farmers market", "wet market", "farmers' market"], ["农贸市场", "市场"]),
        (["stall", "stall fee", "booth"], ["摊位"]),
        (["vendor", "street vendor", "hawker"], ["摊贩"]),
        (["night market"], ["夜市"]),
        (["parking", "parking fee"], ["停车"]),
        (["spokesperson", "spokesman"], ["新闻发言人"]),
        (["press release", "news release"], ["新闻稿"]),
        (["press conference", "briefing"], ["新闻发布会", "答记者问"]),
        (["statement", "announcement"], ["声明", "公告"]),
        (["interpretation", "policy interpretation", "explanation"], ["解读"]),
        (["trademark"], ["商标"]),
        (["metrology", "calibration", "verification", "measuring instrument"], ["计量", "检定", "校准"]),
        (["fraud", "scam", "impersonation"], ["诈骗", "冒充"]),
        (["information disclosure", "government information", "open government information", "freedom of information"], ["政府信息公开"]),
        (["disclosure", "publicity", "public notice"], ["公开", "公示"]),
        (["office hours", "opening hours", "working hours"], ["办公时间"]),
        (["office address", "address", "location"], ["办公地址"]),
        (["contact", "contact details", "phone number"], ["联系方式", "电话"]),
        (["appointment", "booking"], ["预约"]),
        (["online", "online service"], ["网上办理", "线上"]),
        (["materials", "required documents", "application materials"], ["申请材料", "材料"]),
        (["time limit", "processing time"], ["时限"]),
        (["service guide", "guide", "how to apply"], ["办事指南"]),
        (["application", "apply"], ["申请"]),
        (["window", "service window", "service centre", "service center"], ["窗口", "政务服务中心"]),
        (["quality management"], ["质量管理"]),
        (["regulation", "rule", "rules", "measures"], ["规定", "办法"]),
        (["policy", "policies"], ["政策"]),
        (["law"], ["法"]),
        (["functions", "responsibilities", "duties"], ["职能", "职责"]),
        (["leadership", "leaders"], ["领导"]),
        (["organisation", "organization", "departments"], ["内设机构", "机构"]),
        (["normative document", "normative documents"], ["规范性文件"]),
    ];

    /// <summary>Words of an English question that carry no topic; dropped when something else remains.</summary>
    public static readonly IReadOnlySet<string> QuestionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "how", "do", "doe", "did", "i", "we", "my", "our", "me", "what", "where", "when", "who", "which", "can", "could",
        "should", "get", "need", "want", "please", "about", "obtain", "make", "file", "lodge", "find", "know", "tell",
    };

    private const int LongestPhrase = 4;

    private static readonly Dictionary<string, string[]> ByWords = BuildIndex();

    private static Dictionary<string, string[]> BuildIndex()
    {
        var index = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (said, written) in Entries)
        {
            foreach (var phrase in said)
            {
                var key = string.Join(' ', phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Normalize));
                index[key] = index.TryGetValue(key, out var more) ? [.. more, .. written.Except(more)] : written;
            }
        }
        return index;
    }

    /// <summary>Lower case, no quote or punctuation at either end, no plural s (licenses, fees, businesses).</summary>
    internal static string Normalize(string word)
    {
        var w = word.Trim().Trim('.', ',', ';', ':', '!', '?', '\'', '"', '(', ')', '’').ToLowerInvariant();
        if (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }
        if (w.Length > 4 && w.EndsWith("sses", StringComparison.Ordinal))
        {
            return w[..^2];
        }
        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w[..^1];
        }
        return w;
    }

    private static bool IsEnglish(string part) => part.Length > 0 && part.Any(char.IsAsciiLetter) && part.All(c => c < 0x250);

    /// <summary>
    /// The parts of a query with glossary phrases joined into one part and the Chinese terms each stands for (empty for
    /// a part that is not in the glossary). English question words are dropped when the query holds a glossary term.
    /// Quoted parts are left as typed.
    /// </summary>
    public static IReadOnlyList<(string Part, bool Quoted, string[] Chinese)> Group(IReadOnlyList<(string Part, bool Quoted)> parts)
    {
        var grouped = new List<(string Part, bool Quoted, string[] Chinese)>(parts.Count);
        for (var i = 0; i < parts.Count;)
        {
            var matched = 0;
            string[] chinese = [];
            for (var n = Math.Min(LongestPhrase, parts.Count - i); n > 0 && matched == 0; n--)
            {
                var words = parts.Skip(i).Take(n).ToList();
                if (words.Any(p => p.Quoted || !IsEnglish(p.Part)))
                {
                    continue;
                }
                if (ByWords.TryGetValue(string.Join(' ', words.Select(p => Normalize(p.Part))), out var found))
                {
                    (matched, chinese) = (n, found);
                }
            }
            if (matched == 0)
            {
                grouped.Add((parts[i].Part, parts[i].Quoted, []));
                i++;
                continue;
            }
            grouped.Add((string.Join(' ', parts.Skip(i).Take(matched).Select(p => p.Part)), false, chinese));
            i += matched;
        }
        if (grouped.Any(g => g.Chinese.Length > 0))
        {
            grouped.RemoveAll(g => !g.Quoted && g.Chinese.Length == 0 && IsEnglish(g.Part) && QuestionWords.Contains(Normalize(g.Part)));
        }
        return grouped;
    }
}
