using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Portal.Core;
using Portal.Core.Modules;
using Portal.Theming;

namespace Portal.Web.Hosting;

public static class PortalPipeline
{
    /// <summary>How long start-up took, and how much of it went to the JIT (tests/bench/startup.sh measures from outside).</summary>
    private static void LogStartUp(ILogger logger)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        logger.LogInformation("First request answered {Elapsed} ms after the process started; the JIT compiled {Methods} methods in {JitElapsed} ms",
            (long)(DateTime.Now - process.StartTime).TotalMilliseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds);
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<PortalPaths>();
        // Before anything reads the client's address or scheme.
        app.UseTrustedProxies();
        // Catch-up work in the background (search index, audit sealer) waits for the first answer: see FirstRequestGate.
        var firstRequest = app.Services.GetRequiredService<FirstRequestGate>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next();
            }
            finally
            {
                if (firstRequest.Answered())
                {
                    LogStartUp(app.Logger);
                }
            }
        });
        // First, so that error and status pages speak the reader's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorAsync });
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = WriteStatusPageAsync });
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS responses: browsers then refuse plain HTTP for the site for a year.
            app.UseHsts();
        }
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            await next();
        });
        app.UseStaticFiles();
        app.UseThemeAssets(paths);
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        // After authentication: signed-in staff never get (or fill) the public page cache.
        app.UseOutputCache();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapRazorPages();
        HomePage.Map(app);
        SiteMapPage.Map(app);
        Feeds.Map(app);
        LanguageEndpoint.Map(app);
        foreach (var module in app.Services.GetRequiredService<ModuleCatalog>().Enabled)
        {
            module.MapEndpoints(app);
        }
        return app;
    }

    private static bool WantsJson(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static async Task WriteStatusPageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var code = context.Response.StatusCode;
        if (WantsJson(context))
        {
            await Results.Problem(statusCode: code).ExecuteAsync(context);
            return;
        }
        var pages = context.RequestServices.GetRequiredService<ThemedPages>();
        var message = code switch
        {
            404 => pages.Translate("The page you asked for does not exist. Check the address, or start from the home page."),
            405 => pages.Translate("This address does not accept that kind of request."),
            _ => pages.Translate("The request could not be handled."),
        };
        await (await ErrorPages.RenderAsync(context, pages, code, message)).ExecuteAsync(context);
    }

    private static async Task WriteErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        // Oversized or malformed request bodies are the client's mistake, not ours.
        var code = error switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            // A form that cannot be read (no multipart boundary, a cut-off body) or a missing antiforgery token.
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
            InvalidDataException when context.Request.HasFormContentType => StatusCodes.Status400BadRequest,
            _ when error is not null && context.RequestServices.GetRequiredService<Portal.Core.Data.IDatabaseBusy>().IsBusy(error) => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
        context.Response.StatusCode = code;
        var pages = context.RequestServices.GetRequiredService<ThemedPages>();
        var message = code switch
        {
            500 => pages.Translate("Something went wrong on our side. Nothing you entered was lost; please try again in a moment."),
            // The database stayed locked past its lock wait: nothing of the request was stored (Portal.Core.Data.IDatabaseBusy).
            503 => pages.Translate(Portal.Core.Data.DatabaseBusyAnswer.Message),
            _ => pages.Translate("The request could not be read."),
        };
        if (code == 503)
        {
            context.Response.Headers.RetryAfter = Portal.Core.Data.DatabaseBusyAnswer.RetryAfterSeconds;
        }
        if (WantsJson(context))
        {
            await Results.Problem(statusCode: code, title: code switch { 500 => "Unexpected error", 503 => "Busy", _ => "Bad request" },
                detail: code == 503 ? message : null).ExecuteAsync(context);
            return;
        }
        try
        {
            await (await ErrorPages.RenderAsync(context, pages, code, message)).ExecuteAsync(context);
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            await context.Response.WriteAsync(message);
        }
    }
}
