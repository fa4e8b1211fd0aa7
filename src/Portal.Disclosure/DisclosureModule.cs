using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Disclosure.Api;
using Portal.Disclosure.Model;
using Portal.Disclosure.Public;
using Portal.Disclosure.Seed;
using Portal.Identity;
using Portal.Theming;

namespace Portal.Disclosure;

public sealed class DisclosureModule : IPortalModule
{
    public ModuleManifest Manifest { get; } = new(
        "Disclosure", "Government information disclosure",
        "The nine disclosure sections: documents, service guides, the fee schedule and attachments.", "Identity");

    public IEnumerable<PermissionDefinition> Permissions => DisclosurePermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AttachmentStore>();
        services.AddScoped<INavigationProvider, SectionNavigation>();
        services.AddScoped<IHomeSlotProvider, LatestPerSection>();
        services.AddRecipeStep<SectionsStep>();
        services.AddRecipeStep<DocumentsStep>();
        services.AddRecipeStep<ServiceGuidesStep>();
        services.AddRecipeStep<FeesStep>();
        services.AddScoped<Admin.DocumentCommands>();
        services.AddScoped<Admin.GuideCommands>();
        services.AddScoped<Portal.Core.Content.IPublicContentSource, DocumentSource>();
        services.AddScoped<Portal.Core.Content.IPublicContentSource, GuideSource>();
        services.AddScoped<Portal.Core.Content.IPublicContentSource, FeeSource>();
        services.AddSingleton(new AdminMenuItem("Documents", "/admin/documents", DisclosurePermissions.EditContent, 10));
        services.AddSingleton(new AdminMenuItem("Service guides", "/admin/guides", DisclosurePermissions.EditContent, 11));
        services.AddSingleton(new AdminMenuItem("Fee schedule", "/admin/fees", DisclosurePermissions.EditContent, 12));
        services.AddSingleton(new AdminMenuItem("Sections", "/admin/sections", DisclosurePermissions.ManageSections, 13));
    }

    public void ConfigureModel(ModelBuilder model) => DisclosureModel.Configure(model);

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        BrowseSection.Map(endpoints);
        ReadDocument.Map(endpoints);
        ReadServiceGuide.Map(endpoints);
        DownloadAttachment.Map(endpoints);
        DisclosureApi.Map(endpoints);
        GuidesApi.Map(endpoints);
    }
}
