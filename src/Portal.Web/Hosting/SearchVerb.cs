using System.Diagnostics;
using Portal.Search.Index;

namespace Portal.Web.Hosting;

/// <summary><c>reindex</c>: a complete new index beside the one in use, then an atomic switch; running servers follow within a poll.</summary>
internal static class SearchVerb
{
    public static async Task<int> ReindexAsync(IServiceProvider services)
    {
        var reindexer = services.GetService<Reindexer>();
        if (reindexer is null)
        {
            Console.Error.WriteLine("The Search module is switched off.");
            return 1;
        }
        var watch = Stopwatch.StartNew();
        var (name, count) = await reindexer.RunAsync(new ConsoleProgress(Console.Out), CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine($"Reindexed {count} items into {name} in {watch.Elapsed.TotalSeconds:0.0} s; the index in use is now {name}.");
        return 0;
    }
}
