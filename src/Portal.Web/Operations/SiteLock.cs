using System.Globalization;
using Portal.Core;

namespace Portal.Web.Operations;

/// <summary>
/// Keeps <c>restore</c> and a running site apart. Every running site process holds a shared lock on
/// <c>portal.lock</c> in its data directory (several nodes sharing one directory hold it together); <c>restore</c>
/// takes it exclusively for its whole run. So a restore refuses to replace the database and uploads under a running
/// site (which would keep writing to the replaced files and lose those writes), and a site refuses to start while a
/// restore is under way. The locks are the operating system's advisory file locks (<c>flock</c>): they go when the
/// process ends, however it ends, so a crash never leaves the directory locked.
/// </summary>
internal sealed class SiteLock : IDisposable
{
    public const string FileName = "portal.lock";

    private readonly FileStream stream;

    private SiteLock(FileStream stream) => this.stream = stream;

    /// <summary>Taken by a site at start; null (and <paramref name="refusal"/> says why) while a restore runs.</summary>
    public static SiteLock? TryShared(PortalPaths paths, out string? refusal)
    {
        var held = TryOpen(paths, FileShare.ReadWrite);
        refusal = held is null
            ? $"A restore is running on the data directory {paths.DataDirectory}; start Portal again when it has finished."
            : null;
        return held;
    }

    /// <summary>Taken by <c>restore</c>; null (and <paramref name="refusal"/> says why) while any site runs on the directory.</summary>
    public static SiteLock? TryExclusive(PortalPaths paths, out string? refusal)
    {
        var held = TryOpen(paths, FileShare.None);
        refusal = held is null
            ? $"Portal is running on the data directory {paths.DataDirectory}{RunningProcesses(paths)}. A restore replaces the database and the uploads; stop every Portal process using this directory, then run the restore again."
            : null;
        // No site is running: the process ids recorded in the file are all stale.
        held?.stream.SetLength(0);
        return held;
    }

    /// <summary>
    /// Opens the lock file: <see cref="FileShare.None"/> takes an exclusive lock, any other sharing a shared one (.NET's
    /// file sharing on Linux and macOS). Null when the other kind is held by another process.
    /// </summary>
    private static SiteLock? TryOpen(PortalPaths paths, FileShare share)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        try
        {
            return new SiteLock(new FileStream(Path.Combine(paths.DataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, share));
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            // The lock is held the other way ("being used by another process"). A missing folder or a denied path is a
            // subclass or another exception, and is reported as what it is.
            return null;
        }
    }

    /// <summary>
    /// A site appends its process id, for the message of a refused restore (which lists those still alive). The file
    /// is emptied by every restore, and when it passes 4 KB.
    /// </summary>
    public void Record()
    {
        var line = System.Text.Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        if (stream.Length > 4096)
        {
            stream.SetLength(0);
        }
        stream.Seek(0, SeekOrigin.End);
        stream.Write(line);
        stream.Flush();
    }

    private static string RunningProcesses(PortalPaths paths)
    {
        try
        {
            using var reader = new FileStream(Path.Combine(paths.DataDirectory, FileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader);
            var alive = text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Directory.Exists($"/proc/{pid}"))
                .Distinct().ToList();
            return alive.Count == 0 ? "" : $" (process {string.Join(", ", alive)})";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => stream.Dispose();
}
