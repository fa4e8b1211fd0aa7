using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Events;
using Portal.Core.Localization;
using Portal.Core.Notifications;
using Portal.Core.Recipes;
using Portal.Core.Settings;

namespace Portal.Core;

public static class CoreServices
{
    public static IServiceCollection AddPortalCore(this IServiceCollection services, PortalPaths paths)
    {
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<ISiteSettings, SiteSettings>();
        services.AddSingleton(new TextCatalog());
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddScoped<IEventPublisher, EventPublisher>();
        services.AddSingleton<GroupCommit>();
        services.TryAddSingleton<Data.IDatabaseBusy, Data.NeverBusy>();
        services.AddSingleton<FirstRequestGate>();
        services.TryAddScoped<INotificationOutbox, DiscardingOutbox>();
        services.TryAddScoped<Audit.IAuditTrail, Audit.NoAuditTrail>();
        services.AddSingleton<RecipeExecutor>();
        services.AddRecipeStep<SettingsStep>();
        services.AddScoped<Data.DataUpgrades>();
        return services;
    }

    /// <summary>A one-off pass over stored rows, run at start on every site that has not run its version (<see cref="Data.IDataUpgrade"/>).</summary>
    public static IServiceCollection AddDataUpgrade<TUpgrade>(this IServiceCollection services) where TUpgrade : class, Data.IDataUpgrade
    {
        services.AddScoped<Data.IDataUpgrade, TUpgrade>();
        return services;
    }

    public static IServiceCollection AddRecipeStep<TStep>(this IServiceCollection services) where TStep : class, IRecipeStep
    {
        services.AddScoped<IRecipeStep, TStep>();
        return services;
    }
}
