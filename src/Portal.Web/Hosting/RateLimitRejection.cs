using System.Globalization;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Theming;

namespace Portal.Web.Hosting;

/// <summary>429 with <c>Retry-After</c> and a sentence a person can act on: a themed page, or problem JSON for the API.</summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var pages = http.RequestServices.GetRequiredService<ThemedPages>();
        var message = string.Format(CultureInfo.CurrentCulture, pages.Translate("Too many submissions from your connection in a short time. Please wait {0} seconds and send it again; what you wrote is still in your browser."), seconds);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: 429, title: "Too many requests", detail: message).ExecuteAsync(http);
            return;
        }
        await (await ErrorPages.RenderAsync(http, pages, 429, message)).ExecuteAsync(http);
    }
}
