using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Portal.Search.Index;

/// <summary>
/// One analyzer for mixed Chinese and English text. The standard tokenizer splits Han text into single ideographs;
/// on the text fields the CJK bigram filter joins each run into overlapping bigrams (营业执照 → 营业 业执 执照), so any
/// word of two or more characters matches as a phrase of bigrams. Latin words are lower-cased, stop words dropped and
/// Porter-stemmed (consultations → consult). Full-width letters and half-width katakana are folded first.
/// The character fields (<see cref="ItemDocument.TitleChars"/>, <see cref="ItemDocument.BodyChars"/>) keep only the
/// single Han characters, so a one-character query (药, 价) can match 药品 or 价格 without the bigram fields losing their
/// precision for longer queries.
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// Changes whenever analysis or the indexed fields change. An index written under another format is rebuilt on
    /// start (<see cref="IndexUpdater"/>), since its terms no longer match what queries ask for.
    /// 1: bigrams only. 2: the character fields, the page an item is part of and the normalized document number.
    /// 3: hearings' registration statuses (registration_open, registration_closed) no longer share drafts' open and closed.
    /// </summary>
    public const string Format = "3";

    private static readonly string[] HanOnly = [StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC]];

    // The components differ by field, so they must not be reused across fields (the default strategy shares one set).
    public SearchAnalyzer()
        : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    public static bool IsCharacterField(string fieldName) => fieldName is ItemDocument.TitleChars or ItemDocument.BodyChars;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader) { MaxTokenLength = 64 };
        TokenStream stream = new CJKWidthFilter(tokenizer);
        if (IsCharacterField(fieldName))
        {
            return new TokenStreamComponents(tokenizer, new TypeTokenFilter(Version, stream, HanOnly, useWhiteList: true));
        }
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
