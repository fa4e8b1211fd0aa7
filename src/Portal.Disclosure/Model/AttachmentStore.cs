using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Portal.Core;

namespace Portal.Disclosure.Model;

/// <summary>
/// Keeps uploaded and imported files under the data directory with random names. The type is decided by the
/// file's first bytes, never by its name, and only PDF, DOCX and XLSX are accepted.
/// </summary>
public sealed class AttachmentStore(PortalPaths paths)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public sealed record Stored(string StoredName, string ContentType, long Size, string Sha256);

    public async Task<(Stored? File, string? Error)> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.Uploads);
        await using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return (null, "The file is empty.");
        }
        if (buffer.Length > MaxBytes)
        {
            return (null, "The file is larger than 20 MB.");
        }
        var bytes = buffer.ToArray();
        var type = Sniff(bytes, Path.GetExtension(fileName).ToLowerInvariant());
        if (type is null)
        {
            return (null, "Only PDF, DOCX and XLSX files are accepted, and the file's content must match its type.");
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var storedName = $"{Guid.NewGuid():N}{type.Value.Extension}";
        var path = Path.Combine(paths.Uploads, storedName);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
        {
            await file.WriteAsync(bytes, cancellationToken);
        }
        return (new Stored(storedName, type.Value.ContentType, bytes.Length, hash), null);
    }

    /// <summary>Stores an uploaded file and returns the (unsaved) attachment row for it, or a message saying what to fix.</summary>
    public async Task<(Attachment? Attachment, string? Error)> CreateAsync(IFormFile? file, string? title, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, "Choose a file to upload.");
        }
        await using var stream = file.OpenReadStream();
        var (stored, error) = await SaveAsync(stream, file.FileName, cancellationToken);
        if (stored is null)
        {
            return (null, error);
        }
        var name = SafeFileName(file.FileName);
        var caption = string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(name) : title.Trim();
        return (new Attachment
        {
            Title = caption.Length > 200 ? caption[..200] : caption,
            FileName = name,
            ContentType = stored.ContentType,
            Size = stored.Size,
            StoredName = stored.StoredName,
            Sha256 = stored.Sha256,
        }, null);
    }

    public static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string(file.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        return clean.Length == 0 ? "attachment" : clean.Length > 120 ? clean[^120..] : clean;
    }

    private static (string ContentType, string Extension)? Sniff(byte[] bytes, string extension)
    {
        if (bytes.Length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F')
        {
            return ("application/pdf", ".pdf");
        }
        // Office Open XML files are ZIP archives; which one it is shows in the name of its main part.
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            try
            {
                using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes), System.IO.Compression.ZipArchiveMode.Read);
                if (zip.GetEntry("word/document.xml") is not null && extension == ".docx")
                {
                    return ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
                }
                if (zip.GetEntry("xl/workbook.xml") is not null && extension == ".xlsx")
                {
                    return ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
                }
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return null;
    }
}
