using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Audit.Model;
using Portal.Core.Audit;
using Portal.Core.Modules;
using Portal.Core.Security;
using Portal.Identity;

namespace Portal.Audit;

public sealed class AuditModule : IPortalModule
{
    public ModuleManifest Manifest { get; } = new(
        "Audit", "Audit trail",
        "An append-only, hash-chained record of every staff action and citizen receipt, with a daily published head.",
        "Identity");

    public IEnumerable<PermissionDefinition> Permissions => AuditPermissions.All;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<ISaveChangesInterceptor>(sp => sp.GetRequiredService<AuditRecorder>());
        services.Replace(ServiceDescriptor.Scoped<IAuditTrail>(sp => sp.GetRequiredService<AuditRecorder>()));
        services.AddScoped<AuditChain>();
        services.AddHostedService<AuditSealer>();
        services.AddSingleton(new AdminMenuItem("Audit trail", "/admin/audit", AuditPermissions.ViewAudit, 90));
    }

    public void ConfigureModel(ModelBuilder model) => AuditModel.Configure(model);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => AuditPages.Map(endpoints);
}
