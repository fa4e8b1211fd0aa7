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
            if (!File.Exists(path))
            {
                return Results.NotFound();
            }
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(path, attachment.ContentType, attachment.FileName, enableRangeProcessing: true,
                entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256[..16]}\""));
        });

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
