using Microsoft.AspNetCore.Localization;
using Portal.Core.Localization;

namespace Portal.Web.Hosting;

/// <summary><c>/lang/en?returnUrl=/x</c>: remembers the reader's language in a cookie for a year.</summary>
internal static class LanguageEndpoint
{
    public const string CookieName = "portal.lang";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/lang/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!TextCatalog.SupportedCultures.Contains(culture))
            {
                return Results.BadRequest();
            }
            http.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
            });
            // LocalRedirect throws (a 500) on anything it does not take for a local path, control characters included.
            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
                && !returnUrl.Any(char.IsControl) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        });
}
