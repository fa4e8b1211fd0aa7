using Microsoft.AspNetCore.Http.Features;

namespace Portal.Web.Hosting;

/// <summary>
/// HEAD is answered as the GET it stands for, without the body (RFC 9110, 9.3.2). Endpoints are mapped for GET only,
/// so every page, feed and attachment answered HEAD with 405, and link checkers and the uptime monitors of website
/// inspections send HEAD. Placed after the static files, which answer HEAD themselves; the public page cache serves
/// HEAD from the GET copy.
/// </summary>
internal static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Features.Get<IHttpResponseBodyFeature>()!;
        context.Request.Method = HttpMethods.Get;
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(body);
            context.Request.Method = HttpMethods.Head;
        }
    });
}
