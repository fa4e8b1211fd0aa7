using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Portal.Core;
using Portal.Core.Data;
using Portal.Disclosure.Model;

namespace Portal.Disclosure.Public;

/// <summary>Serves an attachment of public content from outside the web root, with its type, size and safe headers.</summary>
public static class DownloadAttachment
{
    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/attachments/{id:int}/{fileName}", async (int id, HttpContext http, PortalDb db, PortalPaths paths, TimeProvider clock, IEnumerable<IAttachmentOwner> owners) =>
        {
            var now = clock.GetUtcNow();
            var attachment = await db.Set<Attachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, http.RequestAborted);
            if (attachment is null || !await IsPublicAsync(db, owners, attachment, now, http.RequestAborted))
            {
                return Results.NotFound();
            }
            var path = Path.Combine(paths.Uploads, attachment.StoredName);
            return File.Exists(path) ? Serve(http, path, attachment.ContentType, attachment.FileName, attachment.Sha256, attachment.Title) : Results.NotFound();
        });

    /// <summary>
    /// A stored file of public content (statements and hearing materials serve theirs the same way), with headers that
    /// keep it from running as a page. Caches may keep the bytes but must ask again before each reuse (<c>no-cache</c>):
    /// a file that is unpublished, retracted or whose page is taken down must stop being served at once, not when a
    /// cached copy expires. Asking again costs a 304 while the file is still public, since the tag changes only with the
    /// bytes (<paramref name="version"/>: the content's hash, or the stored name of a file never rewritten in place).
    /// The file is saved under its <paramref name="title"/> (<see cref="AttachmentNames.Download"/>) through
    /// <c>filename*</c> (RFC 6266, UTF-8), with the stored ASCII name as <c>filename</c> for clients that cannot read it.
    /// </summary>
    public static IResult Serve(HttpContext http, string path, string contentType, string fileName, string version, string? title = null)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.CacheControl = "public, no-cache";
        var disposition = new ContentDispositionHeaderValue("attachment");
        if (Ascii.IsValid(fileName))
        {
            disposition.FileName = fileName;
        }
        disposition.FileNameStar = AttachmentNames.Download(title, fileName, Labels.TypeLabel(contentType));
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return Results.File(path, contentType, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{version[..Math.Min(16, version.Length)]}\""));
    }

    private static async Task<bool> IsPublicAsync(PortalDb db, IEnumerable<IAttachmentOwner> owners, Attachment a, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (a.OwnerKind is { } kind && a.OwnerId is { } ownerId)
        {
            return owners.FirstOrDefault(o => o.Kind == kind) is { } owner && await owner.IsPublicAsync(ownerId, now, cancellationToken);
        }
        if (a.DocumentId is { } documentId)
        {
            return await db.Set<Document>().PublicAt(now).AnyAsync(d => d.Id == documentId, cancellationToken);
        }
        if (a.ServiceGuideId is { } guideId)
        {
            return await db.Set<ServiceGuide>().PublicAt(now).AnyAsync(g => g.Id == guideId, cancellationToken);
        }
        return false;
    }
}
