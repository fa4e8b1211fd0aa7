using Microsoft.AspNetCore.Http;

namespace Portal.Theming;

[LiquidModel]
public sealed record ErrorPage(int Status, string Title, string Message);

/// <summary>The theme's error page, with a message a person can act on.</summary>
public static class ErrorPages
{
    public static Task<IResult> RenderAsync(HttpContext http, ThemedPages pages, int status, string message)
    {
        var title = status switch
        {
            404 => pages.Translate("Page not found"),
            400 => pages.Translate("This request cannot be read"),
            403 => pages.Translate("Access denied"),
            _ => pages.Translate("Something went wrong"),
        };
        return pages.PageAsync(http, "Error", new ErrorPage(status, title, message), new PageMeta(title), status);
    }
}
