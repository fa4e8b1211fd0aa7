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
using Portal.Consultations.Api;
using Portal.Consultations.Model;
using Portal.Consultations.Public;
using Portal.Consultations.Seed;
using Portal.Core;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Disclosure.Public;
using Portal.Identity;
using Portal.Theming;

namespace Portal.Consultations;

public sealed class ConsultationsModule : IPortalModule
{
    public const string CommentRateLimit = "consultations-comments";

    public ModuleManifest Manifest { get; } = new(
        "Consultations", "Decision drafts for public comment",
        "Drafts posted at least a week before adoption, public comments, a response to every comment, and the published outcome.",
        "Identity", "Disclosure");

    public IEnumerable<PermissionDefinition> Permissions => ConsultationsPermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ConsultationOptions>(configuration.GetSection("Portal:Consultations"));
        services.AddSingleton(ConsultationOptions.ModerationSetting(configuration.GetValue<bool>("Portal:Consultations:PostModeration")));
        services.AddScoped<SubmitComment.Handler>();
        services.AddScoped<SubmitComment.Store>();
        services.AddScoped<DecisionDrafts>();
        services.AddScoped<Portal.Disclosure.Model.IAttachmentOwner, ConsultationAttachmentOwner>();
        services.AddScoped<ModerateComment>();
        services.AddScoped<RecordReceivedComment>();
        services.AddScoped<RespondToComment>();
        services.AddScoped<FinalizeDecision>();
        services.AddScoped<IHomeSlotProvider, ConsultationContributions>();
        services.AddScoped<ISectionBlockProvider, ConsultationContributions>();
        services.AddRecipeStep<ConsultationsStep>();
        services.AddDataUpgrade<StoredCommentMasking>();
        services.AddScoped<Portal.Core.Content.IPublicContentSource, ConsultationSource>();
        services.AddScoped<Portal.Core.Content.IPublicContentSource, CommentSource>();
        services.AddScoped<ConsultationChanges>();
        services.AddScoped<Portal.Core.Events.IEventHandler<DecisionPublished>>(sp => sp.GetRequiredService<ConsultationChanges>());
        services.AddScoped<Portal.Core.Events.IEventHandler<DecisionFinalized>>(sp => sp.GetRequiredService<ConsultationChanges>());
        services.AddScoped<Portal.Core.Events.IEventHandler<CommentPublished>>(sp => sp.GetRequiredService<ConsultationChanges>());
        services.AddScoped<Portal.Core.Events.IEventHandler<CommentRejected>>(sp => sp.GetRequiredService<ConsultationChanges>());
        services.AddPerAddressLimit(CommentRateLimit, http => http.RequestServices.GetRequiredService<IOptions<ConsultationOptions>>().Value.CommentsPerIpPerMinute);
        services.AddSingleton(new AdminMenuItem("Consultations", "/admin/consultations", ConsultationsPermissions.AnyConsultationWork, 20));
    }

    public void ConfigureModel(ModelBuilder model) => ConsultationsModel.Configure(model);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ConsultationPages.Map(endpoints);
        ConsultationsApi.Map(endpoints);
    }
}
