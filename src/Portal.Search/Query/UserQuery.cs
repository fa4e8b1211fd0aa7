using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Search.Index;

namespace Portal.Search.Query;

/// <summary>
/// What a person typed, turned into a Lucene query without Lucene's query syntax: every character is text, so
/// <c>AND</c>, <c>*</c>, <c>:</c> or an unbalanced quote can never make parsing fail. Quoted parts are phrases;
/// every other word must match (as a term, or for a Chinese run as its bigrams in order, with a looser fallback).
/// A match in the title counts three times as much as one in the body.
/// </summary>
public sealed class UserQuery
{
    public const int MaxLength = 200;
    private const int MaxParts = 16;
    private const float TitleBoost = 3f;

    private UserQuery(string text, Lucene.Net.Search.Query? query, IReadOnlySet<string> terms)
    {
        Text = text;
        Query = query;
        Terms = terms;
    }

    /// <summary>The cleaned text, as shown back to the person.</summary>
    public string Text { get; }

    /// <summary>Null when nothing searchable remains (empty, or only stop words and punctuation).</summary>
    public Lucene.Net.Search.Query? Query { get; }

    /// <summary>The analyzed terms, for highlighting.</summary>
    public IReadOnlySet<string> Terms { get; }

    public static UserQuery Parse(string? input, Analyzer analyzer)
    {
        var text = Clean(input);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var all = new BooleanQuery();
        foreach (var (part, quoted) in Split(text).Take(MaxParts))
        {
            var tokens = Analyze(analyzer, part);
            if (tokens.Count == 0)
            {
                continue;
            }
            terms.UnionWith(tokens.Select(t => t.Term));
            var oneCharacter = IsOneCharacter(tokens);
            var either = new DisjunctionMaxQuery(0.1f)
            {
                Build(oneCharacter ? ItemDocument.TitleChars : ItemDocument.Title, tokens, quoted, TitleBoost),
                Build(oneCharacter ? ItemDocument.BodyChars : ItemDocument.Body, tokens, quoted, 1f),
            };
            all.Add(either, Occur.MUST);
        }
        return new UserQuery(text, all.Clauses.Count == 0 ? null : all, terms);
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

    private static Lucene.Net.Search.Query Build(string field, List<(string Term, int Position)> tokens, bool quoted, float boost)
    {
        Lucene.Net.Search.Query query;
        if (tokens.Count == 1)
        {
            query = new TermQuery(new Term(field, tokens[0].Term));
        }
        else
        {
            var phrase = new PhraseQuery();
            foreach (var (term, position) in tokens)
            {
                phrase.Add(new Term(field, term), position);
            }
            if (quoted)
            {
                query = phrase;
            }
            else
            {
                // An unquoted run like 办理营业执照 also matches text that has most of its bigrams, not only the exact run.
                var distinct = tokens.Select(t => t.Term).Distinct().ToList();
                var loose = new BooleanQuery { MinimumNumberShouldMatch = Math.Max(1, (int)Math.Ceiling(distinct.Count * 0.75)) };
                foreach (var term in distinct)
                {
                    loose.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
                }
                phrase.Boost = 2f;
                query = new BooleanQuery { { phrase, Occur.SHOULD }, { loose, Occur.SHOULD } };
            }
        }
        query.Boost = boost;
        return query;
    }
}
