using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Security;

namespace Portal.Core.Modules;

/// <summary>What a module is: its identity and the modules it cannot work without.</summary>
public sealed record ModuleManifest(string Id, string Name, string Description, params string[] Dependencies)
{
    /// <summary>Modules the site cannot run without (the model and the staff shell) cannot be switched off.</summary>
    public bool AlwaysOn { get; init; }
}

/// <summary>
/// The one entry class of a module. The host discovers every implementation, asks enabled modules to
/// register services and endpoints, and asks every module (enabled or not) for its part of the data model
/// so that the database schema and its migrations do not depend on configuration.
/// </summary>
public interface IPortalModule
{
    ModuleManifest Manifest { get; }

    IEnumerable<PermissionDefinition> Permissions => [];

    void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    void ConfigureModel(ModelBuilder model) { }

    void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
