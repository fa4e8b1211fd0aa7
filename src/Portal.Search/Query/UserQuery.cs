using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// What a person typed, turned into a Lucene query without Lucene's query syntax: every character is text, so
/// <c>AND</c>, <c>*</c>, <c>:</c> or an unbalanced quote can never make parsing fail. Quoted parts are phrases; every
/// other word must match: a term, one Han character inside any word (the character fields), or a Chinese run as its
/// bigrams, in order for the best score and otherwise most of them (<see cref="Required"/>). Question words are
/// dropped and everyday wording also searches the official one (<see cref="CitizenWording"/>), English words the bureau's
/// Chinese terms (<see cref="EnglishGlossary"/>). A match in the title
/// counts three times as much as one in the body. <see cref="Looser"/> asks for fewer of each run's bigrams (or only its
/// characters), for a second try when the query finds nothing.
/// </summary>
public sealed class UserQuery
{
    public const int MaxLength = 200;
    private const int MaxParts = 16;
    private const float TitleBoost = 3f;
    private const float PhraseBoost = 2f;

    /// <summary>The official wording weighs a little less than the words the person typed, where both match.</summary>
    private const float RewriteWeight = 0.8f;

    /// <summary>A document whose own number was typed comes before every document that only quotes it.</summary>
    private const float OwnNumberBoost = 1000f;

    /// <summary>Runs of up to this many Han characters may match by their characters alone in the looser query.</summary>
    private const int MaxCharactersAlone = 4;

    private UserQuery(string text, Lucene.Net.Search.Query? query, Lucene.Net.Search.Query? looser, IReadOnlySet<string> terms)
    {
        Text = text;
        Query = query;
        Looser = looser;
        Terms = terms;
    }

    /// <summary>The cleaned text, as shown back to the person.</summary>
    public string Text { get; }

    /// <summary>Null when nothing searchable remains (empty, or only stop words and punctuation).</summary>
    public Lucene.Net.Search.Query? Query { get; }

    /// <summary>A query that matches more loosely than <see cref="Query"/>; null when there is no looser form.</summary>
    public Lucene.Net.Search.Query? Looser { get; }

    /// <summary>The analyzed terms, for highlighting.</summary>
    public IReadOnlySet<string> Terms { get; }

    public static UserQuery Parse(string? input, Analyzer analyzer)
    {
        var text = Clean(input);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var strict = new BooleanQuery();
        var loose = new BooleanQuery();
        var anyLooser = false;
        foreach (var (part, quoted, chinese) in EnglishGlossary.Group(Split(text).Take(MaxParts).ToList()))
        {
            var strictPart = new List<Lucene.Net.Search.Query>();
            var loosePart = new List<Lucene.Net.Search.Query>();
            IEnumerable<(string Wording, float Weight)> wordings = quoted
                ? [(part, 1f)]
                : [(part, 1f), .. CitizenWording.Rewrites(part).Select(r => (r, RewriteWeight)), .. chinese.Select(c => (c, RewriteWeight))];
            foreach (var (wording, weight) in wordings)
            {
                var segments = (quoted ? [wording] : CitizenWording.Topics(wording))
                    .Select(t => Analyze(analyzer, t)).Where(t => t.Count > 0).ToList();
                if (segments.Count == 0)
                {
                    continue;
                }
                terms.UnionWith(segments.SelectMany(t => t).Select(t => t.Term));
                var (exact, looser) = quoted ? (Phrase(segments[0]), (Lucene.Net.Search.Query?)null) : Words(segments);
                exact.Boost = weight;
                strictPart.Add(exact);
                if (looser is not null)
                {
                    looser.Boost = weight;
                    anyLooser = true;
                }
                loosePart.Add(looser ?? exact);
            }
            if (strictPart.Count == 0)
            {
                continue;
            }
            strict.Add(AnyOf(strictPart), Occur.MUST);
            loose.Add(AnyOf(loosePart), Occur.MUST);
        }
        if (strict.Clauses.Count == 0)
        {
            return new UserQuery(text, null, null, terms);
        }
        return DocumentNumbers.Normalize(text) is { } number
            ? new UserQuery(text, OrNumber(strict, number), anyLooser ? OrNumber(loose, number) : null, terms)
            : new UserQuery(text, strict, anyLooser ? loose : null, terms);
    }

