using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Content;
using Portal.Search.Index;
using Portal.Search.Query;

// Usage: dotnet run -c Release --project tests/bench/SearchBench -- <content-seed dir> [items] [queries per class]
var seed = args.Length > 0 ? args[0] : "content-seed";
var items = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var perClass = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
var random = new Random(42);

// Vocabulary from the demo content: Chinese runs cut into 2–4 character words, and English words.
var text = string.Join('\n', Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
var han = Regex.Matches(text, "\\p{IsCJKUnifiedIdeographs}{2,}").Select(m => m.Value).ToList();
var chinese = han.SelectMany(run => Enumerable.Range(0, Math.Max(1, run.Length - 1)).Select(i => run.Substring(i, Math.Min(run.Length - i, 2 + (i % 3)))))
    .Where(w => w.Length >= 2).Distinct().ToArray();
var english = Regex.Matches(text, "\\b[A-Za-z]{3,}\\b").Select(m => m.Value.ToLowerInvariant()).Distinct().ToArray();
if (english.Length < 200)
{
    english = [.. english, .. "public consultation decision draft comment response adopted rejected hearing statement license permit food safety market supervision registration enterprise fee standard service guide bureau notice regulation policy disclosure complaint inspection price quality certificate renewal application material deadline period article outcome report".Split(' ')];
}
Console.WriteLine($"Vocabulary: {chinese.Length} Chinese words, {english.Length} English words from {seed}");

// Words of some generated items, in order, so multi-term queries and phrases ask for what the corpus holds.
var samples = new List<List<string>>();
List<string>? sampling = null;

string Sentence(int words)
{
    var b = new StringBuilder();
    for (var i = 0; i < words; i++)
    {
        if (random.NextDouble() < 0.8)
        {
            var w = chinese[random.Next(chinese.Length)];
            b.Append(w);
            sampling?.Add(w);
            if (random.NextDouble() < 0.15) b.Append('，');
        }
        else
        {
            var w = english[random.Next(english.Length)];
            b.Append(' ').Append(w).Append(' ');
            sampling?.Add(w);
        }
    }
    return b.Append('。').ToString();
}

string[] types = ["document", "guide", "fee", "consultation", "comment"];
string[] sections = ["about", "policies", "guides", "licensing", "fees", "news", "decisions", "complaints"];
var root = Path.Combine(Path.GetTempPath(), "portal-search-bench-" + Guid.NewGuid().ToString("N")[..8]);
var location = new IndexLocation(root);
using var index = new SearchIndex(location, NullLogger<SearchIndex>.Instance);
index.Open();
var generation = index.Current;
var threads = Environment.GetEnvironmentVariable("BENCH_THREADS") is { } threadCount ? int.Parse(threadCount, CultureInfo.InvariantCulture) : BulkIndexer.DefaultThreads;
var watch = Stopwatch.StartNew();
var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
var generating = TimeSpan.Zero;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
// The corpus is generated on this thread while the indexer's threads index it, as the reindex reads the database.
var indexer = new BulkIndexer(generation.Writer, threads);
for (var n = 0; n < items; n++)
{
    var t0 = Stopwatch.GetTimestamp();
    sampling = n % 97 == 0 ? [] : null;
    var body = string.Join("", Enumerable.Range(0, 3 + random.Next(12)).Select(_ => Sentence(8 + random.Next(20))));
    var item = new PublicItem("bench", n.ToString(CultureInfo.InvariantCulture), types[n % types.Length], Sentence(4 + random.Next(6)).TrimEnd('。'), body,
        $"/bench/{n}", start.AddMinutes(n * 37 % 3_000_000), sections[n % sections.Length], n % 3 == 0 ? "in-force" : "adopted")
    {
        // Comments are part of a consultation's page, 100 to each, so that results collapse and facets count them as on the
        // site; their sections and statuses vary more than a consultation's comments do, which makes counting them dearer.
        PartOf = types[n % types.Length] == "comment" ? $"consultations/c{n / 500}" : null,
    };
    if (sampling is { Count: > 8 })
    {
        samples.Add(sampling);
    }
    generating += Stopwatch.GetElapsedTime(t0);
    await indexer.AddAsync(item, CancellationToken.None);
}
await indexer.CompleteAsync();
var added = watch.Elapsed;
// As the reindex verb, whose writer waits for its merges before the new directory goes live.
generation.Writer.WaitForMerges();
index.MarkBuilt(generation, 0, DateTimeOffset.UtcNow);
generation.Manager.MaybeRefreshBlocking();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Console.WriteLine($"Indexing threads: {threads}; generating the corpus took {generating.TotalSeconds:0.0} s of the producer thread; "
    + $"all added after {added.TotalSeconds:0.0} s, merges and commit {(watch.Elapsed - added).TotalSeconds:0.0} s; CPU time {cpu.TotalSeconds:0.0} s, "
    + $"GC pause {GC.GetTotalPauseDuration().TotalSeconds:0.0} s, allocated {GC.GetTotalAllocatedBytes() / 1048576} MB");
var seconds = watch.Elapsed.TotalSeconds;
var size = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"Indexed {items} items in {seconds:0.0} s ({items / seconds:0} items/s, incl. commit and merge); index {size / 1048576.0:0} MB on disk");

var search = new SearchService(index);
List<string> Sample() => samples[random.Next(samples.Count)];
string Word() => Words(1);
string Words(int count)
{
    var words = Sample();
    return string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Count)]));
}
string Phrase()
{
    var words = Sample();
    var at = random.Next(words.Count - 1);
    return $"\"{words[at]} {words[at + 1]}\"";
}
string Character()
{
    // One Han character of a sampled word: matched on the character fields, whose postings are the longest.
    var word = Sample().Where(w => w.Length > 1 && UserQuery.IsHan(w[0])).DefaultIfEmpty("价").First();
    return word[random.Next(word.Length)].ToString();
}
var classes = new (string Name, Func<string> Make)[]
{
    ("1 term", Word),
    ("2 terms", () => Words(2)),
    ("4 terms", () => Words(4)),
    ("phrase (2 words)", Phrase),
    ("1 term + filter + date", () => Word()),
    ("1 character", Character),
};
for (var warm = 0; warm < 200; warm++)
{
    search.Search(new SearchRequest(Word()));
}
foreach (var (name, make) in classes)
{
    var times = new List<double>();
    var hits = 0L;
    for (var i = 0; i < perClass; i++)
    {
        var request = name.Contains("filter", StringComparison.Ordinal) ? new SearchRequest(make(), Type: "document", Sort: "date") : new SearchRequest(make());
        var t = Stopwatch.GetTimestamp();
        var result = search.Search(request);
        times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        hits += result.Total;
    }
    times.Sort();
    double P(double p) => times[Math.Min(times.Count - 1, (int)(p * times.Count))];
    Console.WriteLine($"{name,-22} p50 {P(0.50),6:0.00} ms  p95 {P(0.95),6:0.00} ms  p99 {P(0.99),6:0.00} ms  (mean hits {hits / perClass})");
}
using var process = Process.GetCurrentProcess();
process.Refresh();
Console.WriteLine($"Memory: managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MB, working set {process.WorkingSet64 / 1048576.0:0} MB, peak {process.PeakWorkingSet64 / 1048576.0:0} MB");
index.Dispose();
Directory.Delete(root, true);
