using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.DependencyInjection;
using Portal.Search.Index;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>An index left on disk by a version with another analyzer is rebuilt when the new version starts.</summary>
public sealed class SearchUpgradeTests
{
    private static readonly Dictionary<string, string?> Setup = new() { ["Portal:Recipe"] = "setup" };

    [Fact]
    public async Task IndexWrittenByTheBigramOnlyAnalyzer_IsRebuiltOnStart_AndThenFindsOneCharacter()
    {
        var data = TempDirectory.Create("search-upgrade");
        using (var first = new PortalFactory(data, Setup))
        {
            var client = first.CreateClient();
            await first.Services.GetRequiredService<SearchIndex>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, await TotalAsync(client, "药"));
            var staff = first.ApiClient(await first.TokenForAsync("admin"));
            var created = await staff.PostAsJsonAsync("/api/v1/admin/documents", new
            {
                sectionSlug = "news", title = "全市药店专项检查结果通报", slug = "pharmacy-checks", issuingBody = "锦城市市场监督管理局",
                validity = "InForce", bodyMarkdown = "本次共检查零售药店 120 家。",
            });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.True((await staff.PostAsJsonAsync($"/api/v1/admin/documents/{id}/publish", new { })).IsSuccessStatusCode);
            Assert.True(await WithinAsync(TimeSpan.FromSeconds(5), async () => await TotalAsync(client, "药店") == 1), "the document was not indexed");
        }

        // What the previous version left: the same documents analysed into bigrams only, and no format in the commit.
        var location = new IndexLocation(Path.Combine(data, "search"));
        var old = location.ReadCurrent()!;
        var oldCommit = LegacyIndex.Rewrite(location.PathOf(old));
        Assert.False(oldCommit.ContainsKey("format"));

        using var upgraded = new PortalFactory(data, Setup);
        var after = upgraded.CreateClient();
        var index = upgraded.Services.GetRequiredService<SearchIndex>();
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(20), async () => await TotalAsync(after, "药") == 1 && index.Current.Name != old),
            "the old index was not rebuilt");
        Assert.False(index.Current.IsOutdated);
        Assert.Equal(1, await TotalAsync(after, "药店"));
        Assert.True(await WithinAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(!System.IO.Directory.Exists(location.PathOf(old)))),
            "the old index directory was kept");
    }

    private static async Task<int> TotalAsync(HttpClient client, string query)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString(query));
        return json.GetProperty("total").GetInt32();
    }

    private static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return await condition();
    }

    /// <summary>The index shape and analyzer of format 1, as the search module wrote them before the character fields.</summary>
    private static class LegacyIndex
    {
        public static IDictionary<string, string> Rewrite(string path)
        {
            using var directory = FSDirectory.Open(path);
            var documents = new List<Document>();
            IDictionary<string, string> commit;
            using (var reader = DirectoryReader.Open(directory))
            {
                commit = new Dictionary<string, string>(reader.IndexCommit.UserData);
                for (var i = 0; i < reader.MaxDoc; i++)
                {
                    documents.Add(reader.Document(i));
                }
            }
            commit.Remove("format");
            using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new BigramAnalyzer()) { OpenMode = OpenMode.CREATE });
            foreach (var stored in documents)
            {
                var ticks = stored.GetField("date").GetInt64Value() ?? 0;
                var document = new Document
                {
                    new StringField("id", stored.Get("id"), Field.Store.YES),
                    new TextField("title", stored.Get("title"), Field.Store.YES),
                    new TextField("body", stored.Get("body"), Field.Store.YES),
                    new StoredField("url", stored.Get("url")),
                    new Int64Field("date", ticks, Field.Store.YES),
                    new NumericDocValuesField("date", ticks),
                };
                foreach (var facet in new[] { "type", "section", "status", "year" })
                {
                    if (stored.Get(facet) is { } value)
                    {
                        document.Add(new StringField(facet, value, Field.Store.YES));
                        document.Add(new SortedDocValuesField(facet, new BytesRef(value)));
                    }
                }
                writer.AddDocument(document);
            }
            writer.SetCommitData(commit);
            writer.Commit();
            return commit;
        }

        private sealed class BigramAnalyzer : Analyzer
        {
            protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
            {
                var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader) { MaxTokenLength = 64 };
                TokenStream stream = new CJKWidthFilter(tokenizer);
                stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
                stream = new CJKBigramFilter(stream);
                stream = new StopFilter(LuceneVersion.LUCENE_48, stream, EnglishAnalyzer.DefaultStopSet);
                stream = new PorterStemFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }
        }
    }
}
