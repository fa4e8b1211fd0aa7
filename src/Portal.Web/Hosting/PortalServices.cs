using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.WebEncoders;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Data;
using Portal.Core.Localization;
using Portal.Core.Modules;
using Portal.Theming;
using Portal.Web.Data;

namespace Portal.Web.Hosting;

public static class PortalServices
{
    /// <summary>Everything the site needs: core, theming, the database, and each enabled module's registrations.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var paths = PortalPaths.FromConfiguration(configuration, builder.Environment.ContentRootPath);
        var modules = ModuleCatalog.Create(configuration);
        services.AddSingleton(modules);
        services.AddPortalCore(paths);
        services.AddPortalTheming();
        services.AddPortalDatabase(configuration, paths, threadSafetyChecks: builder.Environment.IsDevelopment() || configuration.GetValue<bool>("Portal:Database:ThreadSafetyChecks"));
        services.AddPublicPageCache(configuration);
        services.AddTrustedProxies(configuration);
        services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDb>().ProtectKeysAtRest(configuration);
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        var mvc = services.AddRazorPages(o => o.Conventions.AuthorizeAreaFolder("Admin", "/"))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<TextCatalog>(FormBinding.Configure);
        foreach (var module in modules.Enabled)
        {
            module.ConfigureServices(services, configuration);
        }
        services.AddPublicPageCacheInterceptor();
        // Referenced module assemblies are application parts by default; a switched-off module's pages must go too.
        var disabled = modules.All.Except(modules.Enabled).Select(m => m.GetType().Assembly.GetName().Name).ToHashSet();
        mvc.ConfigureApplicationPartManager(parts =>
        {
            foreach (var part in parts.ApplicationParts.Where(p => disabled.Contains(p.Name)).ToList())
            {
                parts.ApplicationParts.Remove(part);
            }
        });
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portal.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "portal.msg";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(TextCatalog.DefaultCulture);
            o.AddSupportedCultures([.. TextCatalog.SupportedCultures]);
            o.AddSupportedUICultures([.. TextCatalog.SupportedCultures]);
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageEndpoint.CookieName }, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" }];
        });
        services.AddHealthChecks().AddDbContextCheck<PortalDb>("database");
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddScoped<SiteInitializer>();
        services.AddOpenApi("v1");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
        });
        return builder;
    }
}
