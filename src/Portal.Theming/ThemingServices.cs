using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Portal.Core;

namespace Portal.Theming;

public static class ThemingServices
{
    public static IServiceCollection AddPortalTheming(this IServiceCollection services)
    {
        services.AddSingleton<ThemeCatalog>();
        services.AddSingleton<LiquidRenderer>();
        services.AddScoped<ThemedPages>();
        return services;
    }

    /// <summary>Serves each theme's <c>wwwroot</c> under <c>/themes/{id}/</c>, cached for a year (URLs carry a version).</summary>
    public static IApplicationBuilder UseThemeAssets(this IApplicationBuilder app, PortalPaths paths)
    {
        if (!Directory.Exists(paths.Themes))
        {
            return app;
        }
        foreach (var dir in Directory.EnumerateDirectories(paths.Themes))
        {
            var assets = Path.Combine(dir, "wwwroot");
            if (!Directory.Exists(assets))
            {
                continue;
            }
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/themes/" + Path.GetFileName(dir),
                FileProvider = new PhysicalFileProvider(assets),
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = ctx =>
                {
                    ctx.Context.Response.Headers.CacheControl = ctx.Context.Request.Query.ContainsKey("v")
                        ? "public, max-age=31536000, immutable"
                        : "public, max-age=300";
                    ctx.Context.Response.Headers.XContentTypeOptions = "nosniff";
                },
            });
        }
        return app;
    }
}
