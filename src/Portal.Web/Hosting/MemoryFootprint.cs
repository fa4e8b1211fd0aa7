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

    /// <summary>
    /// Every <paramref name="every"/>, hands the native heap's free pages back to the system. SQLite's page caches and
    /// statements, and the runtime's own native allocations, are freed in the middle of glibc's heaps, where malloc
    /// keeps them: after a burst of comments the process held ~25 MB of such pages (measured: <c>malloc_trim(0)</c> from
    /// gdb took a site from 281 to 257 MB resident, all of it anonymous memory). A trim takes milliseconds.
    /// </summary>
    public static void TrimNativeHeapPeriodically(IHostApplicationLifetime lifetime, TimeSpan every)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                while (await timer.WaitForNextTickAsync(lifetime.ApplicationStopping))
                {
                    _ = malloc_trim(0);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc (e.g. musl): nothing to trim.
            }
        }));
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
#pragma warning disable SYSLIB1054 // as below
    private static extern int malloc_trim(nuint pad);
#pragma warning restore SYSLIB1054

    [DllImport("libc", EntryPoint = "mallopt")]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code enabled for the whole project; two ints need no marshalling.
    private static extern int mallopt(int param, int value);
#pragma warning restore SYSLIB1054
}