    /// <summary>The words, or the document number typed (with any brackets) as the document's own number.</summary>
    private static BooleanQuery OrNumber(Lucene.Net.Search.Query words, string number) => new()
    {
        { words, Occur.SHOULD },
        { new TermQuery(new Term(ItemDocument.DocumentNumberKey, number)) { Boost = OwnNumberBoost }, Occur.SHOULD },
    };

    /// <summary>
    /// How many of a part's distinct Chinese bigrams must match. Three characters (two bigrams) need one, so 个体户
    /// finds 个体工商户; four need two of three (举报电话: 举报 and 电话); longer runs three in five.
    /// </summary>
    internal static int Required(int distinct) => distinct switch
    {
        <= 2 => 1,
        <= 4 => distinct - 1,
        _ => (int)Math.Ceiling(distinct * 0.6),
    };

    /// <summary>The looser count for Chinese bigrams: two in five.</summary>
    internal static int RequiredWhenLoose(int distinct) => Math.Max(1, (int)Math.Ceiling(distinct * 0.4));

    /// <summary>
    /// Other tokens of one part (a receipt number YJ-2026-000013, a hyphenated word, the year in a document number)
    /// are identifiers more than words: three in four must match, in the looser query too.
    /// </summary>
    internal static int RequiredOther(int distinct) => Math.Max(1, (int)Math.Ceiling(distinct * 0.75));

    private static Lucene.Net.Search.Query AnyOf(List<Lucene.Net.Search.Query> alternatives)
    {
        if (alternatives.Count == 1)
        {
            return alternatives[0];
        }
        var any = new BooleanQuery();
        foreach (var alternative in alternatives)
        {
            any.Add(alternative, Occur.SHOULD);
        }
        return any;
    }

    /// <summary>A quoted part: its tokens in order (one Han character: anywhere in a word).</summary>
    private static Lucene.Net.Search.Query Phrase(List<(string Term, int Position)> tokens)
    {
        if (IsOneCharacter(tokens))
        {
            return Fields(f => new TermQuery(new Term(f, tokens[0].Term)), characters: true);
        }
        return Fields(f => PhraseOf(f, tokens), characters: false);
    }

    /// <summary>An unquoted part (its topic segments): the query, and a looser one or null when there is none.</summary>
    private static (Lucene.Net.Search.Query Exact, Lucene.Net.Search.Query? Looser) Words(List<List<(string Term, int Position)>> segments)
    {
        var distinct = segments.SelectMany(s => s).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        if (segments.Count == 1 && IsOneCharacter(segments[0]))
        {
            return (Fields(f => new TermQuery(new Term(f, distinct[0])), characters: true), null);
        }
        var han = distinct.Where(t => t.All(IsHan)).ToList();
        var other = distinct.Where(t => !t.All(IsHan)).ToList();
        var characters = other.Count == 0 ? han.SelectMany(t => t).Distinct().ToList() : [];
        var alone = characters.Count is > 1 and <= MaxCharactersAlone
            ? Fields(f => AllOf(f, characters.Select(c => c.ToString())), characters: true)
            : null;
        if (distinct.Count == 1)
        {
            return (Fields(f => new TermQuery(new Term(f, distinct[0])), characters: false), alone);
        }
        var exact = Fields(f => MostOf(f, segments, han, Required(han.Count), other), characters: false);
        if (RequiredWhenLoose(han.Count) == Required(han.Count) && alone is null)
        {
            return (exact, null);
        }
        var looser = RequiredWhenLoose(han.Count) < Required(han.Count)
            ? Fields(f => MostOf(f, segments, han, RequiredWhenLoose(han.Count), other), characters: false)
            : exact;
        return (exact, alone is null ? looser : AnyOf([looser, alone]));
    }

    /// <summary>The title and the body (or their character fields), the title counting three times.</summary>
    private static Lucene.Net.Search.Query Fields(Func<string, Lucene.Net.Search.Query> build, bool characters)
    {
        var title = build(characters ? ItemDocument.TitleChars : ItemDocument.Title);
        title.Boost *= TitleBoost;
        return new DisjunctionMaxQuery(0.1f) { title, build(characters ? ItemDocument.BodyChars : ItemDocument.Body) };
    }

