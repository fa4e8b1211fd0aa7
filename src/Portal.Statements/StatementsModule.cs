using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core;
using Portal.Core.Content;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Disclosure.Public;
using Portal.Identity;
using Portal.Statements.Admin;
using Portal.Statements.Api;
using Portal.Statements.Model;
using Portal.Statements.Public;
using Portal.Statements.Seed;
using Portal.Theming;

namespace Portal.Statements;

public sealed class StatementsModule : IPortalModule
{
    public ModuleManifest Manifest { get; } = new(
        "Statements", "Spokesperson statements",
        "Press releases, statements, press conference transcripts and policy interpretations, released on time under embargo and corrected in public.",
        "Identity", "Disclosure", "Consultations");

    public IEnumerable<PermissionDefinition> Permissions => StatementsPermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DraftStatement>();
        services.AddScoped<PublishStatement>();
        services.AddScoped<CorrectStatement>();
        services.AddScoped<RetractStatement>();
        services.AddSingleton<StatementSchedule>();
        services.AddHostedService<StatementPublisher>();
        services.AddScoped<IPublicContentSource, StatementsSource>();
        services.AddScoped<IHomeSlotProvider, StatementContributions>();
        services.AddScoped<ISectionBlockProvider, StatementContributions>();
        services.AddScoped<IRelatedContentProvider, StatementContributions>();
        services.AddRecipeStep<StatementsStep>();
        services.AddSingleton(new AdminMenuItem("Statements", "/admin/statements", StatementsPermissions.Draft, 30));
    }

    public void ConfigureModel(ModelBuilder model) => StatementsModel.Configure(model);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        StatementPages.Map(endpoints);
        StatementsApi.Map(endpoints);
    }
}
