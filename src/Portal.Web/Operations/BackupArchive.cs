using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Portal.Web.Operations;

/// <summary>What a backup holds: one file each with its size and SHA-256, so a restore can prove nothing was damaged.</summary>
internal sealed record BackupManifest(string Format, int FormatVersion, string Provider, DateTimeOffset CreatedUtc, IReadOnlyList<BackupFile> Files)
{
    public const string FormatName = "portal-backup";
    public const int CurrentVersion = 1;
}

internal sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>A refusal of the backup or restore verb: the message says what is wrong and what to do.</summary>
internal sealed class BackupException(string message) : Exception(message);

/// <summary>
/// The backup file: a gzip-compressed tar archive whose first entry is <c>manifest.json</c>, then
/// <c>database/…</c> (the SQLite file or a pg_dump custom-format dump) and <c>uploads/…</c>.
/// </summary>
internal static class BackupArchive
{
    public const string ManifestName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Hashes every file under <paramref name="staging"/> and writes the archive, manifest first.</summary>
    public static async Task<BackupManifest> WriteAsync(string archive, string staging, string provider, DateTimeOffset createdUtc, CancellationToken cancellationToken)
    {
        var files = new List<BackupFile>();
        foreach (var path in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(new BackupFile(Path.GetRelativePath(staging, path).Replace('\\', '/'), new FileInfo(path).Length, await HashAsync(path, cancellationToken)));
        }
        var manifest = new BackupManifest(BackupManifest.FormatName, BackupManifest.CurrentVersion, provider, createdUtc, files);
        var manifestPath = Path.Combine(staging, ManifestName);
        await File.WriteAllBytesAsync(manifestPath, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), cancellationToken);
        await using (var output = new FileStream(archive, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
            {
                await tar.WriteEntryAsync(manifestPath, ManifestName, cancellationToken);
                foreach (var file in files)
                {
                    await tar.WriteEntryAsync(Path.Combine(staging, file.Path), file.Path, cancellationToken);
                }
            }
            output.Flush(flushToDisk: true);
        }
        return manifest;
    }

    /// <summary>Extracts into <paramref name="target"/> and checks every file against the manifest.</summary>
    public static async Task<BackupManifest> ExtractAsync(string archive, string target, CancellationToken cancellationToken)
    {
        if (!File.Exists(archive))
        {
            throw new BackupException($"No such backup file: {archive}");
        }
        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        var extracted = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var input = File.OpenRead(archive);
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }
                var name = entry.Name;
                var destination = Path.GetFullPath(Path.Combine(root, name));
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || name.Contains('\\') || Path.IsPathRooted(name) || !destination.StartsWith(root, StringComparison.Ordinal)
                    || !(name == ManifestName || name.StartsWith("database/", StringComparison.Ordinal) || name.StartsWith("uploads/", StringComparison.Ordinal))
                    || !extracted.Add(name))
                {
                    throw new BackupException($"{archive} is not a Portal backup: it holds an unexpected entry '{name}'.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await entry.ExtractToFileAsync(destination, overwrite: false, cancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new BackupException($"{archive} is not a Portal backup or is damaged (expected a .tar.gz written by the backup verb): {e.Message}");
        }
        if (!extracted.Remove(ManifestName))
        {
            throw new BackupException($"{archive} is not a Portal backup: it has no {ManifestName}.");
        }
        var manifest = await ReadManifestAsync(archive, Path.Combine(root, ManifestName), cancellationToken);
        foreach (var file in manifest.Files)
        {
            if (!extracted.Remove(file.Path))
            {
                throw new BackupException($"{archive} is incomplete: {file.Path} is listed in the manifest but missing.");
            }
            var path = Path.Combine(root, file.Path);
            if (new FileInfo(path).Length != file.Bytes || !string.Equals(await HashAsync(path, cancellationToken), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupException($"{archive} is damaged: {file.Path} does not match the SHA-256 in the manifest.");
            }
        }
        if (extracted.Count > 0)
        {
            throw new BackupException($"{archive} holds {extracted.First()}, which the manifest does not list.");
        }
        if (manifest.Files.Count(f => f.Path.StartsWith("database/", StringComparison.Ordinal)) != 1)
        {
            throw new BackupException($"{archive} is not a Portal backup: it must hold exactly one database file.");
        }
        return manifest;
    }

    private static async Task<BackupManifest> ReadManifestAsync(string archive, string path, CancellationToken cancellationToken)
    {
        BackupManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BackupException($"{archive}: {ManifestName} is not valid JSON ({e.Message}).");
        }
        if (manifest is null || manifest.Format != BackupManifest.FormatName || manifest.Files is null || manifest.Provider is null)
        {
            throw new BackupException($"{archive}: {ManifestName} is not a Portal backup manifest.");
        }
        if (manifest.FormatVersion != BackupManifest.CurrentVersion)
        {
            throw new BackupException($"{archive} has backup format version {manifest.FormatVersion}; this Portal reads version {BackupManifest.CurrentVersion}.");
        }
        return manifest;
    }

    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