    /// <summary>Enough of the Chinese bigrams and of the other tokens, and a bonus for each segment found as a phrase.</summary>
    private static Lucene.Net.Search.Query MostOf(
        string field, List<List<(string Term, int Position)>> segments, List<string> han, int required, List<string> other)
    {
        var query = new BooleanQuery();
        foreach (var (terms, count) in new[] { (han, required), (other, RequiredOther(other.Count)) }.Where(g => g.Item1.Count > 0))
        {
            var most = new BooleanQuery { MinimumNumberShouldMatch = count };
            foreach (var term in terms)
            {
                // A lone Han character beside a number (号 in 5号) is a bigram in the text (5号修改: 号修): its character field.
                var lone = term.Length == 1 && IsHan(term[0]);
                most.Add(new TermQuery(new Term(lone ? CharactersOf(field) : field, term)), Occur.SHOULD);
            }
            query.Add(most, Occur.MUST);
        }
        foreach (var segment in segments.Where(s => s.Count > 1))
        {
            var phrase = PhraseOf(field, segment);
            phrase.Boost = PhraseBoost;
            query.Add(phrase, Occur.SHOULD);
        }
        return query;
    }

    private static string CharactersOf(string field) => field == ItemDocument.Title ? ItemDocument.TitleChars : ItemDocument.BodyChars;

    private static BooleanQuery AllOf(string field, IEnumerable<string> terms)
    {
        var all = new BooleanQuery();
        foreach (var term in terms)
        {
            all.Add(new TermQuery(new Term(field, term)), Occur.MUST);
        }
        return all;
    }

    private static Lucene.Net.Search.Query PhraseOf(string field, List<(string Term, int Position)> tokens)
    {
        // A lone Han character at either end (号 after the 5 of 5号) stands alone in the query, but in the text it forms
        // a bigram with the character beside it (5号修改: 号修), so it is left out of the phrase.
        while (tokens.Count > 1 && IsOneCharacter([tokens[^1]]))
        {
            tokens = tokens[..^1];
        }
        while (tokens.Count > 1 && IsOneCharacter([tokens[0]]))
        {
            tokens = tokens[1..];
        }
        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0].Term));
        }
        var phrase = new PhraseQuery();
        foreach (var (term, position) in tokens)
        {
            phrase.Add(new Term(field, term), position);
        }
        return phrase;
    }

    /// <summary>Trims, cuts to <see cref="MaxLength"/>, and drops control characters and unpaired surrogates.</summary>
    public static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }
        var builder = new StringBuilder(Math.Min(input.Length, MaxLength));
        for (var i = 0; i < input.Length && builder.Length < MaxLength; i++)
        {
            var c = input[i];
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                if (builder.Length + 2 > MaxLength)
                {
                    break;
                }
                builder.Append(c).Append(input[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || c is '\uFFFE' or '\uFFFF')
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return string.Join(' ', builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Quoted parts (a missing closing quote ends at the end) and single words; “” and 「」 count as quotes.</summary>
    internal static IEnumerable<(string Part, bool Quoted)> Split(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '"' or '“' or '”' or '「' or '」')
            {
                var end = text.IndexOfAny(['"', '“', '”', '「', '」'], i + 1);
                if (end < 0)
                {
                    end = text.Length;
                }
                yield return (text[(i + 1)..end], true);
                i = end + 1;
                continue;
            }
            var stop = i;
            while (stop < text.Length && !char.IsWhiteSpace(text[stop]) && text[stop] is not ('"' or '“' or '”' or '「' or '」'))
            {
                stop++;
            }
            yield return (text[i..stop], false);
            i = stop;
        }
    }

    /// <summary>A part that is one Han character (药, 价): it is matched inside any word on the character fields.</summary>
    internal static bool IsOneCharacter(List<(string Term, int Position)> tokens) =>
        tokens.Count == 1 && tokens[0].Term.Length == 1 && IsHan(tokens[0].Term[0]);

    internal static bool IsHan(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    internal static List<(string Term, int Position)> Analyze(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(ItemDocument.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position));
        }
        stream.End();
        return tokens;
    }
}
