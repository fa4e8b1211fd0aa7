using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core;
using Portal.Core.Modules;
using Portal.Search.Index;
using Portal.Search.Public;
using Portal.Search.Query;

namespace Portal.Search;

public sealed class SearchModule : IPortalModule
{
    public ModuleManifest Manifest { get; } = new(
        "Search", "Search",
        "Chinese and English full-text search over everything public, kept fresh from the content change log.");

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SearchOptions>(configuration.GetSection("Portal:Search"));
        services.AddSingleton(sp => new IndexLocation(Path.Combine(sp.GetRequiredService<PortalPaths>().DataDirectory, "search")));
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<IndexBuilder>();
        services.AddSingleton<Reindexer>();
        services.AddSingleton<SearchService>();
        services.AddSingleton<IndexUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexUpdater>());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        SearchPage.Map(endpoints);
        SearchApi.Map(endpoints);
    }
}
