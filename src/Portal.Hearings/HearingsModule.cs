using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Consultations.Admin;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Hearings.Admin;
using Portal.Hearings.Api;
using Portal.Hearings.Model;
using Portal.Hearings.Public;
using Portal.Hearings.Seed;
using Portal.Identity;
using Portal.Theming;

namespace Portal.Hearings;

public sealed class HearingsModule : IPortalModule
{
    public const string SignUpRateLimit = "hearings-signups";

    public ModuleManifest Manifest { get; } = new(
        "Hearings", "Public hearings",
        "Hearing notices, sign-ups with capacity and waitlist, the public lottery, the participant list, and the hearing record.",
        "Identity", "Disclosure", "Consultations");

    public IEnumerable<PermissionDefinition> Permissions => HearingsPermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HearingOptions>(configuration.GetSection("Portal:Hearings"));
        services.AddScoped<SignUpForHearing.Handler>();
        services.AddScoped<SignUpForHearing.Store>();
        services.AddScoped<CancelSignUp>();
        services.AddScoped<ScheduleHearing>();
        services.AddScoped<DrawLottery>();
        services.AddScoped<CancelHearing>();
        services.AddScoped<HearingParticipants>();
        services.AddScoped<PublishRecord>();
        services.AddScoped<AddHearingOpinions>();
        services.AddScoped<IHomeSlotProvider, HearingContributions>();
        services.AddScoped<INavigationProvider, HearingContributions>();
        services.AddScoped<IPublicContentSource, HearingContentSource>();
        services.AddRecipeStep<HearingsStep>();
        services.AddPerAddressLimit(SignUpRateLimit, http => http.RequestServices.GetRequiredService<IOptions<HearingOptions>>().Value.SignUpsPerIpPerMinute);
        services.AddSingleton(new AdminMenuItem("Hearings", "/admin/hearings", HearingsPermissions.ManageRegistrations, 25));
    }

    public void ConfigureModel(ModelBuilder model) => HearingsModel.Configure(model);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        HearingPages.Map(endpoints);
        HearingsApi.Map(endpoints);
    }
}
