using System.Security.Cryptography;
using System.Text.Json;
using Portal.Consultations.Public;
using Portal.Core;
using Portal.Core.Data;
using Portal.Web.Data;

namespace Portal.Web.Hosting;

/// <summary>
/// The open-data export without the site:
/// <list type="bullet">
/// <item><c>export &lt;consultation&gt; [--format csv|json] [--out &lt;file&gt;]</c>: one consultation's comments and
/// responses, the same bytes as its download links, to a file or to standard output;</item>
/// <item><c>export --all &lt;directory&gt;</c>: every public consultation in both formats, with an <c>index.json</c> that
/// lists each file's size and SHA-256, for an open-data platform to harvest.</item>
/// </list>
/// It reads the site's configuration (appsettings, environment, command line) and opens the database only: no web host,
/// search index, mail or jobs. So it runs beside a running site, or from cron, in a fraction of the site's memory, and
/// rows are written as the database returns them. Files are written beside their target and moved over it when
/// complete, so a harvester never reads half a file.
/// </summary>
internal static class ExportVerb
{
    private const string Usage = "Usage: export <consultation> [--format csv|json] [--out <file>] | export --all <directory>";

    private sealed record Request(string? Slug, string? AllDirectory, OpenDataFormat Format, string? Output, string[] ConfigurationArgs);

    public static async Task<int> RunAsync(string[] args)
    {
        var (request, error) = Parse(args);
        if (request is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        IConfiguration configuration;
        try
        {
            configuration = Configuration(request.ConfigurationArgs);
        }
        catch (FormatException e)
        {
            // A setting without its value (--Portal:DataDirectory at the end), or a malformed appsettings file.
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var paths = PortalPaths.FromConfiguration(configuration, Directory.GetCurrentDirectory());
        if (!DatabaseSetup.IsPostgres(configuration) && !File.Exists(paths.SqliteFile))
        {
            Console.Error.WriteLine($"There is no site database at {paths.SqliteFile}. Set Portal:DataDirectory to the site's data directory.");
            return 1;
        }
        try
        {
            await using var db = DatabaseSetup.CreateReader(configuration, paths);
            return request.AllDirectory is { } directory ? await ExportAllAsync(db, directory) : await ExportOneAsync(db, request);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"export failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ExportOneAsync(PortalDb db, Request request)
    {
        var consultation = await OpenDataExport.FindAsync(db, request.Slug!, CancellationToken.None);
        if (consultation is null)
        {
            Console.Error.WriteLine($"There is no published consultation '{request.Slug}'.");
            return 1;
        }
        if (request.Output is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await OpenDataExport.WriteAsync(db, consultation, request.Format, stdout, CancellationToken.None);
            return 0;
        }
        var (count, _) = await WriteFileAsync(request.Output, stream => OpenDataExport.WriteAsync(db, consultation, request.Format, stream, CancellationToken.None));
        Console.Error.WriteLine($"{count} comments of '{consultation.Slug}' written to {request.Output}.");
        return 0;
    }

    private static async Task<int> ExportAllAsync(PortalDb db, string directory)
    {
        Directory.CreateDirectory(directory);
        var consultations = await OpenDataExport.ListAsync(db, CancellationToken.None);
        var files = 0;
        await WriteFileAsync(Path.Combine(directory, "index.json"), async stream =>
        {
            await using var index = new Utf8JsonWriter(stream, OpenDataExport.Json with { Indented = true });
            index.WriteStartObject();
            index.WriteString("generatedUtc", DateTime.UtcNow);
            index.WriteStartArray("consultations");
            foreach (var consultation in consultations)
            {
                index.WriteStartObject();
                index.WriteString("slug", consultation.Slug);
                index.WriteString("title", consultation.Title);
                index.WriteString("department", consultation.Department);
                index.WriteString("state", OpenDataExport.StateCode(consultation));
                index.WriteString("opensUtc", consultation.OpensUtc.UtcDateTime);
                index.WriteString("closesUtc", consultation.ClosesUtc.UtcDateTime);
                index.WriteStartArray("files");
                var comments = 0;
                foreach (var format in new[] { OpenDataFormat.Csv, OpenDataFormat.Json })
                {
                    var name = OpenDataExport.FileName(consultation, format);
                    var (count, info) = await WriteFileAsync(Path.Combine(directory, name), file => OpenDataExport.WriteAsync(db, consultation, format, file, CancellationToken.None));
                    comments = count;
                    files++;
                    index.WriteStartObject();
                    index.WriteString("name", name);
                    index.WriteString("mediaType", OpenDataExport.ContentType(format));
                    index.WriteNumber("bytes", info.Length);
                    index.WriteString("sha256", info.Sha256);
                    index.WriteEndObject();
                }
                index.WriteEndArray();
                index.WriteNumber("comments", comments);
                index.WriteEndObject();
            }
            index.WriteEndArray();
            index.WriteEndObject();
            await index.FlushAsync();
            return consultations.Count;
        });
        Console.Error.WriteLine($"{consultations.Count} consultations ({files} files and index.json) written to {Path.GetFullPath(directory)}.");
        return 0;
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a <c>.partial</c> file moved over it once complete (a failed write leaves the
    /// previous file as it was), and returns what the writer returned with the file's size and SHA-256.
    /// </summary>
    private static async Task<(int Result, (long Length, string Sha256) File)> WriteFileAsync(string path, Func<Stream, Task<int>> write)
    {
        var partial = path + ".partial";
        try
        {
            int result;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            await using (var hashing = new HashingStream(file, sha))
            {
                result = await write(hashing);
                await hashing.FlushAsync();
                length = file.Length;
            }
            File.Move(partial, path, overwrite: true);
            return (result, (length, Convert.ToHexStringLower(sha.GetHashAndReset())));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    private static (Request? Request, string? Error) Parse(string[] args)
    {
        string? slug = null, output = null, all = null;
        var format = OpenDataFormat.Csv;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Length:
                    var name = args[++i].ToLowerInvariant();
                    if (name is not ("csv" or "json"))
                    {
                        return (null, $"Unknown format '{args[i]}': use csv or json.");
                    }
                    format = name == "json" ? OpenDataFormat.Json : OpenDataFormat.Csv;
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--all" when i + 1 < args.Length:
                    all = args[++i];
                    break;
                case "--format" or "--out" or "--all":
                    return (null, $"{args[i]} needs a value.");
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    // Configuration, as the site takes it: --Portal:DataDirectory /srv/portal or --Portal:DataDirectory=/srv/portal.
                    rest.Add(a);
                    if (!a.Contains('=') && i + 1 < args.Length)
                    {
                        rest.Add(args[++i]);
                    }
                    break;
                case var a when slug is null:
                    slug = a;
                    break;
                default:
                    return (null, $"Unexpected argument '{args[i]}'.");
            }
        }
        if (all is not null)
        {
            return slug is null && output is null ? (new Request(null, all, format, null, [.. rest]), null) : (null, "--all writes every consultation: name no consultation and no --out.");
        }
        return slug is null ? (null, "Name the consultation to export (its slug), or --all <directory>.") : (new Request(slug, null, format, output, [.. rest]), null);
    }

    /// <summary>The configuration sources the site reads, in the same order; nothing of the web host is built.</summary>
    private static IConfiguration Configuration(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
    }

    /// <summary>A write-only stream that hashes what passes through it.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            hash.AppendData(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
