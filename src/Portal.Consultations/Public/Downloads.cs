using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Core.Data;

namespace Portal.Consultations.Public;

/// <summary>The download links of a consultation's open data (see <see cref="OpenDataExport"/>).</summary>
internal static class Downloads
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/consultations/{slug}/comments.csv", (string slug, HttpContext http, PortalDb db) => WriteAsync(http, db, slug, OpenDataFormat.Csv));
        endpoints.MapGet("/consultations/{slug}/comments.json", (string slug, HttpContext http, PortalDb db) => WriteAsync(http, db, slug, OpenDataFormat.Json));
    }

    private static async Task WriteAsync(HttpContext http, PortalDb db, string slug, OpenDataFormat format)
    {
        var consultation = await OpenDataExport.FindAsync(db, slug, http.RequestAborted);
        if (consultation is null)
        {
            http.Response.StatusCode = 404;
            return;
        }
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{OpenDataExport.FileName(consultation, format)}\"";
        http.Response.ContentType = OpenDataExport.ContentType(format);
        await OpenDataExport.WriteAsync(db, consultation, format, http.Response.Body, http.RequestAborted);
    }
}
