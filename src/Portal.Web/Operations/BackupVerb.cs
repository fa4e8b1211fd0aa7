using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Core;
using Portal.Core.Data;
using Portal.Web.Hosting;

namespace Portal.Web.Operations;

/// <summary>
/// <c>backup &lt;file&gt;</c>: the database (online: the site may keep running), then the uploads folder, into one
/// archive with a manifest. <c>restore &lt;file&gt; [--force]</c>: checks every file's SHA-256, refuses a site that
/// already holds data unless forced, puts back the database and the uploads, applies any newer migrations and
/// rebuilds the search index. The search index and the mail pickup folder are not backed up: both are rebuilt or
/// transient.
/// </summary>
internal static class BackupVerb
{
    public static async Task<int> BackupAsync(IServiceProvider services, string file, CancellationToken cancellationToken)
    {
        var paths = services.GetRequiredService<PortalPaths>();
        var dump = DatabaseDumps.For(services.GetRequiredService<IConfiguration>(), paths);
        var archive = Path.GetFullPath(file);
        var directory = Path.GetDirectoryName(archive)!;
        if (!Directory.Exists(directory))
        {
            throw new BackupException($"The folder {directory} does not exist.");
        }
        // Not while a restore is replacing what would be copied: on this machine (the data directory's lock) or, on
        // PostgreSQL, on any (the database's); a restore started meanwhile waits for this backup the same way.
        using var directoryLock = SiteLock.TryShared(paths, out _)
            ?? throw new BackupException($"A restore is running on the data directory {paths.DataDirectory}; back up when it has finished.");
        await using var databaseLock = await PostgresSiteLock.TryForVerbAsync(services.GetRequiredService<IConfiguration>(), restore: false);
        var watch = Stopwatch.StartNew();
        var created = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var staging = Path.Combine(directory, $".{Path.GetFileName(archive)}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(staging, "database"));
            // Database first, then uploads: a file is written before the row that names it commits, so every
            // attachment in the dump finds its file in the copy.
            await dump.DumpAsync(Path.Combine(staging, "database", dump.FileName), cancellationToken);
            var uploads = CopyUploads(paths.Uploads, Path.Combine(staging, "uploads"));
            var partial = archive + ".partial";
            var manifest = await BackupArchive.WriteAsync(partial, staging, dump.Provider, created, cancellationToken);
            File.Move(partial, archive, overwrite: true);
            var database = manifest.Files.Single(f => f.Path.StartsWith("database/", StringComparison.Ordinal));
            Console.WriteLine($"Backed up the {dump.Provider} database ({database.Bytes / 1024.0 / 1024:0.0} MB) and {uploads} uploaded files to {archive} " +
                $"({new FileInfo(archive).Length / 1024.0 / 1024:0.0} MB) in {watch.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
        finally
        {
            DeleteQuietly(staging);
            if (File.Exists(archive + ".partial"))
            {
                File.Delete(archive + ".partial");
            }
        }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string file, bool force, CancellationToken cancellationToken)
    {
        var paths = services.GetRequiredService<PortalPaths>();
        var dump = DatabaseDumps.For(services.GetRequiredService<IConfiguration>(), paths);
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(paths.DataDirectory);
        var staging = Path.Combine(paths.DataDirectory, $".restore-{Guid.NewGuid():N}");
        // Held from the checked archive to the rebuilt index: no node, on any machine, runs on the database meanwhile.
        PostgresSiteLock? exclusive = null;
        try
        {
            try
            {
                var manifest = await BackupArchive.ExtractAsync(Path.GetFullPath(file), staging, cancellationToken);
                if (!string.Equals(manifest.Provider, dump.Provider, StringComparison.OrdinalIgnoreCase))
                {
                    throw new BackupException($"{file} is a backup of a {manifest.Provider} site, but this site is configured for {dump.Provider} (Portal:Database:Provider).");
                }
                exclusive = await PostgresSiteLock.TryForVerbAsync(services.GetRequiredService<IConfiguration>(), restore: true);
                var occupied = await dump.DescribeContentsAsync(cancellationToken)
                    ?? (Directory.Exists(paths.Uploads) && Directory.EnumerateFileSystemEntries(paths.Uploads).Any() ? $"the folder {paths.Uploads} holds files" : null);
                if (occupied is not null && !force)
                {
                    throw new BackupException($"The site is not empty: {occupied}. A restore replaces everything; stop the site and run again with --force to overwrite it.");
                }
                var databaseFile = manifest.Files.Single(f => f.Path.StartsWith("database/", StringComparison.Ordinal));
                await dump.RestoreAsync(Path.Combine(staging, databaseFile.Path), cancellationToken);
                DeleteQuietly(paths.Uploads);
                var uploads = Path.Combine(staging, "uploads");
                if (Directory.Exists(uploads))
                {
                    Directory.Move(uploads, paths.Uploads);
                }
                else
                {
                    Directory.CreateDirectory(paths.Uploads);
                }
                Console.WriteLine($"Restored the {manifest.Provider} database and {manifest.Files.Count - 1} uploaded files from a backup of {manifest.CreatedUtc:u}; every file matched its SHA-256.");
            }
            finally
            {
                DeleteQuietly(staging);
            }
            using (var scope = services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<PortalDb>().Database.MigrateAsync(cancellationToken);
            }
            using (var scope = services.CreateScope())
            {
                var reindexed = await SearchVerb.ReindexAsync(scope.ServiceProvider);
                Console.WriteLine($"Restore finished in {watch.Elapsed.TotalSeconds:0.0} s.");
                return reindexed;
            }
        }
        finally
        {
            if (exclusive is not null)
            {
                await exclusive.DisposeAsync();
            }
        }
    }

    private static int CopyUploads(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return 0;
        }
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Copy(path, target);
                count++;
            }
            catch (FileNotFoundException)
            {
                // Removed while the backup ran; the database copy was taken before, so a row may still name it.
            }
        }
        return count;
    }

    private static void DeleteQuietly(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
