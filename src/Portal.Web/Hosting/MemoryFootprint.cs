using System.Runtime;
using System.Runtime.InteropServices;

namespace Portal.Web.Hosting;

/// <summary>
/// Keeps the resident memory of a node small on the small machines a bureau site runs on (goal: 300 MB under load).
/// </summary>
internal static class MemoryFootprint
{
    private const int MallocArenaMax = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <summary>
    /// glibc gives each thread that allocates natively (SQLite's page caches, OpenSSL) an arena of its own, up to eight
    /// per core, and freed memory stays in each; two arenas are plenty for a web node (the same as MALLOC_ARENA_MAX=2,
    /// set from inside so that <c>dotnet run</c> gets it too). Call before threads start.
    /// </summary>
    public static void LimitMallocArenas()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = mallopt(MallocArenaMax, 2);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune.
        }
    }

    /// <summary>
    /// Start-up (the model, migrations, and on a first start the demo import) leaves garbage and a grown heap behind;
    /// once the site is up, one compacting collection that gives the freed memory back to the system.
    /// </summary>
    public static void TrimAfterStart(IHostApplicationLifetime lifetime, TimeSpan delay) =>
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }));

    [DllImport("libc", EntryPoint = "mallopt")]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled for the whole project; two ints need no marshalling.
    private static extern int mallopt(int param, int value);
#pragma warning restore SYSLIB1054
}
