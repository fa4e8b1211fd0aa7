using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Portal.Search.Index;

/// <summary>
/// One analyzer for mixed Chinese and English text. The standard tokenizer splits Han text into single ideographs;
/// the CJK bigram filter joins each run into overlapping bigrams (营业执照 → 营业 业执 执照), so any word of two or
/// more characters matches as a phrase of bigrams. Latin words are lower-cased, stop words dropped and Porter-stemmed
/// (consultations → consult). Full-width letters and half-width katakana are folded first.
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader) { MaxTokenLength = 64 };
        TokenStream stream = new CJKWidthFilter(tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
